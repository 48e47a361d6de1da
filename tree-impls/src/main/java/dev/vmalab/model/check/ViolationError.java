package dev.vmalab.model.check;

/** Thrown by {@link ViolationSink#THROW}. */
public final class ViolationError extends RuntimeException {
    private final transient Violation violation;

    public ViolationError(Violation violation) {
        super(violation.toString());
        this.violation = violation;
    }

    public Violation violation() {
        return violation;
    }
}
