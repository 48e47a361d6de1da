package dev.vmalab.reports.results;

import java.nio.file.Path;
import org.HdrHistogram.Histogram;

/** The lookup latency histogram of one run, read from its .hlog file (all intervals added). */
public record LatencyLog(RunKey key, Path file, Histogram histogram) {}
