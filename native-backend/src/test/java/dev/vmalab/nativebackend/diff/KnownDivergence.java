package dev.vmalab.nativebackend.diff;

import dev.vmalab.model.maple.MapleStatus;

/**
 * Disagreements between the Java model and the kernel's code that the differential test accepts,
 * each named and explained from lib/maple_tree.c (Debian 6.12.117). Five earlier ones (mas_find
 * past its limit, the dead-node rewalk point, an emptied tree keeping a leaf, a one-slot leaf's
 * unset pivot, gap bounds that followed the model's own node splits before its write path was
 * ported from the kernel's) were fixed in the model and are checked strictly now. The kernel's side is right by definition; the model diverges. After an accepted
 * divergence the run re-synchronises the cursor (mas_set_range to the kernel's index and last on
 * both sides) so one known difference does not cascade into unnamed ones.
 */
enum KnownDivergence {
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
