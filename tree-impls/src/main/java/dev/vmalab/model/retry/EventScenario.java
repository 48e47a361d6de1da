package dev.vmalab.model.retry;

import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * A live -EAGAIN as a {@link Scenario}, so that every strategy (any {@link
 * dev.vmalab.model.lookup.LookupStrategy}) is run through the same scripted interleaving
 * for that event: before, the VMA the failed walk found ([foundFirst, foundLast]) and its
 * neighbours as the live tree holds them now, minus what now overlaps it; the writer
 * unmaps that span and maps what the live tree holds there now. The reader's first walk
 * finds the old VMA, the writer detaches it, and each strategy's retry meets exactly the
 * layout the live retry met.
 *
 * <p>Simplification (said in docs/result-format.md): the private tree holds the event's
 * neighbourhood ({@link LiveLayout#WINDOW} VMAs each side), not the whole mm, so node
 * counts can be a level lower than the live tree's; every strategy walks the same tree.
 * Every VMA gets its own file so none merges with another: lock_vma_under_rcu() does not
 * look at flags, so outcomes do not depend on it.
 */
public final class EventScenario {
    private static final int PROT = VmaFlags.READ | VmaFlags.WRITE;
    private static final long PAGE = 4096;
    /** Where the other mm's scratch VMAs live (its own address space: any address will do). */
    private static final long SCRATCH = 0x1000_0000L;

    private EventScenario() {}

    private record Range(long start, long end) {}

    /**
     * Throws IllegalStateException when [foundFirst, foundLast] is no page-aligned range (a walk of freed memory).
     *
     * @param kind the event's exposure kind, as the caller classified it (traces' ExposureClassifier, DETACHED)
     */
    public static Scenario of(long address, long foundFirst, long foundLast, LiveLayout.Ranges now, GracePeriods grace,
                              String kind) {
        if ((foundFirst & (PAGE - 1)) != 0 || ((foundLast + 1) & (PAGE - 1)) != 0 || foundLast < foundFirst) {
            throw new IllegalStateException("found range [0x" + Long.toHexString(foundFirst) + ", 0x"
                    + Long.toHexString(foundLast) + "] is not a VMA's");
        }
        long oldStart = foundFirst;
        long oldEnd = foundLast + 1;
        long lo = oldStart;
        long hi = oldEnd;
        List<Range> after = new ArrayList<>();
        List<Range> outside = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            Range r = new Range(now.start(i), now.end(i));
            if (r.end() > oldStart && r.start() < oldEnd) {
                after.add(r);
                lo = Math.min(lo, r.start());
                hi = Math.max(hi, r.end());
            } else {
                outside.add(r);
            }
        }
        List<Range> before = new ArrayList<>(outside);
        for (Range r : after) { // what overlaps the old range now, cropped to outside it
            if (r.start() < oldStart) before.add(new Range(r.start(), oldStart));
            if (r.end() > oldEnd) before.add(new Range(oldEnd, r.end()));
        }
        before.add(new Range(oldStart, oldEnd));
        long spanLo = lo;
        long spanHi = hi;
        List<Range> scratch = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) scratch.add(new Range(SCRATCH + 2 * i * PAGE, SCRATCH + (2 * i + 1) * PAGE));
        return new Scenario("event", kind, "live -EAGAIN at 0x" + Long.toHexString(address), grace, address,
                m -> {
                    map(m.mm(), before, 1);
                    map(m.other(), scratch, 1 << 20);
                }, m -> {
                    MapOps.munmap(m.mm(), spanLo, spanHi - spanLo);
                    // free VMA memory is reused last-freed-first: free the other mm's scratch VMAs on top of
                    // the old VMA, so the new ones take theirs and the old one stays detached (-EAGAIN), as live
                    for (Range r : scratch) MapOps.munmap(m.other(), r.start(), r.end() - r.start());
                    map(m.mm(), after, 1 + before.size());
                });
    }

    private static void map(Mm mm, List<Range> ranges, long firstFile) {
        long file = firstFile;
        for (Range r : ranges) {
            long got = MapOps.mmap(mm, r.start(), r.end() - r.start(), PROT, file++, 0, true);
            if (got != r.start()) throw new IllegalStateException("event scenario: mmap [0x" + Long.toHexString(r.start()) + ", 0x" + Long.toHexString(r.end()) + ") failed: " + got);
        }
    }
}
