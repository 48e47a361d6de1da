package dev.vmalab.traces.stats;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

/**
 * Recent changes to one process's mappings (which range, by which thread, when),
 * kept only for the race window. A fault that lands in a range another thread
 * changed within the window is a fault that could have found a VMA just as it was
 * being detached: the exposure to lock_vma_under_rcu()'s -EAGAIN path.
 */
final class VmaChanges {
    /**
     * @param start   first byte of the VMAs the syscall rewrites (the widened range the exposure test uses)
     * @param end     end of that range
     * @param syscall the syscall's own range, page-rounded
     * @param before  the VMAs overlapping or touching [start, end) just before the syscall, in address order
     */
    record Change(long timeNs, int tid, ExposureClassifier.Change op, long start, long end,
                  ExposureClassifier.Range syscall, List<ExposureClassifier.Range> before) {
        /** The VMA that held {@code address} before this change, or null. */
        ExposureClassifier.Range vmaBefore(long address) {
            for (ExposureClassifier.Range r : before) {
                if (r.start() <= address && address < r.end()) return r;
            }
            return null;
        }
    }

    private final ArrayDeque<Change> recent = new ArrayDeque<>();
    private final long windowNs;

    VmaChanges(long windowNs) {
        this.windowNs = windowNs;
    }

    void changed(Change c) {
        expire(c.timeNs());
        if (c.end() > c.start()) recent.addLast(c);
    }

    /** Drops what fell out of the window (also on changes: a process that changes much and faults little). */
    private void expire(long nowNs) {
        while (!recent.isEmpty() && recent.peekFirst().timeNs() < nowNs - windowNs) recent.pollFirst();
    }

    /** The latest change by a thread other than {@code tid} to part of [start, end) in the window before {@code timeNs}, or null. */
    Change changedByOtherThread(long timeNs, int tid, long start, long end) {
        expire(timeNs);
        for (Iterator<Change> it = recent.descendingIterator(); it.hasNext(); ) {
            Change c = it.next();
            if (c.tid() != tid && c.start() < end && start < c.end()) return c;
        }
        return null;
    }
}
