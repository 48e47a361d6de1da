package dev.vmalab.model.lookup;

import static dev.vmalab.model.testing.Maps.PAGE;
import static dev.vmalab.model.testing.Maps.RO;
import static dev.vmalab.model.testing.Maps.RW;
import static dev.vmalab.model.testing.Maps.anon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.check.CollectingSink;
import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.sched.YieldPoint;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.model.testing.ScriptedInterleaving;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A /proc/PID/maps reader racing munmap, mremap and MAP_FIXED returns what the
 * kernel's lock_next_vma() (mm/mmap_lock.c, 6.18 = linux-mm Dec 2025) returns,
 * for every built-in strategy and both walk semantics. The writer runs, to
 * completion, while the reader has found V4 with vma_next() and is about to
 * vma_start_read() it; from_addr is then V3's end. The kernel lines each
 * scenario goes through are quoted at the scenario.
 *
 * <p>Map: V0..V7, V<i> = pages [4i, 4i+2), rw and r- alternating, 2-page gaps.
 */
class LockNextVmaTest {
    private static final long BASE = 0x7f00_0000_0000L;
    private static final int VMAS = 8;
    private static final int RWX = RW | VmaFlags.EXEC;
    /** V0..V3 and V5..V7: the VMAs no scenario touches. */
    private static final String HEAD = "0-2,4-6,8-10,12-14";
    private static final String TAIL = "20-22,24-26,28-30";

    /** What the kernel returns: the pages listed, and the lab's maps counters. */
    private record Want(String layout, long retries, long gapRewalks, long fallbacks) {}

