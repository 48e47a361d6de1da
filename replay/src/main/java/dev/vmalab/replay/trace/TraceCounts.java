package dev.vmalab.replay.trace;

import dev.vmalab.traces.event.AdviseEvent;
import dev.vmalab.traces.event.BrkEvent;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.MapsRead;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.RemapEvent;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.event.UnmapEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One row of traces.csv: what a trace holds. */
public record TraceCounts(long events, long faults, long maps, long unmaps, long protects, long remaps, long brks,
                          long advises, long mapsReads, long processes, long threads) {

    public static TraceCounts of(List<TraceEvent> events) {
        long faults = 0, maps = 0, unmaps = 0, protects = 0, remaps = 0, brks = 0, advises = 0, reads = 0;
        Set<Integer> pids = new HashSet<>();
        Set<Integer> tids = new HashSet<>();
        for (TraceEvent e : events) {
            pids.add(e.pid());
            tids.add(e.tid());
            switch (e) {
                case FaultEvent f -> faults++;
                case MapEvent m -> maps++;
                case UnmapEvent u -> unmaps++;
                case ProtectEvent p -> protects++;
                case RemapEvent r -> remaps++;
                case BrkEvent b -> brks++;
                case AdviseEvent a -> advises++;
                case MapsRead m -> reads++;
                default -> { }
            }
        }
        return new TraceCounts(events.size(), faults, maps, unmaps, protects, remaps, brks, advises, reads,
                pids.size(), tids.size());
    }
}
