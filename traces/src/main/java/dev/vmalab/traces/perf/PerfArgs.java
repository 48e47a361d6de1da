package dev.vmalab.traces.perf;

import dev.vmalab.traces.vma.Vma;

/** Parses the argument text of the events the importer understands; throws IllegalArgumentException naming what is wrong. */
final class PerfArgs {
    private PerfArgs() {}

    /** {@code address=0x7f.. ip=0x7f.. error_code=0x14} as {address, ip, error_code}. */
    static long[] fault(String args) {
        return new long[] {keyed(args, "address="), keyed(args, "ip="), keyed(args, "error_code=")};
    }

    private static long keyed(String args, String key) {
        int at = args.indexOf(key);
        if (at < 0) throw new IllegalArgumentException("missing " + key.substring(0, key.length() - 1));
        int from = at + key.length();
        int to = args.indexOf(' ', from);
        return number(args, from, to < 0 ? args.length() : to);
    }

    /** {@code addr: 0x0, len: 0x2000, ...} as the values in order; exactly {@code expected} of them. */
    static long[] syscallEnter(String args, int expected, String syscall) {
        long[] values = new long[expected];
        int n = 0;
        int i = 0;
        while (i < args.length()) {
            int colon = args.indexOf(": ", i);
            if (colon < 0) break;
            int from = colon + 2;
            int comma = args.indexOf(',', from);
            int to = comma < 0 ? args.length() : comma;
            if (n == expected) throw new IllegalArgumentException(syscall + " has more than " + expected + " arguments");
            values[n++] = number(args, from, to);
            i = comma < 0 ? args.length() : comma + 1;
        }
        if (n != expected) {
            throw new IllegalArgumentException(syscall + " needs " + expected + " arguments, found " + n);
        }
        return values;
    }

    /** The return value of {@code sys_exit_*}: {@code 0x7f2ca0af5000}, {@code 0x0}, or {@code 0xffffffffffffffea} (-22). */
    static long syscallExit(String args) {
        return number(args, 0, args.length());
    }

    /** {@code (child_pid:child_tid):(parent_pid:parent_tid)} of FORK and EXIT as four ints. */
    static int[] task(String args) {
        int[] ids = new int[4];
        int i = 0;
        for (int k = 0; k < 2; k++) {
            int open = args.indexOf('(', i);
            int colon = args.indexOf(':', open + 1);
            int close = args.indexOf(')', colon + 1);
            if (open < 0 || colon < 0 || close < 0) throw new IllegalArgumentException("expected (pid:tid):(pid:tid)");
            ids[2 * k] = PerfLineParser.parseInt(args, open + 1, colon, "pid");
            ids[2 * k + 1] = PerfLineParser.parseInt(args, colon + 1, close, "tid");
            i = close + 1;
        }
        return ids;
    }

    /** COMM: {@code ": perf-exec:4488/4488"} or {@code " exec: sh:4488/4488"}. */
    record Comm(boolean exec, String name, int pid, int tid) {}

    static Comm comm(String args) {
        int colon = args.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("expected [exec]: name:pid/tid");
        boolean exec = args.substring(0, colon).strip().equals("exec");
        String rest = args.substring(colon + 1).strip();
        int last = rest.lastIndexOf(':');
        int slash = rest.lastIndexOf('/');
        if (last < 0 || slash < last) throw new IllegalArgumentException("expected name:pid/tid");
        return new Comm(exec, rest.substring(0, last), PerfLineParser.parseInt(rest, last + 1, slash, "pid"),
                PerfLineParser.parseInt(rest, slash + 1, rest.length(), "tid"));
    }

    /** A PERF_RECORD_MMAP2 or PERF_RECORD_MMAP record. */
    record Mmap(int pid, int tid, long start, long length, long pgoff, int prot, int flags, String path) {}

    /**
     * {@code " 4488/4488: [0x55e5b85f8000(0x13000) @ 0x4000 fe:00 260180 0]: r-xp /usr/bin/dash"} (MMAP2) or
     * {@code " 1234/1234: [0x400000(0x1000) @ 0]: x /bin/foo"} (MMAP, which knows only exec or not).
     */
    static Mmap mmap(String args, boolean v2) {
        int slash = args.indexOf('/');
        int colon = args.indexOf(':', slash);
        int open = args.indexOf("[0x", colon);
        int paren = args.indexOf("(0x", open);
        int closeParen = args.indexOf(')', paren);
        int at = args.indexOf("@ ", closeParen);
        int end = args.indexOf("]: ", at);
        if (slash < 0 || colon < 0 || open < 0 || paren < 0 || closeParen < 0 || at < 0 || end < 0) {
            throw new IllegalArgumentException("expected pid/tid: [0xSTART(0xLEN) @ PGOFF ...]: PROT PATH");
        }
        int pid = PerfLineParser.parseInt(args, skip(args, 0), slash, "pid");
        int tid = PerfLineParser.parseInt(args, slash + 1, colon, "tid");
        long start = number(args, open + 1, paren);
        long length = number(args, paren + 1, closeParen);
        int pgoffEnd = args.indexOf(' ', at + 2);
        long pgoff = number(args, at + 2, pgoffEnd < 0 || pgoffEnd > end ? end : pgoffEnd);
        int protFrom = end + 3;
        int protTo = args.indexOf(' ', protFrom);
        if (protTo < 0) protTo = args.length();
        String perms = args.substring(protFrom, protTo);
        String path = protTo < args.length() ? args.substring(protTo + 1) : "";
        int prot;
        int flags;
        if (v2) {
            if (perms.length() != 4) throw new IllegalArgumentException("permissions '" + perms + "' (expected like r-xp)");
            prot = (perms.charAt(0) == 'r' ? Vma.PROT_READ : 0) | (perms.charAt(1) == 'w' ? Vma.PROT_WRITE : 0)
                    | (perms.charAt(2) == 'x' ? Vma.PROT_EXEC : 0);
            flags = perms.charAt(3) == 's' ? Vma.MAP_SHARED : Vma.MAP_PRIVATE;
        } else {
            prot = perms.equals("x") ? Vma.PROT_READ | Vma.PROT_EXEC : Vma.PROT_READ;
            flags = Vma.MAP_PRIVATE;
        }
        // [vdso], [vsyscall], //anon: no file behind them.
        if (path.startsWith("[") || path.startsWith("//anon")) flags |= Vma.MAP_ANONYMOUS;
        return new Mmap(pid, tid, start, length, pgoff, prot, flags, path);
    }

    private static int skip(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') i++;
        return i;
    }

    /** 0x-hex (unsigned, so 0xffffffffffffffea is -22) or decimal, surrounding spaces allowed. */
    static long number(String s, int from, int to) {
        while (from < to && s.charAt(from) == ' ') from++;
        while (to > from && s.charAt(to - 1) == ' ') to--;
        try {
            if (to - from > 2 && s.charAt(from) == '0' && (s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X')) {
                return Long.parseUnsignedLong(s, from + 2, to, 16);
            }
            return Long.parseLong(s, from, to, 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + s.substring(from, to) + "'");
        }
    }
}
