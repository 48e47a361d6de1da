package dev.vmalab.model.retry;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.maple.MapleStatus;
import dev.vmalab.model.maple.MapleTree;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.tree.RangeTree;
import dev.vmalab.model.tree.TreeBackend;
import dev.vmalab.model.tree.TreeCursor;
import dev.vmalab.model.vma.Vma;

/**
 * Watches the reader's walks in a scripted retry without touching the maple state code:
 * the private kernel's trees hand out cursors that note, before each walk of the retry,
 * where it starts (root or a cached node) and to which index, and what the last walk found.
 */
final class RetryProbe {
    private final long address;
    boolean retrying;
    boolean inWriter;
    boolean firstRetryWalkSeen;
    boolean staleIndex;
    boolean staleNode;
    int walksFromRoot;
    /** The VMA the reader's last walk found, or null: the one vma_start_read() was given. */
    Vma lastFound;

    RetryProbe(long address) {
        this.address = address;
    }

    TreeBackend backend() {
        return new TreeBackend() {
            @Override
            public String name() {
                return "java-probed";
            }

            @Override
            public RangeTree newTree(Kernel kernel, long owner) {
                return new Tree(new MapleTree(kernel, owner), kernel.walkSemantics());
            }
        };
    }

    private void beforeWalk(TreeCursor c, WalkSemantics semantics) {
        if (!retrying || inWriter) return;
        boolean fromRoot = semantics == WalkSemantics.ALWAYS_RESTART || c.status() != MapleStatus.ACTIVE;
        if (fromRoot) walksFromRoot++;
        if (!firstRetryWalkSeen) {
            firstRetryWalkSeen = true;
            staleIndex = c.index() != address;
            staleNode = !fromRoot;
        }
    }

    private Object afterWalk(Object entry) {
        if (inWriter) return entry;
        lastFound = entry instanceof Vma v ? v : null;
        return entry;
    }

    /** The model's tree, its cursors watched. */
    private final class Tree implements RangeTree {
        private final RangeTree tree;
        private final WalkSemantics semantics;

        Tree(RangeTree tree, WalkSemantics semantics) {
            this.tree = tree;
            this.semantics = semantics;
        }

        @Override
        public void store(long first, long last, Object entry) {
            tree.store(first, last, entry);
        }

        @Override
        public Object erase(long index) {
            return tree.erase(index);
        }

        @Override
        public Object load(long index) {
            return tree.load(index);
        }

        @Override
        public void forEach(EntryVisitor visitor) {
            tree.forEach(visitor);
        }

        @Override
        public TreeCursor cursor(long first, long last) {
            return new Cursor(tree.cursor(first, last), semantics);
        }

        @Override
        public void verify() {
            tree.verify();
        }

        @Override
        public long[] nodeShape() {
            return tree.nodeShape();
        }
    }

    private final class Cursor implements TreeCursor {
        private final TreeCursor mas;
        private final WalkSemantics semantics;

        Cursor(TreeCursor mas, WalkSemantics semantics) {
            this.mas = mas;
            this.semantics = semantics;
        }

        @Override
        public Object walk() {
            beforeWalk(mas, semantics);
            return afterWalk(mas.walk());
        }

        @Override
        public Object find(long limit) {
            beforeWalk(mas, semantics);
            return afterWalk(mas.find(limit));
        }

        @Override
        public Object next(long max) {
            beforeWalk(mas, semantics);
            return afterWalk(mas.next(max));
        }

        @Override
        public Object prev(long min) {
            beforeWalk(mas, semantics);
            return afterWalk(mas.prev(min));
        }

        @Override
        public boolean deadNode() {
            return mas.deadNode();
        }

        @Override
        public TreeCursor copy() {
            return new Cursor(mas.copy(), semantics);
        }

        @Override
        public void set(long index) {
            mas.set(index);
        }

        @Override
        public void setRange(long first, long last) {
            mas.setRange(first, last);
        }

        @Override
        public void reset() {
            mas.reset();
        }

        @Override
        public void pause() {
            mas.pause();
        }

        @Override
        public long index() {
            return mas.index();
        }

        @Override
        public long last() {
            return mas.last();
        }

        @Override
        public MapleStatus status() {
            return mas.status();
        }
    }
}
