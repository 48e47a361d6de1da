package dev.vmalab.replay.jfr;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Event;

/** One fault lookup in {@link JfrRecording#SAMPLE_EVERY}: its duration is the lookup's latency. */
@Name("dev.vmalab.LookupSample")
@Label("vmalab lookup (sampled)")
@Category("vmalab")
public final class LookupSample extends Event {
    @Label("Strategy") public String strategy;
    @Label("Address") public long address;
    @Label("Outcome") public String outcome;
    @Label("Retries") public int retries;
}
