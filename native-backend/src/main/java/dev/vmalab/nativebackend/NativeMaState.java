package dev.vmalab.nativebackend;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A {@code struct ma_state} over a {@link NativeMapleTree}: the kernel's maple state, with the
 * kernel's operation names. Single-threaded like the kernel's (one per lookup); walks and finds
 * must run inside {@link NativeMapleLibrary#rcuReadLock()}.
 *
 * <p>What the variants do with it (DESIGN.md section 3): after a walk the state is
 * {@link MapleStatus#ACTIVE} at a leaf with {@link #index()}/{@link #last()} set to the found
 * range. {@link #set} makes the next walk start from the root at the given index;
 * {@link #reset} too, but keeps the old index. A second {@link #walk()} with no reset restarts
 * from the root in the as-shipped 6.12 variant and resumes at the cached leaf ({@link #node()}) in
 * the resume-active variant, a use-after-free if that leaf was freed meanwhile.
 *
 * <p>Two kinds of memory: {@link NativeMapleTree#state(long)} mallocs the struct (free it with
 * {@link #close()}); {@link NativeMapleTree#stateOnHeap(long, long)} keeps it in a Java
 * {@code long[]} that the GC frees, passed to C by heap-access critical calls (no malloc, no
 * cleaner: what a state per lookup wants; no C code keeps a pointer to a maple state after the
 * call returns). The getters read the struct's fields directly, at the offsets the library
 * reports.
 */
public final class NativeMaState implements AutoCloseable {

    private final NativeMapleLibrary lib;
    private final MemorySegment mas;
    private final MaStateLayout layout;
    private final boolean malloced;
    private boolean closed;

    NativeMaState(NativeMapleLibrary lib, MemorySegment mas, boolean malloced) {
        this.lib = lib;
        this.layout = lib.masLayout;
        this.mas = malloced ? mas.reinterpret(layout.size()) : mas;
        this.malloced = malloced;
    }

    /** MA_STATE(mas, mt, first, last) in a Java array. */
    static NativeMaState onHeap(NativeMapleLibrary lib, MemorySegment mt, long first, long last) {
        MemorySegment seg = MemorySegment.ofArray(new long[(int) ((lib.masLayout.size() + 7) / 8)]);
        NativeMapleLibrary.criticalVoid(lib.masInit, seg, mt, first, last);
        return new NativeMaState(lib, seg, false);
    }

    /** {@code mas_set(mas, index)}: reset to start and {@code index = last = index}. */
    public void set(long index) {
        NativeMapleLibrary.criticalVoid(lib.masSet, mas, index);
    }

    /** {@code mas_set_range(mas, first, last)}: reset to start and {@code index = first, last = last}. */
    public void setRange(long first, long last) {
        NativeMapleLibrary.criticalVoid(lib.masSetRange, mas, first, last);
    }

    /** {@code mas_reset(mas)}: status start, node NULL; index and last are kept. */
    public void reset() {
        NativeMapleLibrary.criticalVoid(lib.masReset, mas);
    }

    /** {@code mas_pause(mas)}: status pause, for restarting a find after dropping the lock. */
    public void pause() {
        NativeMapleLibrary.criticalVoid(lib.masPause, mas);
    }

    /** {@code mas_walk(mas)}: the entry at {@code index} (0 for none); sets index/last to its range. */
    public long walk() {
        return NativeMapleLibrary.criticalLong(lib.masWalk, mas);
    }

    /** {@code mas_find(mas, max)}: the next entry at or after index, up to {@code max}; 0 for none. */
    public long find(long max) {
        return NativeMapleLibrary.criticalLong(lib.masFind, mas, max);
    }

    /** {@code mas_next(mas, max)}: the next entry after the current one, up to {@code max}; 0 for none. */
    public long next(long max) {
        return NativeMapleLibrary.criticalLong(lib.masNext, mas, max);
    }

    /** {@code mas_prev(mas, min)}: the previous entry before the current one, down to {@code min}; 0 for none. */
    public long prev(long min) {
        return NativeMapleLibrary.criticalLong(lib.masPrev, mas, min);
    }

    /** {@code mte_dead_node(mas->node)}: reads the cached node; false when none is cached. */
    public boolean deadNode() {
        return NativeMapleLibrary.criticalLong(lib.masDeadNode, mas) != 0;
    }

    /** {@code struct ma_state copy = *mas}, in a Java array (the cached node pointer included). */
    public NativeMaState copy() {
        MemorySegment seg = MemorySegment.ofArray(new long[(int) ((layout.size() + 7) / 8)]);
        MemorySegment.copy(mas, 0, seg, 0, layout.size());
        return new NativeMaState(lib, seg, false);
    }

    /** {@code mas->index}: start of the last found range (or the index set). */
    public long index() {
        return mas.get(JAVA_LONG, layout.index());
    }

    /** {@code mas->last}: end (inclusive) of the last found range. */
    public long last() {
        return mas.get(JAVA_LONG, layout.last());
    }

    /** {@code mas->status}. */
    public MapleStatus status() {
        return MapleStatus.of(mas.get(JAVA_INT, layout.status()));
    }

    /** {@code mas->node}: the encoded node pointer ({@code struct maple_enode *}), 0 when none. */
    public long node() {
        return mas.get(JAVA_LONG, layout.node());
    }

    /** Frees a malloc'd state (not the tree); idempotent; nothing to do for a state on the heap. */
    @Override
    public void close() {
        if (closed || !malloced) return;
        closed = true;
        lib.callVoid(lib.masFree, mas);
    }
}
