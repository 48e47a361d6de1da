package dev.vmalab.traces.perf;

/**
 * The fixed fields of one {@code perf script} line. {@code pid} is -1 in the default
 * layout, which prints only the thread id; {@code args} is everything after the
 * event name (for tracepoints, after its {@code ": "}).
 */
record PerfLine(String comm, int pid, int tid, int cpu, long timeNs, String event, String args) {
    /**
     * When any event of a recording has a callchain, perf script prints the sample's ip and symbol after the
     * other events' arguments ({@code "error_code=0x6 ffffffff821f5340 exc_page_fault+0x2f0 ([kernel.kallsyms])"}).
     * The arguments of the events read here never hold a bare (0x-less) hex word, so the first one starts it.
     */
    PerfLine withoutSampleIp() {
        if (args.isEmpty() || args.charAt(args.length() - 1) != ')') return this;
        int i = 0;
        while (true) {
            int space = args.indexOf(' ', i);
            if (space < 0) return this;
            int from = space + 1;
            int to = from;
            while (to < args.length() && Character.digit(args.charAt(to), 16) >= 0) to++;
            if (to > from && to < args.length() && args.charAt(to) == ' ' && !args.startsWith("0x", from)) {
                return new PerfLine(comm, pid, tid, cpu, timeNs, event, args.substring(0, space).stripTrailing());
            }
            i = from;
        }
    }
}
