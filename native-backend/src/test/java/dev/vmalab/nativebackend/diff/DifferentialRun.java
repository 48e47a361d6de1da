package dev.vmalab.nativebackend.diff;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.maple.MapleTree;
import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.tree.RangeTree;
import dev.vmalab.model.tree.TreeCursor;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.nativebackend.tree.NativeTreeBackend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.List;

/**
 * Runs one op sequence on the Java model ({@link MapleTree}) and the kernel's code (the native
 * backend) side by side in one kernel, and returns the first step where they disagree.
 *
 * <p>The whole sequence runs inside rcu_read_lock() (the kernel's RCU and, through the external
 * read side, liburcu's), left only by QUIESCE after every cursor was paused: no node a cursor
 * may point at is freed while it could still be walked, so the native o2 library is safe to
 * run in this JVM whatever the sequence.
 */
final class DifferentialRun {
    /** Where the two sides disagreed: the step, the op, and what each side showed. */
    record Mismatch(int step, Op op, String java, String kernel) {
        @Override
        public String toString() {
            return "step " + step + " " + op + ": java " + java + ", kernel " + kernel;
        }
    }

    /** What {@link #nodes} shows for a tree of one leaf ([0, 0] and the NULL after it). */
    private static final String ONE_LEAF = "0L1[0x0,MAX] ";

    /** -Dvmalab.diff.echo=true: print each op before it runs (to find the op of a native crash). */
    private static final boolean ECHO = Boolean.getBoolean("vmalab.diff.echo");

    private final Kernel kernel;
    private final NativeTreeBackend backend;
    private final Vma[] pool;
    private final Set<KnownDivergence> allowed;
    private final Map<KnownDivergence, Long> accepted = new EnumMap<>(KnownDivergence.class);

    DifferentialRun(Kernel kernel, NativeTreeBackend backend, Vma[] pool, Set<KnownDivergence> allowed) {
        this.kernel = kernel;
        this.backend = backend;
        this.pool = pool;
        this.allowed = allowed;
    }

    /** How often each known divergence was accepted (and the cursor re-synchronised). */
    Map<KnownDivergence, Long> accepted() {
        return Collections.unmodifiableMap(accepted);
    }

    /** The first mismatch, or null when the sequence ran the same on both. */
    Mismatch run(List<Op> ops) {
        return run(ops, null);
    }

    /** Every step as {@code op: java RESULT | kernel RESULT}, up to the first mismatch: for failure messages. */
    List<String> trace(List<Op> ops) {
        List<String> lines = new ArrayList<>();
        run(ops, lines);
        return lines;
    }

    private Mismatch run(List<Op> ops, List<String> trace) {
        RangeTree java = new MapleTree(kernel, 1);
        RangeTree kern = backend.newTree(kernel, 2);
        List<TreeCursor> jc = new ArrayList<>();
        List<TreeCursor> kc = new ArrayList<>();
        for (int i = 0; i < OpGenerator.CURSORS; i++) {
            jc.add(java.cursor(0, 0));
            kc.add(kern.cursor(0, 0));
        }
        boolean[] afterWrite = new boolean[OpGenerator.CURSORS];
        Task t = kernel.rcu().current();
        kernel.rcu().readLock(t);
        try {
            for (int step = 0; step < ops.size(); step++) {
                Op op = ops.get(step);
                if (ECHO) System.err.println("diff step " + step + ": " + op);
                if (op.kind() == Op.Kind.QUIESCE) {
                    if (trace != null) trace.add(op.toString());
                    quiesce(t, jc, kc);
                    continue;
                }
                String kernelLayout = layout(kern);
                if (wouldCrashKernel(op, kc, afterWrite, kernelLayout)) {
                    if (trace != null) trace.add(op + ": skipped (" + KnownDivergence.KERNEL_FIND_NULL_DEREF_ON_EMPTIED_TREE + ")");
                    accepted.merge(KnownDivergence.KERNEL_FIND_NULL_DEREF_ON_EMPTIED_TREE, 1L, Long::sum);
                    TreeCursor c = kc.get(op.cursor());
                    jc.get(op.cursor()).setRange(c.index(), c.last());
                    c.setRange(c.index(), c.last());
                    afterWrite[op.cursor()] = false;
                    continue;
                }
                Seen j;
                Seen k;
                try {
                    j = apply(op, java, jc);
                } catch (RuntimeException e) {
                    j = Seen.of("threw " + e);
                }
                try {
                    k = apply(op, kern, kc);
                } catch (RuntimeException e) {
                    k = Seen.of("threw " + e);
                }
                if (!j.equals(k)) {
                    KnownDivergence d = KnownDivergence.match(op, j, k,
                            new StepContext(kernelLayout.isEmpty(), isRootEntry(kernelLayout),
                                    kernelLayout.startsWith("[0x0,MAX]="), afterWrite[op.cursor()]));
                    if (trace != null) trace.add(op + ": java " + j + " | kernel " + k + (d == null ? "" : "  (" + d + ")"));
                    if (d == null || !allowed.contains(d)) return new Mismatch(step, op, j.toString(), k.toString());
                    accepted.merge(d, 1L, Long::sum);
                    jc.get(op.cursor()).setRange(k.index(), k.last());
                    kc.get(op.cursor()).setRange(k.index(), k.last());
                } else if (trace != null) {
                    trace.add(op + ": " + j);
                }
                switch (op.kind()) { // which cursors may point at a node a write replaced
                    case STORE, ERASE -> Arrays.fill(afterWrite, true);
                    case LOAD, QUIESCE -> { }
                    // a find that returns NULL early ("last >= max") does not touch the node
                    case FIND -> afterWrite[op.cursor()] &= k.entry().equals("null");
                    default -> afterWrite[op.cursor()] = false;
                }
                if (op.kind() == Op.Kind.STORE || op.kind() == Op.Kind.ERASE) {
                    String jl = layout(java);
                    String kl = layout(kern);
                    if (!jl.equals(kl)) {
                        if (trace != null) trace.add("  layout: java " + jl + " | kernel " + kl);
                        return new Mismatch(step, op, "layout " + jl, "layout " + kl);
                    }
                    // The same nodes, not only the same ranges: which stores are in place depends on it.
                    String jn = nodes(java);
                    String kn = nodes(kern);
                    if (!jn.equals(kn)) {
                        if (kn.isEmpty() && isRootEntry(kl) && jn.equals(ONE_LEAF)
                                && allowed.contains(KnownDivergence.SINGLE_ENTRY_AT_ZERO_IS_MA_ROOT)) {
                            // The kernel keeps the lone [0, 0] entry in ma_root, the model in one leaf.
                            accepted.merge(KnownDivergence.SINGLE_ENTRY_AT_ZERO_IS_MA_ROOT, 1L, Long::sum);
                            continue;
                        }
                        if (trace != null) trace.add("  nodes: java " + jn + " | kernel " + kn);
                        return new Mismatch(step, op, "nodes " + jn, "nodes " + kn);
                    }
                }
            }
            return null;
        } finally {
            for (TreeCursor c : jc) c.pause();
            for (TreeCursor c : kc) c.pause();
            kernel.rcu().readUnlock(t);
        }
    }

