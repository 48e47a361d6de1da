package dev.vmalab.nativebackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A loaded {@code libvmalab_maple-*.so} (the kernel's lib/maple_tree.c, see
 * {@link dev.vmalab.nativebackend.build.NativeBuild}) and the RCU calls that go with it.
 *
 * <p>Usage, as {@code lock_vma_under_rcu()} does it:
 * <pre>{@code
 * NativeMapleLibrary lib = NativeMapleLibrary.load(path);
 * try (NativeMapleTree mt = lib.newTree(); NativeMaState mas = mt.state(address)) {
 *     mt.store(start, end - 1, MapleEntry.of(vmaId));
 *     lib.rcuReadLock();
 *     long entry = mas.walk();
 *     lib.rcuReadUnlock();
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Platform threads only: liburcu keeps per-thread state (its reader registry
 * and the read-side nesting count) in native thread-locals, which a virtual thread would carry
 * from one carrier to another. A thread is registered with liburcu on its first call and
 * unregistered when it exits. A read-side section must not span a {@link #synchronizeRcu()} or
 * {@link #rcuBarrier()} on the same thread (deadlock, as in the kernel).
 *
 * <p><b>Lifetime.</b> A library is loaded once per process and path and never unloaded:
 * liburcu's call_rcu thread calls back into it ({@code mt_free_rcu}) at any time. Two variants
 * can be loaded side by side; each has its own copy of the maple tree code and shares liburcu.
 *
 * <p><b>Cost.</b> The calls made inside a read-side section (read lock and unlock,
 * {@code mas_walk}, {@code mas_find}, {@code mas_set}, ...) are bound as {@linkplain
 * Linker.Option#critical(boolean) critical} downcalls: no thread-state transition, but also no
 * safepoint while they run, which is fine for calls that never block. Those that take a maple
 * state allow heap access, so the state can live in a Java array; the getters read its fields
 * directly. Calls that allocate, take a
 * lock or wait for a grace period (store, erase, load, synchronize) are ordinary downcalls.
 *
 * <p><b>ASan.</b> A library of the {@code asan} flavour can only be loaded into a process that
 * started with libasan preloaded ({@code LD_PRELOAD}, see
 * {@link dev.vmalab.nativebackend.build.AsanEnvironment}); otherwise ASan would abort the JVM, so
 * {@link #load} refuses first. With {@code ASAN_OPTIONS=halt_on_error=0} each report is queued by
 * the library and returned by {@link #takeAsanReports()}.
 */
public final class NativeMapleLibrary {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);
    // Critical calls that take a maple state may be given one in a Java array (stateOnHeap).
    private static final Linker.Option HEAP_CRITICAL = Linker.Option.critical(true);

    // Address-taking downcall handles, shared by every loaded library: static finals, so the JIT
    // inlines them; the function address is the first argument. Named by C signature.
    private static final MethodHandle C_VOID_PTR = LINKER.downcallHandle(FunctionDescriptor.ofVoid(ADDRESS), HEAP_CRITICAL);
    private static final MethodHandle C_VOID_PTR_LONG = LINKER.downcallHandle(FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG), HEAP_CRITICAL);
    private static final MethodHandle C_LONG_PTR = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_LONG, ADDRESS), HEAP_CRITICAL);
    private static final MethodHandle C_LONG_PTR_LONG = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG), HEAP_CRITICAL);
    private static final MethodHandle C_INT_PTR = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS), CRITICAL);
    private static final MethodHandle C_INT = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT), CRITICAL);
    private static final MethodHandle C_VOID = LINKER.downcallHandle(FunctionDescriptor.ofVoid(), CRITICAL);
    private static final MethodHandle C_LONG = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_LONG), CRITICAL);
    private static final MethodHandle C_VOID_PTR_LONG_LONG =
            LINKER.downcallHandle(FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG), HEAP_CRITICAL);
    private static final MethodHandle C_VOID_PTR_PTR_LONG_LONG =
            LINKER.downcallHandle(FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG), HEAP_CRITICAL);

    private static final MethodHandle VOID = LINKER.downcallHandle(FunctionDescriptor.ofVoid());
    private static final MethodHandle PTR = LINKER.downcallHandle(FunctionDescriptor.of(ADDRESS));
    private static final MethodHandle INT = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle LONG = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_LONG));
    private static final MethodHandle VOID_PTR = LINKER.downcallHandle(FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle PTR_PTR_LONG = LINKER.downcallHandle(FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle LONG_PTR_LONG = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
    private static final MethodHandle LONG_PTR_PTR_LONG = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle VOID_PTR_INT = LINKER.downcallHandle(FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
    private static final MethodHandle LONG_LONG = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
    private static final MethodHandle INT_PTR_LONG_LONG_LONG =
            LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG));

    private static final Map<Path, NativeMapleLibrary> LOADED = new ConcurrentHashMap<>();

    private final Path path;
    private final String buildInfo;
    private final boolean asan;

    // Function addresses of this library.
    final MemorySegment treeNew, treeDestroy, store, erase, load, treeShape;
    final MemorySegment masNew, masFree, masSet, masReset, masPause, masWalk, masFind;
    final MemorySegment masIndex, masLast, masStatus, masNode, masSetRange, masInit;
    /** The strategy API's further operations: mas_next, mas_prev, mte_dead_node(mas->node). */
    final MemorySegment masNext, masPrev, masDeadNode;
    private final boolean resumesActive;
    /** Where struct ma_state keeps what the getters read (from the library: the kernel's layout). */
    final MaStateLayout masLayout;
    private final MemorySegment registerThread, unregisterThread, readLock, readUnlock, synchronizeRcu, rcuBarrier;
    final MemorySegment treeSetLabFrees;
    private final MemorySegment takeDeferred, runDeferred;
    private final MemorySegment nodesAllocated, asanReportCount, asanTakeReport, asanThreadReportCount, asanTakeThreadReport;

    private NativeMapleLibrary(Path path) {
        this.path = path;
        SymbolLookup lookup = SymbolLookup.libraryLookup(path, Arena.global());
        treeNew = find(lookup, "vml_tree_new");
        treeDestroy = find(lookup, "vml_tree_destroy");
        store = find(lookup, "vml_store");
        erase = find(lookup, "vml_erase");
        load = find(lookup, "vml_load");
        treeShape = find(lookup, "vml_tree_shape");
        masNew = find(lookup, "vml_mas_new");
        masFree = find(lookup, "vml_mas_free");
        masSet = find(lookup, "vml_mas_set");
        masReset = find(lookup, "vml_mas_reset");
        masPause = find(lookup, "vml_mas_pause");
        masWalk = find(lookup, "vml_mas_walk");
        masFind = find(lookup, "vml_mas_find");
        masIndex = find(lookup, "vml_mas_index");
        masLast = find(lookup, "vml_mas_last");
        masStatus = find(lookup, "vml_mas_status");
        masNode = find(lookup, "vml_mas_node");
        masSetRange = find(lookup, "vml_mas_set_range");
        masInit = find(lookup, "vml_mas_init");
        masNext = find(lookup, "vml_mas_next");
        masPrev = find(lookup, "vml_mas_prev");
        masDeadNode = find(lookup, "vml_mas_dead_node");
        masLayout = MaStateLayout.read(find(lookup, "vml_mas_layout"));
        registerThread = find(lookup, "vml_rcu_register_thread");
        unregisterThread = find(lookup, "vml_rcu_unregister_thread");
        readLock = find(lookup, "vml_rcu_read_lock");
        readUnlock = find(lookup, "vml_rcu_read_unlock");
        synchronizeRcu = find(lookup, "vml_synchronize_rcu");
        rcuBarrier = find(lookup, "vml_rcu_barrier");
        treeSetLabFrees = find(lookup, "vml_tree_set_lab_frees");
        takeDeferred = find(lookup, "vml_rcu_take_deferred");
        runDeferred = find(lookup, "vml_rcu_run_deferred");
        nodesAllocated = find(lookup, "vml_nodes_allocated");
        asanReportCount = find(lookup, "vml_asan_report_count");
        asanTakeReport = find(lookup, "vml_asan_take_report");
        asanThreadReportCount = find(lookup, "vml_asan_thread_report_count");
        asanTakeThreadReport = find(lookup, "vml_asan_take_thread_report");
        try {
            MemorySegment info = (MemorySegment) PTR.invokeExact(find(lookup, "vml_build_info"));
            buildInfo = info.reinterpret(1024).getString(0);
            asan = (int) INT.invokeExact(find(lookup, "vml_asan_enabled")) != 0;
            resumesActive = buildInfo.contains("variant=resume-active");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Loads the library at {@code path} (once per process; later calls return the same object).
     *
     * @throws IllegalStateException when it is an ASan build and libasan is not preloaded
     */
    public static NativeMapleLibrary load(Path path) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("native maple library " + path + " not found (run 'vmalab native build')", e);
        }
        return LOADED.computeIfAbsent(real, p -> {
            if (needsAsanRuntime(p) && !asanRuntimeLoaded()) {
                throw new IllegalStateException(p.getFileName() + " is an ASan build: start the JVM with LD_PRELOAD=<libasan.so>"
                        + " and ASAN_OPTIONS (see AsanEnvironment; ./vmalab does it with VMALAB_PRELOAD), or load the o2 flavour");
            }
            return new NativeMapleLibrary(p);
        });
    }

    /** True when the ASan runtime is mapped into this process (it must come first, by LD_PRELOAD). */
    public static boolean asanRuntimeLoaded() {
        try {
            return Files.readString(Path.of("/proc/self/maps")).contains("/libasan.so");
        } catch (IOException e) {
            String preload = System.getenv("LD_PRELOAD");
            return preload != null && preload.contains("libasan");
        }
    }

    /** An ELF object linked against libasan names it in its dynamic section. */
    private static boolean needsAsanRuntime(Path so) {
        try {
            return new String(Files.readAllBytes(so), StandardCharsets.ISO_8859_1).contains("libasan.so.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException("symbol " + name + " missing: not a vmalab maple library"));
    }

    /** The file this was loaded from. */
    public Path path() {
        return path;
    }

    /** E.g. {@code vmalab-maple 1 variant=resume-active flavour=asan}. */
    public String buildInfo() {
        return buildInfo;
    }

    /** True for the ASan flavour. */
    public boolean asanEnabled() {
        return asan;
    }

    /** True when this library's mas_walk() resumes an active state at its cached node (the resume-active variant). */
    public boolean resumesActive() {
        return resumesActive;
    }

    /** A new empty tree with {@code MT_FLAGS_ALLOC_RANGE | MT_FLAGS_USE_RCU}, like {@code mm->mm_mt}. */
    public NativeMapleTree newTree() {
        try {
            MemorySegment mt = (MemorySegment) PTR.invokeExact(treeNew);
            if (mt.address() == 0) throw new OutOfMemoryError("vml_tree_new");
            return new NativeMapleTree(this, mt);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code rcu_read_lock()}. Platform threads only. */
    public void rcuReadLock() {
        try {
            if ((int) C_INT.invokeExact(readLock) != 0) {
                // First RCU use on this thread: register (may block, so not a critical call), retry.
                if (Thread.currentThread().isVirtual()) throw new IllegalStateException("RCU from a virtual thread");
                VOID.invokeExact(registerThread);
                if ((int) C_INT.invokeExact(readLock) != 0) throw new IllegalStateException("liburcu registration failed");
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code rcu_read_unlock()}. */
    public void rcuReadUnlock() {
        try {
            C_VOID.invokeExact(readUnlock);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code synchronize_rcu()}: waits for a grace period. Not inside a read-side section. */
    public void synchronizeRcu() {
        callVoid(synchronizeRcu);
    }

    /**
     * {@code rcu_barrier()}: waits until every {@code call_rcu} callback queued so far has run, so
     * nodes a store replaced are really freed (after {@link #synchronizeRcu()}).
     */
    public void rcuBarrier() {
        callVoid(rcuBarrier);
    }

    /**
     * The frees ({@code call_rcu} callbacks) the calling thread's last writes to trees in lab mode
     * ({@link NativeMapleTree#leaveFreesToLab()}) queued, as one batch handle, or 0 when none: the
     * caller runs it with {@link #runDeferredFrees} once its own grace period has ended.
     */
    public long takeDeferredFrees() {
        try {
            return (long) LONG.invokeExact(takeDeferred);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Runs a batch from {@link #takeDeferredFrees()} on the calling thread (any thread, once):
     * the replaced nodes are freed now (into ASan's quarantine in the ASan flavour). Returns how
     * many callbacks ran.
     */
    public long runDeferredFrees(long batch) {
        try {
            return (long) LONG_LONG.invokeExact(runDeferred, batch);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void callSetLabFrees(MemorySegment mt, boolean on) {
        try {
            VOID_PTR_INT.invokeExact(treeSetLabFrees, mt, on ? 1 : 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Registers the calling thread with liburcu now (otherwise done on its first call). */
    public void registerThread() {
        if (Thread.currentThread().isVirtual()) throw new IllegalStateException("RCU from a virtual thread");
        callVoid(registerThread);
    }

    /** Unregisters the calling thread (otherwise done when it exits). */
    public void unregisterThread() {
        callVoid(unregisterThread);
    }

    /** Maple nodes allocated and not yet freed, by every tree of this library. */
    /** vml_tree_shape(mt, out, cap): fills {@code out} while it fits, returns the words needed. */
    long callTreeShape(MemorySegment mt, MemorySegment out, long capWords) {
        try {
            return (long) LONG_PTR_PTR_LONG.invokeExact(treeShape, mt, out, capWords);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int nodesAllocated() {
        try {
            return (int) INT.invokeExact(nodesAllocated);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** ASan reports seen since load (0 for the o2 flavour). */
    public long asanReportCount() {
        try {
            return (long) LONG.invokeExact(asanReportCount);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The ASan reports queued since the last call (the library keeps the latest 64), oldest first. */
    public List<AsanReport> takeAsanReports() {
        List<AsanReport> out = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(REPORT_CAP);
            while (true) {
                long len = (long) LONG_PTR_LONG.invokeExact(asanTakeReport, buf, REPORT_CAP);
                if (len < 0) return out;
                out.add(new AsanReport(buf.getString(0)));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final long REPORT_CAP = 64 * 1024;

    /**
     * ASan reports raised on the calling thread since load: a thread-local read, cheap enough to
     * compare before and after each walk (always 0 for the o2 flavour).
     */
    public long asanThreadReportCount() {
        try {
            return (long) C_LONG.invokeExact(asanThreadReportCount);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The first ASan report raised on the calling thread since its last take, if any. A bad walk
     * raises one report per faulting load (about 5); the first names the walk. The reports stay
     * in the {@link #takeAsanReports()} queue as well.
     */
    public java.util.Optional<AsanReport> takeAsanThreadReport() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(REPORT_CAP);
            long len = (long) LONG_PTR_LONG.invokeExact(asanTakeThreadReport, buf, REPORT_CAP);
            return len < 0 ? java.util.Optional.empty() : java.util.Optional.of(new AsanReport(buf.getString(0)));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public String toString() {
        return buildInfo + " (" + path + ")";
    }

    // ---- calls used by NativeMapleTree and NativeMaState -------------------------------

    MemorySegment masNew(MemorySegment mt, long index) {
        try {
            return (MemorySegment) PTR_PTR_LONG.invokeExact(masNew, mt, index);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void callVoid(MemorySegment fn) {
        try {
            VOID.invokeExact(fn);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void callVoid(MemorySegment fn, MemorySegment arg) {
        try {
            VOID_PTR.invokeExact(fn, arg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int callStore(MemorySegment mt, long first, long last, long entry) {
        try {
            return (int) INT_PTR_LONG_LONG_LONG.invokeExact(store, mt, first, last, entry);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    long callLong(MemorySegment fn, MemorySegment arg, long value) {
        try {
            return (long) LONG_PTR_LONG.invokeExact(fn, arg, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void criticalVoid(MemorySegment fn, MemorySegment arg) {
        try {
            C_VOID_PTR.invokeExact(fn, arg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void criticalVoid(MemorySegment fn, MemorySegment arg, long value) {
        try {
            C_VOID_PTR_LONG.invokeExact(fn, arg, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long criticalLong(MemorySegment fn, MemorySegment arg) {
        try {
            return (long) C_LONG_PTR.invokeExact(fn, arg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long criticalLong(MemorySegment fn, MemorySegment arg, long value) {
        try {
            return (long) C_LONG_PTR_LONG.invokeExact(fn, arg, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void criticalVoid(MemorySegment fn, MemorySegment arg, long a, long b) {
        try {
            C_VOID_PTR_LONG_LONG.invokeExact(fn, arg, a, b);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void criticalVoid(MemorySegment fn, MemorySegment arg, MemorySegment arg2, long a, long b) {
        try {
            C_VOID_PTR_PTR_LONG_LONG.invokeExact(fn, arg, arg2, a, b);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int criticalInt(MemorySegment fn, MemorySegment arg) {
        try {
            return (int) C_INT_PTR.invokeExact(fn, arg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }
}
