package dev.vmalab.reports.results;

/** One row of violations.csv: a correctness violation and the command that replays it. */
public record ViolationRow(
        RunKey key,
        long seed,
        String kind,
        String thread,
        String address,
        String node,
        String nodeHistory,
        String detail,
        String repro) {}
