package dev.vmalab.traces.perf;

/**
 * The fixed fields of one {@code perf script} line. {@code pid} is -1 in the default
 * layout, which prints only the thread id; {@code args} is everything after the
 * event name (for tracepoints, after its {@code ": "}).
 */
record PerfLine(String comm, int pid, int tid, int cpu, long timeNs, String event, String args) {}
