package dev.vmalab.traces.perf;

/**
 * Parses the fixed fields of {@code perf script} lines in both layouts:
 * <pre>
 *   default:       "  C2 CompilerThre  4488 [001]   353.825984:  exceptions:page_fault_user: address=..."
 *   -F ... --ns:   "          mmtest  7615/7617  [001]   515.863016323:  exceptions:page_fault_user: ..."
 * </pre>
 * The command name may contain spaces, so the line is anchored on the
 * {@code [cpu]} field: the number just before it is the tid (or pid/tid).
 * Hand-written rather than a regex: this is the importer's hot loop.
 */
final class PerfLineParser {
    private PerfLineParser() {}

    /** Parses a line, or throws IllegalArgumentException saying what is wrong with it. */
    static PerfLine parse(String line) {
        int open = cpuBracket(line);
        if (open < 0) throw new IllegalArgumentException("no [cpu] field");
        int close = line.indexOf(']', open);
        int cpu = parseInt(line, open + 1, close, "cpu");

        // pid/tid or tid: the token before the bracket.
        int idEnd = open;
        while (idEnd > 0 && line.charAt(idEnd - 1) == ' ') idEnd--;
        int idStart = idEnd;
        while (idStart > 0 && isIdChar(line.charAt(idStart - 1))) idStart--;
        if (idStart == idEnd) throw new IllegalArgumentException("no thread id before [cpu]");
        int slash = line.indexOf('/', idStart);
        int pid;
        int tid;
        if (slash >= 0 && slash < idEnd) {
            pid = parseInt(line, idStart, slash, "pid");
            tid = parseInt(line, slash + 1, idEnd, "tid");
        } else {
            pid = -1;
            tid = parseInt(line, idStart, idEnd, "tid");
        }
        String comm = line.substring(0, idStart).strip();

        // time: seconds.fraction followed by ':'
        int t = skipSpaces(line, close + 1);
        int colon = line.indexOf(':', t);
        if (colon < 0) throw new IllegalArgumentException("no time field");
        long timeNs = parseTime(line, t, colon);

        int e = skipSpaces(line, colon + 1);
        int eventEnd;
        int argsStart;
        if (line.startsWith("PERF_RECORD_", e)) {
            eventEnd = e;
            while (eventEnd < line.length() && isNameChar(line.charAt(eventEnd))) eventEnd++;
            argsStart = eventEnd;
        } else {
            // Tracepoint "subsystem:name:"; the name ends at the colon that a space (or the line's end) follows.
            eventEnd = e;
            while (true) {
                eventEnd = line.indexOf(':', eventEnd);
                if (eventEnd < 0) throw new IllegalArgumentException("no event name");
                if (eventEnd + 1 == line.length() || line.charAt(eventEnd + 1) == ' ') break;
                eventEnd++;
            }
            argsStart = Math.min(line.length(), eventEnd + 2);
        }
        if (eventEnd == e) throw new IllegalArgumentException("no event name");
        return new PerfLine(comm, pid, tid, cpu, timeNs, line.substring(e, eventEnd), line.substring(argsStart));
    }

    /** Index of the '[' of the first " [digits]" field, or -1. */
    private static int cpuBracket(String line) {
        int from = 0;
        while (true) {
            int open = line.indexOf('[', from);
            if (open < 0) return -1;
            int i = open + 1;
            while (i < line.length() && Character.isDigit(line.charAt(i))) i++;
            if (i > open + 1 && i < line.length() && line.charAt(i) == ']' && open > 0 && line.charAt(open - 1) == ' ') {
                return open;
            }
            from = open + 1;
        }
    }

    /** "353.825984" (microseconds, the default) or "515.863016323" (--ns) to nanoseconds. */
    static long parseTime(String s, int from, int to) {
        int dot = s.indexOf('.', from);
        if (dot < 0 || dot >= to) {
            return Math.multiplyExact(parseLong(s, from, to, "time"), 1_000_000_000L);
        }
        long seconds = parseLong(s, from, dot, "time");
        int digits = to - dot - 1;
        if (digits < 1 || digits > 9) throw new IllegalArgumentException("time '" + s.substring(from, to) + "'");
        long fraction = parseLong(s, dot + 1, to, "time");
        for (int i = digits; i < 9; i++) fraction *= 10;
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), fraction);
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') i++;
        return i;
    }

    private static boolean isIdChar(char c) {
        return (c >= '0' && c <= '9') || c == '/' || c == '-';
    }

    private static boolean isNameChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    static int parseInt(String s, int from, int to, String what) {
        long v = parseLong(s, from, to, what);
        if (v != (int) v) throw new IllegalArgumentException(what + " out of range: " + s.substring(from, to));
        return (int) v;
    }

    static long parseLong(String s, int from, int to, String what) {
        try {
            return Long.parseLong(s, from, to, 10);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("bad " + what + " '" + s.substring(Math.max(0, from),
                    Math.max(from, Math.min(to, s.length()))) + "'");
        }
    }
}
