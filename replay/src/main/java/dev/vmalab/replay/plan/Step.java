package dev.vmalab.replay.plan;

import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.MapsRead;
import dev.vmalab.traces.event.ThreadExit;
import dev.vmalab.traces.event.ThreadStart;
import dev.vmalab.traces.event.TraceEvent;

/**
 * One trace event with what replay worked out about it before starting.
 *
 * @param seq      its index in the time-ordered trace
 * @param space    the address space it acts on (a MapsRead's is the target's); -1 for none
 * @param source   a fork's parent space, else -1
 * @param retired  the space an exec replaces (torn down with it), else -1
 * @param teardown a thread exit that leaves the space without threads: exit_mmap()
 * @param after    the last earlier event that changed this space's (or a fork's source's) mappings, -1 for none:
 *                 this step waits until it is done, so the model's mappings are the trace's when it runs
 */
public record Step(int seq, TraceEvent event, int space, int source, int retired, boolean teardown, int after) {
    /** Whether it changes mappings (later steps on its space wait for it). */
    public boolean changesMappings() {
        return switch (event) {
            case FaultEvent _, MapsRead _, ThreadStart _ -> false;
            case ThreadExit _ -> teardown;
            default -> true;
        };
    }
}
