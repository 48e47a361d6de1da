package dev.vmalab.traces.stats;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Recent changes to one process's mappings (which range, by which thread, when),
 * kept only for the race window. A fault that lands in a range another thread
 * changed within the window is a fault that could have found a VMA just as it was
 * being detached: the exposure to lock_vma_under_rcu()'s -EAGAIN path.
 */
final class VmaChanges {
    private record Change(long timeNs, int tid, long start, long end) {}

    private final ArrayDeque<Change> recent = new ArrayDeque<>();
    private final long windowNs;

    VmaChanges(long windowNs) {
        this.windowNs = windowNs;
    }

    void changed(long timeNs, int tid, long start, long end) {
        if (end > start) recent.addLast(new Change(timeNs, tid, start, end));
    }

    /** Whether a thread other than {@code tid} changed part of [start, end) in the window before {@code timeNs}. */
    boolean changedByOtherThread(long timeNs, int tid, long start, long end) {
        while (!recent.isEmpty() && recent.peekFirst().timeNs() < timeNs - windowNs) recent.pollFirst();
        for (Iterator<Change> it = recent.descendingIterator(); it.hasNext(); ) {
            Change c = it.next();
            if (c.tid() != tid && c.start() < end && start < c.end()) return true;
        }
        return false;
    }
}
