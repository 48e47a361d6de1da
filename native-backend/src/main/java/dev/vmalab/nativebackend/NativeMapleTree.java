package dev.vmalab.nativebackend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A {@code struct maple_tree} of the real kernel code, in RCU mode with gap tracking
 * ({@code MT_FLAGS_ALLOC_RANGE | MT_FLAGS_USE_RCU}, like {@code mm->mm_mt}). Writers are
 * serialised by the tree's own lock ({@code mtree_lock}); readers use a {@link NativeMaState}
 * inside {@link NativeMapleLibrary#rcuReadLock()}. Entries are raw pointer-sized values: use
 * {@link MapleEntry} to store ids.
 *
 * <p>{@link #close()} destroys the tree ({@code mtree_destroy}); its nodes are freed after a grace
 * period. States of a closed tree must not be walked.
 */
public final class NativeMapleTree implements AutoCloseable {

    private final NativeMapleLibrary lib;
    private final MemorySegment mt;
    private boolean closed;

    NativeMapleTree(NativeMapleLibrary lib, MemorySegment mt) {
        this.lib = lib;
        this.mt = mt;
    }

    public NativeMapleLibrary library() {
        return lib;
    }

    /**
     * {@code mtree_store_range(mt, first, last, entry, GFP_KERNEL)}: the range now maps to
     * {@code entry} ({@code 0} erases). In RCU mode a store that changes the node layout builds new
     * nodes and frees the replaced ones with {@code call_rcu}.
     *
     * @return 0, or a negative errno ({@code -EINVAL} = -22 for {@code first > last} or a reserved
     *         entry, {@code -ENOMEM} = -12)
     */
    public int store(long first, long last, long entry) {
        return lib.callStore(mt, first, last, entry);
    }

    /**
     * From now on the nodes this tree's stores and erases replace are not handed to liburcu's
     * call_rcu: each write leaves its frees queued on the calling thread, for
     * {@link NativeMapleLibrary#takeDeferredFrees()} right after it, and the caller decides the
     * grace period. ({@link #close()} still goes through liburcu.)
     */
    public void leaveFreesToLab() {
        lib.callSetLabFrees(mt, true);
    }

    /** {@code mtree_erase(mt, index)}: removes the range holding {@code index}; returns its entry or 0. */
    public long erase(long index) {
        return lib.callLong(lib.erase, mt, index);
    }

    /** {@code mtree_load(mt, index)}: the entry at {@code index} or 0 (takes the RCU read lock itself). */
    public long load(long index) {
        return lib.callLong(lib.load, mt, index);
    }

    /**
     * The tree's nodes in pre-order, four values each: {@code depth << 1 | isLeaf}, the data end
     * ({@code ma_data_end()}), min and max (ULONG_MAX as -1). Empty when the root is not a node.
     */
    public long[] shape() {
        long cap = 256;
        while (true) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(ValueLayout.JAVA_LONG, cap);
                long words = lib.callTreeShape(mt, out, cap);
                if (words <= cap) return out.asSlice(0, words * Long.BYTES).toArray(ValueLayout.JAVA_LONG);
                cap = words;
            }
        }
    }

    /** {@code MA_STATE(mas, mt, index, index)}: a state at {@code index}, status start. */
    public NativeMaState state(long index) {
        MemorySegment mas = lib.masNew(mt, index);
        if (mas.address() == 0) throw new OutOfMemoryError("vml_mas_new");
        return new NativeMaState(lib, mas, true);
    }

    /** {@code MA_STATE(mas, mt, first, last)} in a Java array: no malloc, freed by the GC, no close needed. */
    public NativeMaState stateOnHeap(long first, long last) {
        return NativeMaState.onHeap(lib, mt, first, last);
    }

    /** {@code mtree_destroy}; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        lib.callVoid(lib.treeDestroy, mt);
    }
}