    /** See {@link KnownDivergence#KERNEL_FIND_NULL_DEREF_ON_EMPTIED_TREE}. */
    private static boolean wouldCrashKernel(Op op, List<TreeCursor> kc, boolean[] afterWrite, String kernelLayout) {
        return op.kind() == Op.Kind.FIND && afterWrite[op.cursor()]
                && kc.get(op.cursor()).status() == dev.vmalab.model.maple.MapleStatus.ACTIVE
                && (kernelLayout.isEmpty() || isRootEntry(kernelLayout));
    }

    private static boolean isRootEntry(String layout) {
        return layout.startsWith("[0x0,0x0]=") && layout.indexOf('[', 1) < 0;
    }

    private Seen apply(Op op, RangeTree tree, List<TreeCursor> cursors) {
        TreeCursor c = cursors.get(op.cursor());
        return switch (op.kind()) {
            case STORE -> {
                tree.store(op.a(), op.b(), op.entry() < 0 ? null : pool[op.entry()]);
                yield Seen.of("ok");
            }
            case ERASE -> Seen.of("erased " + name(tree.erase(op.a())));
            case LOAD -> Seen.of("loaded " + name(tree.load(op.a())));
            case WALK -> state(c.walk(), c);
            case FIND -> state(c.find(op.a()), c);
            case SET -> {
                c.set(op.a());
                yield state(null, c);
            }
            case SET_RANGE -> {
                c.setRange(op.a(), op.b());
                yield state(null, c);
            }
            case RESET -> {
                c.reset();
                yield state(null, c);
            }
            case PAUSE -> {
                c.pause();
                yield state(null, c);
            }
            case QUIESCE -> throw new IllegalArgumentException("QUIESCE is run for both sides at once");
        };
    }

    /** Pause every cursor, leave the read section, let both sides free what they replaced, enter again. */
    private void quiesce(Task t, List<TreeCursor> jc, List<TreeCursor> kc) {
        for (TreeCursor c : jc) c.pause();
        for (TreeCursor c : kc) c.pause();
        kernel.rcu().readUnlock(t);
        kernel.rcu().synchronize(t);
        kernel.rcu().barrier(t);
        backend.quiesce(kernel);
        kernel.rcu().readLock(t);
    }

    private Seen state(Object entry, TreeCursor c) {
        return new Seen(name(entry), c.index(), c.last(), c.status());
    }

    private String name(Object entry) {
        if (entry == null) return "null";
        for (int i = 0; i < pool.length; i++) if (pool[i] == entry) return "vma" + i;
        return "?" + entry;
    }

    /** The nodes in pre-order as {@code depth L|I end [min,max]}, from {@link RangeTree#nodeShape()}. */
    static String nodes(RangeTree tree) {
        long[] w = tree.nodeShape();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i += 4) {
            sb.append(w[i] >> 1).append((w[i] & 1) != 0 ? 'L' : 'I').append(w[i + 1])
                    .append('[').append(Op.h(w[i + 2])).append(',').append(Op.h(w[i + 3])).append("] ");
        }
        return sb.toString();
    }

    private static String layout(RangeTree tree) {
        StringBuilder sb = new StringBuilder();
        tree.forEach((first, last, e) -> sb.append('[').append(Op.h(first)).append(',').append(Op.h(last)).append("]=")
                .append(((Vma) e).address()).append(' '));
        return sb.toString();
    }
}
