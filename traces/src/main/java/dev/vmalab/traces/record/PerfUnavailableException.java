package dev.vmalab.traces.record;

/** perf is missing or may not record the vmalab events here; the message says what to change. */
public final class PerfUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public PerfUnavailableException(String message) {
        super(message);
    }
}
