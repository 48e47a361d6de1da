package dev.vmalab.replay.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** One replayed cell, from start to end (a duration event: its start and end are the run's). */
@Name("dev.vmalab.Run")
@Label("vmalab run")
@Category("vmalab")
@Description("A trace replayed with one strategy at one thread count")
public final class RunEvent extends Event {
    @Label("Trace") public String trace;
    @Label("Strategy") public String strategy;
    @Label("Threads") public int threads;
    @Label("Run") public int run;
    @Label("Seed") public long seed;
    @Label("Lookups") public long lookups;
    @Label("Violations") public long violations;
}
