package dev.vmalab.nativebackend.tree;

import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.nativebackend.NativeMapleLibrary;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * liburcu's {@code synchronize_rcu(); rcu_barrier();} run on a helper thread while the caller
 * waits the model's way ({@link Scheduling#waitTurn()}), never blocking in C: under a
 * deterministic scheduler the readers the grace period waits for must still get turns
 * (Scheduling's WARNING). The caller must not be inside a read-side section itself.
 */
final class GracePeriodWaiter {
    private final NativeMapleLibrary lib;
    private final ExecutorService helper;

    GracePeriodWaiter(NativeMapleLibrary lib) {
        this.lib = lib;
        this.helper = Executors.newSingleThreadExecutor(r -> {
            Thread t = Thread.ofPlatform().name("vmalab-native-gp").daemon(true).unstarted(r);
            return t;
        });
    }

    /** Returns once every reader inside a section at the call has left and every queued free has run. */
    void awaitFreed(Scheduling scheduling) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            lib.synchronizeRcu();
            lib.rcuBarrier();
        }, helper);
        while (!done.isDone()) scheduling.waitExternal();
        done.join(); // rethrows a failure
    }
}
