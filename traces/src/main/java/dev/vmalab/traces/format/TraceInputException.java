package dev.vmalab.traces.format;

/**
 * Input that cannot be read as a trace: names the file, the line (1-based; 0 when
 * the problem is not on one line) and the reason, so the user can open the file
 * at that line. Unchecked because it escapes from lazy streams.
 */
public final class TraceInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String reason;

    public TraceInputException(String file, long line, String reason) {
        this(file, line, reason, null);
    }

    public TraceInputException(String file, long line, String reason, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
