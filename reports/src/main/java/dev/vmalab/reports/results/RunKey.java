package dev.vmalab.reports.results;

/** One replay run: the unit the result files are keyed by. */
public record RunKey(String trace, String strategy, int threads, int run) {}
