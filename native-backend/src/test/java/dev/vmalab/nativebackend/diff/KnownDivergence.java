package dev.vmalab.nativebackend.diff;

import dev.vmalab.model.maple.MapleStatus;

/**
 * Disagreements between the Java model and the kernel's code that the differential test accepts,
 * each named, explained from lib/maple_tree.c (Debian 6.12.117), and reported to tree-impls'
 * owner. The kernel's side is right by definition; the model diverges. After an accepted
 * divergence the run re-synchronises the cursor (mas_set_range to the kernel's index and last on
 * both sides) so one known difference does not cascade into unnamed ones.
 */
enum KnownDivergence {
    /**
     * A {@code mas_find()} that runs past its limit. The kernel's {@code mas_next_slot()} compares
     * the current range's end with {@code max} before advancing ({@code if (pivot >= max)
     * { mas->status = ma_overflow; return NULL; }}), so index and last stay at the range it
     * looked at; then {@code mas_find()} ends with {@code /* Ignore overflow *}{@code /
     * mas->status = ma_active;}. The model's {@code MapleState.nextSlot()} advances to the next
     * range first and then checks {@code index > limit}: index/last end on the range beyond the
     * limit, and the status stays OVERFLOW.
     */
    FIND_PAST_LIMIT {
        @Override
        boolean explains(Op op, Seen java, Seen kernel, StepContext at) {
            return op.kind() == Op.Kind.FIND && java.entry().equals("null") && kernel.entry().equals("null")
                    && java.status() == MapleStatus.OVERFLOW && kernel.status() == MapleStatus.ACTIVE;
        }
    },
    /**
     * A {@code mas_find()} from a state whose node a write has replaced since (dead, not yet
     * freed). The kernel's {@code mas_next_slot()} rewalks to {@code save_point = mas->last}
     * ({@code mas_rewalk_if_dead(mas, node, save_point)}) and goes on after it: an entry stored
     * meanwhile in the range already passed is not returned. The model's
     * {@code MapleState.nextSlot()} takes {@code savePoint = index} and so can return an entry
     * that starts before the previous {@code last} (a range the iteration already passed), or the
     * entry now covering {@code last}, where the kernel returns NULL past it.
     */
    DEAD_NODE_REWALK_FROM_INDEX {
        @Override
        boolean explains(Op op, Seen java, Seen kernel, StepContext at) {
            return op.kind() == Op.Kind.FIND && at.cursorAfterWrite() && java.index() <= kernel.index();
        }
    },
    /**
     * {@code mas_walk()} in a gap reports the gap's extent within one leaf. The model's
     * {@code MapleWriter} splits and rebalances nodes differently (no {@code mas_push_data()},
     * even redistribution; its Javadoc says so), so one gap can straddle a leaf boundary in one
     * tree and not in the other: both return NULL with the same status but different bounds,
     * each containing the index walked.
     */
    GAP_BOUNDS_FOLLOW_NODE_SPLITS {
        @Override
        boolean explains(Op op, Seen java, Seen kernel, StepContext at) {
            return op.kind() == Op.Kind.WALK && java.entry().equals("null") && kernel.entry().equals("null")
                    && java.status() == kernel.status() && java.index() <= kernel.last() && kernel.index() <= java.last();
        }
    },
    /**
     * A store of NULL over [0, ULONG_MAX] (a store that leaves no entry) goes through
     * {@code mas_new_root()}, which sets {@code mt->ma_root = NULL}: the tree is empty, and
     * walks and finds see {@code ma_none} with index 0, last ULONG_MAX. The model's
     * {@code MapleWriter} rebuilds a leaf holding one NULL range, so its cursors stay ACTIVE (or
     * OVERFLOW) on it.
     */
    EMPTIED_TREE_KEEPS_A_LEAF {
        @Override
        boolean explains(Op op, Seen java, Seen kernel, StepContext at) {
            return at.treeEmpty() && (op.kind() == Op.Kind.WALK || op.kind() == Op.Kind.FIND) && java.entry().equals("null")
                    && kernel.entry().equals("null") && kernel.status() == MapleStatus.NONE && java.status() != MapleStatus.NONE;
        }
    },

