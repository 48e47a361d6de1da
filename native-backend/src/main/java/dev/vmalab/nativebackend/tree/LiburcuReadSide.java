package dev.vmalab.nativebackend.tree;

import dev.vmalab.model.rcu.Rcu;
import dev.vmalab.nativebackend.NativeMapleLibrary;

/**
 * Makes the model's outermost {@code rcu_read_lock()}/{@code rcu_read_unlock()} also enter and
 * leave liburcu's read side. The nodes a write replaces are freed after the model's grace
 * period ({@link NativeRangeTree}); liburcu still frees a destroyed tree's nodes
 * ({@code mtree_destroy()}), and its read side keeps native walks safe from those.
 */
final class LiburcuReadSide implements Rcu.ReadSide {
    private final NativeMapleLibrary lib;

    LiburcuReadSide(NativeMapleLibrary lib) {
        this.lib = lib;
    }

    @Override
    public void lock() {
        lib.rcuReadLock();
    }

    @Override
    public void unlock() {
        lib.rcuReadUnlock();
    }
}
