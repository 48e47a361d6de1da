package dev.vmalab.traces.stats;

import java.util.List;
import java.util.Map;

/** The result of {@link TraceStats#of}; {@link #format()} is what {@code vmalab trace stats} prints. */
public record StatsReport(TraceStats.Options options, long events, long spanNs, Counts total,
                          Map<Integer, Counts> byProcess, Map<TraceStats.ThreadKey, Counts> byThread,
                          Map<Integer, String> comms, List<TraceStats.VmaSample> vmaSamples,
                          KernelOutcomeStats kernel, Map<ExposureKind, Long> exposureByKind) {
    public StatsReport {
        java.util.EnumMap<ExposureKind, Long> kinds = new java.util.EnumMap<>(ExposureKind.class);
        kinds.putAll(exposureByKind);
        exposureByKind = java.util.Collections.unmodifiableMap(kinds);
    }

    /** Exposed faults of {@code kind}: the race exposure broken down by what the other thread's change did. */
    public long exposed(ExposureKind kind) {
        return exposureByKind.getOrDefault(kind, 0L);
    }

    /** Exposed faults of {@code kind} per million faults. */
    public double exposedPerMillion(ExposureKind kind) {
        return faults() == 0 ? 0 : 1e6 * exposed(kind) / faults();
    }

    public long faults() {
        return total.of("fault");
    }

    public long racyFaults() {
        return total.racyFaults();
    }

    /** Share of faults (0..1) in a VMA another thread changed within the window. */
    public double raceExposure() {
        return faults() == 0 ? 0 : (double) racyFaults() / faults();
    }

    public String format() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("events %d over %.3f ms: %d processes, %d threads%n", events, spanNs / 1e6,
                byProcess.size(), byThread.size()));
        b.append(String.format("race exposure: %d of %d faults (%.3f%%) landed in a VMA another thread changed "
                + "in the previous %d us%n", racyFaults(), faults(), 100 * raceExposure(), options.windowUs()));
        b.append("race exposure by kind (what the other thread's latest change did to the VMA the fault could have "
                + "found; the retry matrix's rows)\n");
        b.append(String.format("%-20s %9s %14s  %s%n", "kind", "faults", "per_million", "change"));
        if (racyFaults() == 0) b.append("(none)\n");
        for (ExposureKind k : ExposureKind.values()) {
            if (exposed(k) == 0) continue;
            b.append(String.format(java.util.Locale.ROOT, "%-20s %9d %14.3f  %s%n", k.label(), exposed(k),
                    exposedPerMillion(k), k.description()));
        }
        b.append('\n');

        b.append("per process\n");
        b.append(String.format("%8s %-16s %9s %9s %7s %7s %7s %7s %7s %7s %9s %7s%n", "pid", "comm", "events",
                "faults", "maps", "unmaps", "protect", "remaps", "brks", "advise", "maps_read", "racy"));
        byProcess.forEach((pid, c) -> b.append(String.format("%8d %-16s %9d %9d %7d %7d %7d %7d %7d %7d %9d %7d%n",
                pid, comms.getOrDefault(pid, "?"), c.total(), c.of("fault"), c.of("map"), c.of("unmap"),
                c.of("protect"), c.of("remap"), c.of("brk"), c.of("advise"), c.of("maps_read"), c.racyFaults())));

        b.append("\nper thread\n");
        b.append(String.format("%8s %8s %9s %9s %9s %9s %7s%n", "pid", "tid", "events", "faults", "syscalls",
                "maps_read", "racy"));
        byThread.forEach((k, c) -> b.append(String.format("%8d %8d %9d %9d %9d %9d %7d%n", k.pid(), k.tid(),
                c.total(), c.of("fault"), c.syscalls(), c.of("maps_read"), c.racyFaults())));

        b.append(String.format("%nVMA count over time (live processes, every %d events)%n", options.sampleEvery()));
        b.append(String.format("%10s %12s %8s %6s%n", "event", "time_ms", "pid", "vmas"));
        for (TraceStats.VmaSample s : vmaSamples) {
            b.append(String.format("%10d %12.3f %8d %6d%n", s.event(), s.sinceStartNs() / 1e6, s.pid(), s.vmas()));
        }
        b.append(kernel.format());
        return b.toString();
    }
}
