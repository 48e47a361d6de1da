package dev.vmalab.nativebackend.tree;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.check.CollectingSink;
import dev.vmalab.model.lookup.FaultOutcome;
import dev.vmalab.model.lookup.FaultPath;
import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.lookup.MapsReader;
import dev.vmalab.model.lookup.VmaLockStats;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.rcu.GracePeriods;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.model.tree.TreeBackend;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaFlags;
import dev.vmalab.nativebackend.NativeTestSupport;
import dev.vmalab.nativebackend.build.KernelVariant;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.vmalab.model.testing.Maps.PAGE;
import static dev.vmalab.model.testing.Maps.RO;
import static dev.vmalab.model.testing.Maps.RW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every built-in strategy runs unchanged on the kernel's maple tree: the same seeded
 * mmap/munmap/mprotect sequence is applied to a kernel with the Java backend and one with the
 * native backend, and after each syscall the faults ({@link FaultPath#fault}) and a
 * /proc/PID/maps read ({@link MapsReader#read}) give the same answers on both. One thread: no
 * retry ever happens, so even no-reset is memory-safe here (o2 flavour, this JVM).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class NativeBackendStrategiesTest {
    private static final long BASE = 0x7f00_0000_0000L;
    private static final int PAGES = 96;

    static Stream<Arguments> strategiesAndVariants() {
        List<Arguments> out = new ArrayList<>();
        for (LookupStrategy s : StrategyRegistry.builtIn()) {
            for (KernelVariant v : KernelVariant.values()) out.add(Arguments.of(s.name(), v));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("strategiesAndVariants")
    void faultsAndMapsReadsEqualTheJavaBackend(String strategyName, KernelVariant variant) {
        LookupStrategy strategy = StrategyRegistry.standard().get(strategyName);
        NativeTreeBackend nativeBackend = NativeTestSupport.backend(NativeBackends.NATIVE, variant, false);
        Side java = new Side(TreeBackend.JAVA, nativeBackend);
        Side kernelCode = new Side(nativeBackend, nativeBackend);
        Random rnd = new Random(strategyName.hashCode() * 31L + variant.ordinal());
        for (int op = 0; op < 300; op++) {
            long first = rnd.nextInt(PAGES);
            long len = (Math.min(PAGES, first + 1 + rnd.nextInt(12)) - first) * PAGE;
            int prot = rnd.nextBoolean() ? RW : RO | (rnd.nextInt(4) == 0 ? VmaFlags.EXEC : 0);
            int kind = rnd.nextInt(3);
            assertThat(kernelCode.syscall(kind, BASE + first * PAGE, len, prot)).as("op %d", op)
                    .isEqualTo(java.syscall(kind, BASE + first * PAGE, len, prot));
            kernelCode.mm.tree().verify();
            assertThat(kernelCode.layout()).as("layout after op %d", op).isEqualTo(java.layout());
            for (int q = 0; q < 8; q++) {
                long addr = BASE + rnd.nextInt(PAGES + 4) * PAGE + rnd.nextInt((int) PAGE);
                boolean write = rnd.nextBoolean();
                assertThat(kernelCode.fault(strategy, addr, write)).as("fault at %x after op %d", addr, op)
                        .isEqualTo(java.fault(strategy, addr, write));
            }
            assertThat(kernelCode.maps(strategy)).as("maps after op %d", op).isEqualTo(java.maps(strategy));
        }
        assertThat(kernelCode.stats.toString()).isEqualTo(java.stats.toString());
        assertThat(java.sink.violations()).isEmpty();
        assertThat(kernelCode.sink.violations()).isEmpty();
    }

    /** One kernel with one mm. */
    private static final class Side {
        final CollectingSink sink = new CollectingSink();
        final Kernel kernel;
        final Mm mm;
        final VmaLockStats stats = new VmaLockStats();

        Side(TreeBackend backend, NativeTreeBackend nativeBackend) {
            kernel = Kernel.builder().gracePeriods(GracePeriods.STRICT).quarantine(64).violations(sink)
                    .walkSemantics(nativeBackend.walkSemantics()).treeBackend(backend).build();
            mm = new Mm(kernel);
        }

        long syscall(int kind, long addr, long len, int prot) {
            return switch (kind) {
                case 0 -> MapOps.mmap(mm, addr, len, prot, 0, 0, true);
                case 1 -> MapOps.munmap(mm, addr, len);
                default -> MapOps.mprotect(mm, addr, len, prot);
            };
        }

        String fault(LookupStrategy s, long addr, boolean write) {
            FaultOutcome o = FaultPath.fault(s, mm, addr, write, false, stats);
            return o.name();
        }

        String layout() {
            StringBuilder sb = new StringBuilder();
            mm.tree().forEach((first, last, entry) -> sb.append(Long.toHexString(first)).append('-')
                    .append(Long.toHexString(last)).append(' ').append(describe((dev.vmalab.model.vma.Vma) entry)).append('\n'));
            return sb.toString();
        }

        String maps(LookupStrategy s) {
            StringBuilder sb = new StringBuilder();
            MapsReader.read(s, mm, stats, v -> sb.append(describe(v)).append('\n'));
            return sb.toString();
        }

        private static String describe(dev.vmalab.model.vma.Vma v) {
            return Long.toHexString(v.start()) + "-" + Long.toHexString(v.end()) + " " + v.flags() + " " + v.pgoff()
                    + (v.anonVma() != 0 ? " anon" : "");
        }
    }
}
