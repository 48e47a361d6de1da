package dev.vmalab.reports.results;

/** One row of retries.csv: {@code lookups} lookups of a run needed exactly {@code retries} walk retries. */
public record RetryCount(RunKey key, int retries, long lookups) {}
