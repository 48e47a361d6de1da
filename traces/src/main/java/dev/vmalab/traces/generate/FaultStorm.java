package dev.vmalab.traces.generate;

import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.vma.Pages;
import dev.vmalab.traces.vma.Vma;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * N threads faulting over M anonymous VMAs, uniformly or Zipf-skewed (a few hot
 * VMAs): the pure lookup load, with no writer in sight. VMAs are separated by a
 * one-page hole so they never merge.
 */
final class FaultStorm implements WorkloadGenerator {
    static final int PID = 1000;

    @Override
    public String name() {
        return "fault-storm";
    }

    @Override
    public String description() {
        return "N threads faulting uniform or zipf over M VMAs (lookup load without writers)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.integer("threads", 4, "faulting threads"),
                Param.integer("vmas", 64, "anonymous VMAs mapped before the storm"),
                Param.integer("pages", 16, "pages per VMA"),
                Param.integer("faults", 100_000, "faults in all"),
                Param.choice("dist", "uniform", List.of("uniform", "zipf"), "how faults pick a VMA"),
                Param.decimal("zipf-exponent", 1.0, "skew of dist=zipf"));
    }

    @Override
    public void generate(Params p, long seed, Consumer<TraceEvent> out) {
        int threads = p.integer("threads");
        int vmas = p.integer("vmas");
        long length = p.integer("pages") * Pages.PAGE_SIZE;
        SyntheticTrace t = new SyntheticTrace(out, new SplittableRandom(seed));
        t.startProcess(PID, name());
        long[] starts = new long[vmas];
        for (int i = 0; i < vmas; i++) {
            starts[i] = SyntheticTrace.MMAP_TOP - (i + 1) * (length + Pages.PAGE_SIZE);
            t.mapFixed(PID, PID, starts[i], length, Vma.PROT_READ | Vma.PROT_WRITE);
        }
        for (int i = 1; i <= threads; i++) t.startThread(PID, PID + i, PID);
        Zipf zipf = p.choice("dist").equals("zipf") ? new Zipf(vmas, p.decimal("zipf-exponent")) : null;
        for (long f = p.integer("faults"); f > 0; f--) {
            int vma = zipf != null ? zipf.next(t.random()) : t.random().nextInt(vmas);
            int tid = PID + 1 + t.random().nextInt(threads);
            t.fault(PID, tid, t.pageIn(t.vmaAt(PID, starts[vma])), t.random().nextInt(10) < 7);
        }
        for (int i = 1; i <= threads; i++) t.exitThread(PID, PID + i);
        t.exitThread(PID, PID);
    }
}
