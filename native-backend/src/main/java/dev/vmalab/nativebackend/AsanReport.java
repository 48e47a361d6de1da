package dev.vmalab.nativebackend;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One AddressSanitizer report, as ASan handed it to the library's error-report callback
 * ({@code __asan_set_error_report_callback}): the full text, with the access stack, the stack that
 * freed the memory and the one that allocated it.
 *
 * @param text the report as ASan printed it
 */
public record AsanReport(String text) {

    private static final Pattern KIND = Pattern.compile("ERROR: AddressSanitizer: ([\\w-]+)");
    private static final Pattern FRAME = Pattern.compile("^\\s*#(\\d+) 0x[0-9a-f]+ in (\\S+)(?: (\\S+))?", Pattern.MULTILINE);
    private static final Pattern ACCESS = Pattern.compile("^(READ|WRITE) of size (\\d+)", Pattern.MULTILINE);

    /** The error kind, e.g. {@code heap-use-after-free}; {@code unknown} if the text has none. */
    public String kind() {
        Matcher m = KIND.matcher(text);
        return m.find() ? m.group(1) : "unknown";
    }

    /** A read or write of memory already freed ({@code heap-use-after-free}). */
    public boolean isUseAfterFree() {
        return kind().equals("heap-use-after-free");
    }

    /**
     * The frames of the first stack (the faulting access), innermost first, as
     * {@code function file:line} ({@code function} alone when ASan has no line).
     */
    public List<String> accessStack() {
        return stackFrom(0);
    }

    /** The stack that freed the memory ({@code freed by thread ...}), empty when the report has none. */
    public List<String> freedByStack() {
        int at = text.indexOf("freed by thread");
        return at < 0 ? List.of() : stackFrom(at);
    }

    /** The stack that allocated the memory ({@code previously allocated by thread ...}), or empty. */
    public List<String> allocatedByStack() {
        int at = text.indexOf("allocated by thread");
        return at < 0 ? List.of() : stackFrom(at);
    }

    /** E.g. {@code READ of size 8}; {@code unknown access} when the report has no such line. */
    public String access() {
        Matcher m = ACCESS.matcher(text);
        return m.find() ? m.group(1) + " of size " + m.group(2) : "unknown access";
    }

    /** Frames as {@code function file:line} with the directory dropped from the file: for one-line messages. */
    public static List<String> brief(List<String> frames) {
        return frames.stream().map(f -> f.replaceAll(" \\S*/([^/\\s]+)$", " $1")).toList();
    }

    private List<String> stackFrom(int from) {
        List<String> out = new ArrayList<>();
        Matcher m = FRAME.matcher(text);
        m.region(from, text.length());
        int expected = 0;
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n != expected) break; // the next stack (freed by / allocated by) starts again at #0
            out.add(m.group(3) == null ? m.group(2) : m.group(2) + " " + m.group(3));
            expected++;
        }
        return out;
    }

    /** True when any frame of the access stack is in the named function, e.g. {@code mtree_range_walk}. */
    public boolean accessedIn(String function) {
        for (String f : accessStack()) {
            if (f.equals(function) || f.startsWith(function + " ")) return true;
        }
        return false;
    }
}
