package dev.vmalab.traces.io;

import java.io.IOException;
import java.nio.file.Path;

/** An output path the lab refuses to write to (a device, a FIFO, a directory, the input...): nothing was written. */
public final class UnsafeOutputException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnsafeOutputException(Path target, String reason) {
        super(target + ": " + reason);
    }
}
