package dev.vmalab.reports.results;

import java.nio.file.Path;

/**
 * A result file is missing or does not follow docs/result-format.md. The message names the
 * file, the line (when there is one) and the reason, so the user can open the file and fix it.
 */
public final class ResultFormatException extends RuntimeException {
    private final Path file;
    private final long line;

    public ResultFormatException(Path file, long line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public ResultFormatException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.line = 0;
    }

    public Path file() {
        return file;
    }

    /** 1-based line of the offending record, or 0 when the problem is not tied to a line. */
    public long line() {
        return line;
    }
}
