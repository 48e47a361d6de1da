package dev.vmalab.replay.cli;

import dev.vmalab.replay.config.Percent;
import dev.vmalab.replay.paired.RetryAccounting;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** replay's retry accounting options (docs/result-format.md: paired.csv, the contention sweep). */
public final class RetryOptions {
    @Option(names = "--contention", split = ",", paramLabel = "P%,P%",
            description = "Contention sweep: one set of cells per target -EAGAIN rate (misses per lookup, e.g. "
                    + "0.01%%,0.1%%,1%%,10%%; 0 = the trace's own), reached by writer churn of the retry matrix's kinds "
                    + "on the VMA being faulted.")
    List<String> contention = new ArrayList<>();

    @Option(names = "--no-paired", description = "Do not evaluate each -EAGAIN for every strategy (paired.csv stays empty).")
    boolean noPaired;

    /** The accounting asked for; a bad target is an IllegalArgumentException naming it. */
    public RetryAccounting accounting() {
        return new RetryAccounting(!noPaired, contention.stream().map(Percent::parse).toList());
    }
}