    /**
     * A tree whose only entry is at [0, 0] keeps that entry in {@code mt->ma_root} with no node
     * ({@code mas_store_root()}, {@code mas_is_ptr()}): {@code mas_walk()} at 0 returns it with
     * status {@code ma_root}; at any other index it returns NULL with index 1, last ULONG_MAX
     * and status {@code ma_none}. The model always builds a leaf (its MapleStatus Javadoc: ROOT
     * "not produced by this model"), so its state is ACTIVE with the same entry and range.
     */
    SINGLE_ENTRY_AT_ZERO_IS_MA_ROOT {
        @Override
        boolean explains(Op op, Seen java, Seen kernel, StepContext at) {
            return at.rootIsEntry() && (op.kind() == Op.Kind.WALK || op.kind() == Op.Kind.FIND)
                    && java.entry().equals(kernel.entry())
                    && (kernel.status() == MapleStatus.ROOT || kernel.status() == MapleStatus.NONE);
        }
    },
    /**
     * A bug in the model, not a difference of representation: a tree whose root leaf holds a
     * single range [0, ULONG_MAX] (one entry over everything). The kernel stores that range's
     * end in {@code pivots[0]} (ULONG_MAX). The model leaves the last slot's pivot implied (0 in
     * the array) and {@code MapleState.rangeWalk()} compares {@code cur.pivot(0) >= index} before
     * looking at the data end: at index 0 it reports last 0, at any other index it steps to slot 1
     * and returns NULL, a wrong entry. VMAs never cover [0, ULONG_MAX], so the lab's lookups do
     * not reach it. Shortest: {@code store(0x0, MAX, vma5); mas0.walk()} -> java
     * {@code vma5 [0x0, 0x0]}, kernel {@code vma5 [0x0, MAX]}; {@code store(0x0, MAX, vma2);
     * erase(0x110)} -> java erases nothing, kernel erases vma2 (so the run skips an erase on such
     * a tree: the trees would differ from then on).
     */
    MODEL_WHOLE_RANGE_LEAF_READS_UNSET_PIVOT {
        @Override
        boolean explains(Op op, Seen java, Seen kernel, StepContext at) {
            return at.wholeRange() && op.kind() != Op.Kind.STORE && op.kind() != Op.Kind.ERASE;
        }
    },
    /**
     * Not a divergence of the model but a crash of the kernel's code, found by this test (6.12
     * source): {@code mas_find()} from an ACTIVE state whose node a write replaced, when the tree
     * is now empty (or a single entry at [0, 0]) and so has no node. {@code mas_next_slot()}
     * sees the dead node and calls {@code mas_rewalk()}, whose walk ends {@code ma_none} (or
     * {@code ma_root}) with {@code mas->node} NULL; {@code goto retry} then reads
     * {@code mas_mn(mas)} = NULL: a NULL dereference (SIGSEGV in mas_next_slot). The run does not
     * call the kernel's find in that state (it would kill the JVM); it counts the step here and
     * re-synchronises the cursor. Reproduced in C without the JVM (README).
     */
    KERNEL_FIND_NULL_DEREF_ON_EMPTIED_TREE {
        @Override
        boolean explains(Op op, Seen java, Seen kernel, StepContext at) {
            return false; // recognised before the call, by DifferentialRun.wouldCrashKernel
        }
    };

    abstract boolean explains(Op op, Seen java, Seen kernel, StepContext at);

    /** The divergence that explains this difference, or null. */
    static KnownDivergence match(Op op, Seen java, Seen kernel, StepContext at) {
        for (KnownDivergence d : values()) if (d.explains(op, java, kernel, at)) return d;
        return null;
    }
}
