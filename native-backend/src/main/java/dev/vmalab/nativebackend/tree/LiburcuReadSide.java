package dev.vmalab.nativebackend.tree;

import dev.vmalab.model.rcu.Rcu;
import dev.vmalab.nativebackend.NativeMapleLibrary;

/**
 * Makes the model's outermost {@code rcu_read_lock()}/{@code rcu_read_unlock()} also enter and
 * leave liburcu's read side, which is what frees the kernel code's nodes (call_rcu): a native
 * walk is protected exactly when the model's RCU is held, and a strategy that walks a state
 * from an earlier section walks memory liburcu may have freed, as in the kernel.
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
