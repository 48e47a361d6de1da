package dev.vmalab.reports.cli;

import dev.vmalab.reports.results.ResultFormatException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Turns the errors a user can fix (bad folder, unwritable output) into one line and exit code 1 (bad input). */
final class Failures {
    static final int BAD_INPUT = 1;

    private Failures() {}

    static int reported(String command, PrintWriter err, Runnable work) {
        try {
            work.run();
            return 0;
        } catch (ResultFormatException | UncheckedIOException e) {
            err.println("vmalab " + command + ": " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
    }
}
