package dev.vmalab.nativebackend.tree;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.tree.RangeTree;
import dev.vmalab.model.tree.TreeBackend;
import dev.vmalab.nativebackend.NativeMapleLibrary;
import dev.vmalab.nativebackend.build.BuildFlavour;
import dev.vmalab.nativebackend.build.KernelVariant;

/**
 * The kernel's maple tree (one loaded library: a variant and a flavour) as the model's
 * {@link TreeBackend}: install it with {@code Kernel.builder().treeBackend(backend)} and every
 * {@code new Mm(kernel)} gets a native tree. Made by {@link NativeBackends#create}.
 *
 * <p>The kernel code's frees of replaced nodes run after the model's grace periods
 * ({@code kernel.rcu().callRcu}, see {@link NativeRangeTree}), so the lab's scheduler decides
 * when a stale node becomes freed memory. Each tree also hooks liburcu's read side into the
 * kernel's RCU ({@code Rcu.setExternalReadSide}), which guards {@code mtree_destroy()}'s frees. Give the kernel the matching {@link #walkSemantics()} so the model's own code (none
 * walks a tree today, but tests compare against the Java model) agrees with the library.
 */
public final class NativeTreeBackend implements TreeBackend {
    private final NativeMapleLibrary lib;
    private final KernelVariant variant;
    private final BuildFlavour flavour;
    private final LiburcuReadSide readSide;
    private final GracePeriodWaiter waiter;
    private final boolean strict;

    NativeTreeBackend(NativeMapleLibrary lib, KernelVariant variant, BuildFlavour flavour, boolean strict) {
        this.lib = lib;
        this.variant = variant;
        this.flavour = flavour;
        this.readSide = new LiburcuReadSide(lib);
        this.waiter = new GracePeriodWaiter(lib);
        this.strict = strict;
    }

    /** {@code native/resume-active}, {@code native-asan/as-shipped}, ... (with {@code +strict}). */
    @Override
    public String name() {
        return (flavour == BuildFlavour.ASAN ? "native-asan" : "native") + "/" + variant.id() + (strict ? "+strict" : "");
    }

    @Override
    public RangeTree newTree(Kernel kernel, long owner) {
        kernel.rcu().setExternalReadSide(readSide); // idempotent: the same object for every tree
        return new NativeRangeTree(kernel, lib, strict);
    }

    public NativeMapleLibrary library() {
        return lib;
    }

    public KernelVariant variant() {
        return variant;
    }

    public BuildFlavour flavour() {
        return flavour;
    }

    public boolean strict() {
        return strict;
    }

    /**
     * What a strategy that retries without a reset does on this variant, in one line: the lab
     * logs it when the backend is made, so a clean as-shipped run is not read as "no-reset is
     * fine".
     */
    public String retryWithoutResetNote() {
        return variant == KernelVariant.AS_SHIPPED
                ? "vmalab native: as-shipped (Debian 6.12) mas_walk() restarts every walk from the root: a retry without a reset"
                        + " (no-reset) is memory-safe here but walks the stale index (mas->index = start of the VMA found before,"
                        + " not the faulting address); expect aborts and fallbacks, not USE_AFTER_FREE"
                : "vmalab native: resume-active mas_walk() resumes an active state at its cached node: a retry without a reset"
                        + " (no-reset) walks a leaf that may be freed" + (flavour == BuildFlavour.ASAN
                        ? "; ASan reports it as USE_AFTER_FREE"
                        : "; the o2 flavour cannot see it and may crash: use native-asan for known-incorrect strategies");
    }

    /** The Java model's walk semantics matching this library's {@code mas_walk()}. */
    public WalkSemantics walkSemantics() {
        return NativeBackends.walkSemantics(variant);
    }

    /**
     * {@code synchronize_rcu(); rcu_barrier();}: every node replaced so far is freed when this
     * returns: the model's grace period and callbacks (the trees' frees, see
     * {@link NativeRangeTree}), then liburcu's (destroyed trees). Outside any read-side section;
     * waits through {@code kernel.scheduling()}.
     */
    public void quiesce(Kernel kernel) {
        Task t = kernel.rcu().current();
        if (t.inRcuReadSection()) throw new IllegalStateException("quiesce() inside rcu_read_lock()");
        kernel.rcu().synchronize(t);
        kernel.rcu().barrier(t);
        waiter.awaitFreed(kernel.scheduling());
    }

    @Override
    public String toString() {
        return name() + " (" + lib + ")";
    }
}
