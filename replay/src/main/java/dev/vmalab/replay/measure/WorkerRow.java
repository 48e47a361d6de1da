package dev.vmalab.replay.measure;

/** Per worker thread counters of one cell: a row of workers.csv. */
public record WorkerRow(int worker, int traceThreads, long events, LockCounters counters, long segvFaults,
                        long writerMismatches) {}
