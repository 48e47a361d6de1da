package dev.vmalab.traces.cli;

import dev.vmalab.traces.format.TraceInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import picocli.CommandLine;

/**
 * How every vmalab command line reports a failure: one line, no stack trace (unless
 * {@code --debug}, taken off the arguments by {@link #debugFrom}). A usage error prints its
 * reason and a {@code --help} hint (exit 2); bad input prints {@code FILE:LINE: reason} or
 * {@code FILE: reason} (exit 1). Installed by {@code dev.vmalab.cli.Main} and the replay and
 * report command lines, so the forked cells and the tests report the same way.
 */
public final class CliErrors {
    public static final int INPUT = 1;
    public static final int USAGE = 2;
    /** The flag that brings the stack trace back. */
    public static final String DEBUG = "--debug";

    private static volatile boolean debug = Boolean.getBoolean("vmalab.debug");

    private CliErrors() {}

    /** {@code args} without {@code --debug} (anywhere), which switches stack traces on. */
    public static String[] debugFrom(String[] args) {
        List<String> rest = new java.util.ArrayList<>();
        for (String a : args) {
            if (a.equals(DEBUG)) {
                debug = true;
                System.setProperty("vmalab.debug", "true"); // forked cell JVMs inherit it through the launcher
            } else {
                rest.add(a);
            }
        }
        return rest.toArray(String[]::new);
    }

    public static boolean debug() {
        return debug;
    }

    public static CommandLine install(CommandLine cl) {
        CliHelp.showDefaults(cl);
        cl.setParameterExceptionHandler(CliErrors::usage);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, cmd));
        return cl;
    }

    static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            err.println("did you mean: " + String.join(", ", u.getSuggestions()) + "?");
        }
        err.println("Try '" + launcher(name) + " --help' for the options.");
        if (debug) e.printStackTrace(err);
        err.flush();
        return USAGE;
    }

    static int failure(Exception e, CommandLine cmd) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        if (e instanceof CommandLine.ParameterException p) return usage(p, new String[0]);
        err.println(name + ": " + message(e));
        if (debug) {
            e.printStackTrace(err);
        } else if (!isInputProblem(e)) {
            err.println("(an internal error; run again with --debug for the stack trace)");
        }
        err.flush();
        return INPUT;
    }

    /** The one line for an exception: the lab's own messages as they are, a file system error as {@code FILE: reason}. */
    public static String message(Throwable e) {
        Throwable t = e;
        while ((t instanceof UncheckedIOException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TraceInputException) return t.getMessage();
        if (t instanceof NoSuchFileException f) return f.getFile() + ": no such file or directory";
        if (t instanceof AccessDeniedException f) return f.getFile() + ": permission denied";
        if (t instanceof NotDirectoryException f) return f.getFile() + ": not a directory";
        if (t instanceof java.nio.file.FileAlreadyExistsException f) return f.getFile() + ": already exists and is not a directory";
        if (t instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        if (t.getMessage() == null) return t.getClass().getSimpleName();
        if (t instanceof IOException || t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
            return t.getMessage();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Bad input or a file system refusal, as opposed to a bug of the lab. */
    static boolean isInputProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TraceInputException || t instanceof IOException || t instanceof UncheckedIOException) return true;
            if (t.getClass().getSimpleName().equals("ResultFormatException")) return true; // reports' input error
        }
        return false;
    }

    private static String launcher(String qualifiedName) {
        int space = qualifiedName.indexOf(' ');
        return "./vmalab" + (space < 0 ? "" : qualifiedName.substring(space));
    }
}
