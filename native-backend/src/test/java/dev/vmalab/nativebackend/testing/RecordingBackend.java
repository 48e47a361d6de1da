package dev.vmalab.nativebackend.testing;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.maple.MapleStatus;
import dev.vmalab.model.tree.RangeTree;
import dev.vmalab.model.tree.TreeBackend;
import dev.vmalab.model.tree.TreeCursor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A backend that passes everything to another and records each {@code mas_walk()} made by one
 * thread: which index it went to and what it found. That is how a test sees the stale index of
 * a retry without a reset, which no outcome shows when the stale index still lies in a VMA.
 */
public final class RecordingBackend implements TreeBackend {
    /** One walk: the index it walked to, and the range and entry it returned. */
    public record Walk(long index, long foundIndex, long foundLast, boolean found) {}

    private final TreeBackend inner;
    private final String thread;
    private final List<Walk> walks = new CopyOnWriteArrayList<>();

    public RecordingBackend(TreeBackend inner, String thread) {
        this.inner = inner;
        this.thread = thread;
    }

    public List<Walk> walks() {
        return List.copyOf(walks);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public RangeTree newTree(Kernel kernel, long owner) {
        RangeTree t = inner.newTree(kernel, owner);
        return new RangeTree() {
            @Override
            public void store(long first, long last, Object entry) {
                t.store(first, last, entry);
            }

            @Override
            public Object erase(long index) {
                return t.erase(index);
            }

            @Override
            public Object load(long index) {
                return t.load(index);
            }

            @Override
            public void forEach(EntryVisitor visitor) {
                t.forEach(visitor);
            }

            @Override
            public TreeCursor cursor(long first, long last) {
                return new Recording(t.cursor(first, last));
            }

            @Override
            public void verify() {
                t.verify();
            }

            @Override
            public long[] nodeShape() {
                return t.nodeShape();
            }
        };
    }

    private final class Recording implements TreeCursor {
        private final TreeCursor c;

        Recording(TreeCursor c) {
            this.c = c;
        }

        @Override
        public Object walk() {
            long at = c.index();
            Object e = c.walk();
            if (Thread.currentThread().getName().equals(thread)) walks.add(new Walk(at, c.index(), c.last(), e != null));
            return e;
        }

        @Override
        public Object find(long limit) {
            return c.find(limit);
        }

        @Override
        public Object next(long max) {
            return c.next(max);
        }

        @Override
        public Object prev(long min) {
            return c.prev(min);
        }

        @Override
        public boolean deadNode() {
            return c.deadNode();
        }

        @Override
        public TreeCursor copy() {
            return new Recording(c.copy());
        }

        @Override
        public void set(long index) {
            c.set(index);
        }

        @Override
        public void setRange(long first, long last) {
            c.setRange(first, last);
        }

        @Override
        public void reset() {
            c.reset();
        }

        @Override
        public void pause() {
            c.pause();
        }

        @Override
        public long index() {
            return c.index();
        }

        @Override
        public long last() {
            return c.last();
        }

        @Override
        public MapleStatus status() {
            return c.status();
        }
    }
}
