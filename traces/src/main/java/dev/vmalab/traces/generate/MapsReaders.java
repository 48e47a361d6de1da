package dev.vmalab.traces.generate;

import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.vma.Pages;
import dev.vmalab.traces.vma.Vma;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * /proc/PID/maps readers iterating over a process while its writers change the
 * map: the lock_next_vma() path. A reader process's threads read the target's
 * maps ({@code MapsRead}); the target's writer threads munmap, re-mmap and
 * mprotect whole VMAs (an mprotect to a neighbour's protection merges, back
 * splits); its faulting threads keep the per-VMA lookup busy too.
 */
final class MapsReaders implements WorkloadGenerator {
    static final int TARGET_PID = 3000;
    static final int READER_PID = 3100;
    private static final int RW = Vma.PROT_READ | Vma.PROT_WRITE;

    @Override
    public String name() {
        return "maps-readers";
    }

    @Override
    public String description() {
        return "/proc/PID/maps readers (MapsRead events) iterating while writer threads change the map";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.integer("readers", 2, "reader threads (in a separate process)"),
                Param.integer("writers", 2, "writer threads of the target"),
                Param.integer("faulters", 2, "faulting threads of the target"),
                Param.integer("vmas", 128, "VMAs of the target at the start"),
                Param.integer("pages", 4, "pages per VMA"),
                Param.integer("reads", 2_000, "maps reads in all"),
                Param.integer("writes-per-read", 2, "writer operations between two reads"),
                Param.integer("faults-per-read", 4, "faults between two reads"));
    }

    @Override
    public void generate(Params p, long seed, Consumer<TraceEvent> out) {
        int readers = p.integer("readers");
        int writers = p.integer("writers");
        int faulters = p.integer("faulters");
        int vmas = p.integer("vmas");
        long length = p.integer("pages") * Pages.PAGE_SIZE;
        long base = SyntheticTrace.MMAP_TOP - vmas * length;
        int[] prot = new int[vmas];
        boolean[] mapped = new boolean[vmas];

        SyntheticTrace t = new SyntheticTrace(out, new SplittableRandom(seed));
        t.startProcess(TARGET_PID, "maps-target");
        for (int i = 0; i < vmas; i++) {
            prot[i] = i % 2 == 0 ? RW : Vma.PROT_READ; // alternate so adjacent VMAs stay apart
            t.mapFixed(TARGET_PID, TARGET_PID, base + i * length, length, prot[i]);
            mapped[i] = true;
        }
        int firstWriter = TARGET_PID + 1;
        int firstFaulter = firstWriter + writers;
        for (int i = 0; i < writers + faulters; i++) t.startThread(TARGET_PID, firstWriter + i, TARGET_PID);
        t.startProcess(READER_PID, "maps-reader");
        for (int i = 1; i < readers; i++) t.startThread(READER_PID, READER_PID + i, READER_PID);

        for (int read = p.integer("reads"); read > 0; read--) {
            t.readMaps(READER_PID, READER_PID + t.random().nextInt(readers), TARGET_PID);
            for (int w = p.integer("writes-per-read"); w > 0; w--) {
                int tid = firstWriter + t.random().nextInt(writers);
                int slot = t.random().nextInt(vmas);
                long addr = base + slot * length;
                switch (t.random().nextInt(3)) {
                    case 0 -> {
                        if (mapped[slot]) t.unmap(TARGET_PID, tid, addr, length);
                        else t.mapFixed(TARGET_PID, tid, addr, length, prot[slot]);
                        mapped[slot] = !mapped[slot];
                    }
                    default -> {
                        if (!mapped[slot]) continue;
                        prot[slot] = prot[slot] == RW ? Vma.PROT_READ : RW; // merges with or splits from neighbours
                        t.protect(TARGET_PID, tid, addr, length, prot[slot]);
                    }
                }
            }
            for (int f = p.integer("faults-per-read"); f > 0; f--) {
                int slot = t.random().nextInt(vmas);
                if (!mapped[slot]) continue;
                t.fault(TARGET_PID, firstFaulter + t.random().nextInt(faulters),
                        base + slot * length + t.random().nextLong(length / Pages.PAGE_SIZE) * Pages.PAGE_SIZE, true);
            }
        }
        for (int i = 1; i < readers; i++) t.exitThread(READER_PID, READER_PID + i);
        t.exitThread(READER_PID, READER_PID);
        for (int i = writers + faulters - 1; i >= 0; i--) t.exitThread(TARGET_PID, firstWriter + i);
        t.exitThread(TARGET_PID, TARGET_PID);
    }
}