    /** {@code writer} runs before the reader's vma_start_read() of V4; {@code onReaderWait}, if any, when the reader first waits. */
    private record Scenario(String name, Consumer<Mm> writer, Consumer<Mm> onReaderWait, Want want) {
        Scenario(String name, Consumer<Mm> writer, Want want) {
            this(name, writer, null, want);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static long page(long p) {
        return BASE + p * PAGE;
    }

    static List<Scenario> scenarios() {
        return List.of(
                // vma_start_read(): "return EAGAIN if vma got detached from under us"; lock_next_vma():
                // "if (PTR_ERR(vma) == -EAGAIN) { rcu_read_lock(); vma_iter_set(vmi, from_addr); goto retry; }".
                // The retry's vma_next() finds V5, ahead of from_addr; mmap_lock_speculate_try_begin() was
                // taken after the writer finished, so the gap needs no verifying.
                new Scenario("munmap V4", mm -> assertThat(MapOps.munmap(mm, page(16), 2 * PAGE)).isZero(),
                        new Want(HEAD + "," + TAIL, 1, 0, 0)),
                // MAP_FIXED N [15,19) over V4 and into both gaps: V4 detached, -EAGAIN, the retry finds N.
                new Scenario("MAP_FIXED over V4", mm -> anon(mm, page(15), 4, RWX),
                        new Want(HEAD + ",15-19," + TAIL, 1, 0, 0)),
                // mremap(MREMAP_MAYMOVE) of V4 to page 40: copy_vma() there, the old V4 unmapped (detached):
                // -EAGAIN, retry; the moved copy comes last.
                new Scenario("mremap moves V4", mm -> assertThat(MapOps.mremap(mm, page(16), 2 * PAGE, 2 * PAGE, page(40)))
                        .isEqualTo(page(40)), new Want(HEAD + "," + TAIL + ",40-42", 1, 0, 0)),
                // mremap grows V4 in place to [16,19): the same object, still attached, so vma_start_read()
                // succeeds; from_addr < vm_start and the mmap_lock sequence moved: "if (!mmap_unlocked ||
                // mmap_lock_speculate_retry(mm, mm_wr_seq)) { vma_iter_set(vmi, from_addr); if (vma !=
                // vma_next(vmi)) goto fallback_unlock; }" finds V4 again: no fallback.
                new Scenario("mremap grows V4 in place", mm -> assertThat(MapOps.mremap(mm, page(16), 2 * PAGE, 3 * PAGE, page(16)))
                        .isEqualTo(page(16)), new Want(HEAD + ",16-19," + TAIL, 0, 1, 0)),
                // MAP_FIXED G [14,15) in the gap before V4: V4 locks, the re-walk finds G: "goto
                // fallback_unlock"; lock_next_vma_under_mmap_lock() returns G; the next step returns V4.
                new Scenario("MAP_FIXED in the gap before V4", mm -> anon(mm, page(14), 1, RWX),
                        new Want(HEAD + ",14-15,16-18," + TAIL, 0, 1, 1)),
                // munmap V4, then MAP_FIXED B [2,3): B is V4's object again (SLAB_TYPESAFE_BY_RCU, reused at
                // once), attached, so vma_start_read() succeeds on it; "if (unlikely(from_addr >= vma->vm_end))
                // goto fallback_unlock": under mmap_lock vma_next() from from_addr finds V5. B is behind the
                // reader: a maps read that had passed page 2 does not show it.
                new Scenario("V4's object reused behind from_addr", mm -> {
                    Vma v4 = (Vma) mm.tree().load(page(16));
                    assertThat(MapOps.munmap(mm, page(16), 2 * PAGE)).isZero();
                    anon(mm, page(2), 1, RWX);
                    assertThat(mm.tree().load(page(2))).as("the scenario needs V4's object reused").isSameAs(v4);
                }, new Want(HEAD + "," + TAIL, 0, 0, 1)),
                // A writer holds mmap_write_lock and has write-locked V4 (vma_start_write()): "if
                // (READ_ONCE(vma->vm_lock_seq) == READ_ONCE(mm->mm_lock_seq.sequence)) { vma = NULL; goto err; }",
                // then lock_next_vma()'s "goto fallback": lock_next_vma_under_mmap_lock() waits in
                // mmap_read_lock_killable() until the writer unlocks, and finds V4 unchanged.
                new Scenario("V4 write-locked", mm -> {
                    mm.mmapWriteLock(mm.kernel().rcu().current());
                    mm.vmaStartWrite((Vma) mm.tree().load(page(16)));
                }, mm -> mm.mmapWriteUnlock(mm.kernel().rcu().current()),
                        new Want(HEAD + ",16-18," + TAIL, 0, 0, 1)));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (LookupStrategy s : StrategyRegistry.builtIn()) {
            for (WalkSemantics w : WalkSemantics.values()) {
                for (Scenario sc : scenarios()) out.add(Arguments.of(s.name(), w, sc));
            }
        }
        return out.stream();
    }

    private record Read(String layout, VmaLockStats stats, CollectingSink sink, boolean writerRan, long nodesRead) {}

    private static Read read(LookupStrategy s, WalkSemantics walk, Consumer<Mm> writer, Consumer<Mm> onReaderWait)
            throws Exception {
        CollectingSink sink = new CollectingSink();
        Kernel kernel = Kernel.builder().gracePeriods(GracePeriods.STRICT).quarantine(64).walkSemantics(walk)
                .violations(sink).build();
        Mm mm = new Mm(kernel);
        for (int i = 0; i < VMAS; i++) anon(mm, page(4L * i), 2, i % 2 == 0 ? RW : RO);
        List<String> seen = new ArrayList<>();
        VmaLockStats stats = new VmaLockStats();
        boolean[] ran = new boolean[1];
        long[] nodes = new long[1];
        Thread reader = new Thread(() -> {
            MapsReader.read(s, mm, stats, v -> seen.add((v.start() - BASE) / PAGE + "-" + (v.end() - BASE) / PAGE));
            nodes[0] = kernel.rcu().current().nodesRead();
        }, "maps-reader");
        try (ScriptedInterleaving script = new ScriptedInterleaving(reader)) {
            script.at(YieldPoint.VMA_START_READ, 5, () -> { // about to lock V4, the 5th VMA
                writer.accept(mm);
                ran[0] = true;
            });
            if (onReaderWait != null) script.at(YieldPoint.WAIT, 1, () -> onReaderWait.accept(mm));
            kernel.setScheduling(script);
            reader.start();
            reader.join(30_000);
        }
        assertThat(reader.isAlive()).isFalse();
        return new Read(String.join(",", seen), stats, sink, ran[0], nodes[0]);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("cases")
    void aMapsReaderRacingAWriterReturnsWhatTheKernelReturns(String strategy, WalkSemantics walk, Scenario sc)
            throws Exception {
        LookupStrategy s = StrategyRegistry.standard().get(strategy);
        Read r = read(s, walk, sc.writer, sc.onReaderWait);
        assertThat(r.sink.violations()).as("every strategy's maps reader is memory-safe: the reset is the kernel's").isEmpty();
        // lock_next_vma() counts no vmstat event: count_vm_vma_lock_event() is only in lock_vma_under_rcu()
        assertThat(List.of(r.stats.lookups, r.stats.success, r.stats.abort, r.stats.miss, r.stats.fallback))
                .containsOnly(0L);
        long returned = r.layout.isEmpty() ? 0 : r.layout.split(",").length;
        assertThat(r.stats.mapsSteps).as("one lock_next_vma() per VMA, and the last finds none").isEqualTo(returned + 1);
        if (!s.usesPerVmaLocks()) { // every step under mmap_read_lock: no vma_start_read(), so no race window
            assertThat(r.writerRan).isFalse();
            assertThat(r.layout).isEqualTo(HEAD + ",16-18," + TAIL);
            assertThat(r.stats.mapsFallbacks).isEqualTo(r.stats.mapsSteps);
            return;
        }
        assertThat(r.writerRan).isTrue();
        assertThat(r.layout).isEqualTo(sc.want.layout);
        assertThat(r.stats.mapsRetries).as("-EAGAIN retries").isEqualTo(sc.want.retries);
        assertThat(r.stats.mapsGapRewalks).as("gaps verified by walking again").isEqualTo(sc.want.gapRewalks);
        assertThat(r.stats.mapsFallbacks).as("lock_next_vma_under_mmap_lock()").isEqualTo(sc.want.fallbacks);
    }

    /**
     * Why lock_next_vma()'s -EAGAINs need no paired accounting: {@link RetryLoopLookup#lockNextVma} is final and
     * its retry is the kernel's own "vma_iter_set(vmi, from_addr); goto retry" for every strategy, so on the same
     * race every per-VMA strategy returns the same VMAs, counts the same retries, re-walks and fallbacks, and reads
     * the same maple nodes: the paired difference is zero by construction, and this checks it on every race.
     */
    @org.junit.jupiter.api.Test
    void everyPerVmaStrategyRetriesAMapsReadTheSameWay() throws Exception {
        for (WalkSemantics walk : WalkSemantics.values()) {
            for (Scenario sc : scenarios()) {
                java.util.Map<String, String> seen = new java.util.LinkedHashMap<>();
                for (LookupStrategy s : StrategyRegistry.builtIn()) {
                    if (!s.usesPerVmaLocks()) continue;
                    Read r = read(s, walk, sc.writer, sc.onReaderWait);
                    assertThat(r.nodesRead).as("the reader's walks are counted").isPositive();
                    seen.put(s.name(), r.layout + " | " + r.stats.mapsSteps + "/" + r.stats.mapsRetries + "/"
                            + r.stats.mapsGapRewalks + "/" + r.stats.mapsFallbacks + " | nodes " + r.nodesRead);
                }
                assertThat(seen.values().stream().distinct()).as("%s %s: %s", walk, sc, seen).hasSize(1);
            }
        }
    }

    /** No writer: one step per VMA plus the last, no retry, no re-walk; only the baseline takes mmap_lock. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void withoutARaceEveryStrategyReadsTheMapWithoutRetryOrFallback(String strategy) throws Exception {
        LookupStrategy s = StrategyRegistry.standard().get(strategy);
        Read r = read(s, WalkSemantics.RESUME_ACTIVE, mm -> { }, null);
        assertThat(r.layout).isEqualTo(HEAD + ",16-18," + TAIL);
        assertThat(r.stats.mapsSteps).isEqualTo(VMAS + 1);
        assertThat(r.stats.mapsRetries + r.stats.mapsGapRewalks).isZero();
        assertThat(r.stats.mapsFallbacks).isEqualTo(s.usesPerVmaLocks() ? 0 : VMAS + 1);
        assertThat(r.sink.violations()).isEmpty();
    }

    static Stream<String> strategies() {
        return StrategyRegistry.builtIn().stream().map(LookupStrategy::name);
    }
}
