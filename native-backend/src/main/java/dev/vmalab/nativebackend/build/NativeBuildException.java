package dev.vmalab.nativebackend.build;

import java.io.Serial;

/** The native library could not be built; the message says what is missing and how to get it. */
public final class NativeBuildException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public NativeBuildException(String message) {
        super(message);
    }

    public NativeBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
