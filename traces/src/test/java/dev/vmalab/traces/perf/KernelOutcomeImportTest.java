package dev.vmalab.traces.perf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.traces.Fixtures;
import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.event.KernelFaultOutcome;
import dev.vmalab.traces.event.MmapLockWriter;
import dev.vmalab.traces.event.TraceEvent;
import dev.vmalab.traces.io.TraceSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The kernel's fault outcomes imported from real {@code perf script --ns} text: the first 1,700 lines of
 * {@code vmalab record}'s event set on traces/samples/src/malloc-stress.c (4 threads, 100 rounds) on Linux
 * 6.18.44 with perf 6.1. The expected counts come from the text alone, grep-style, below.
 */
class KernelOutcomeImportTest {
    private static final String FIXTURE = "malloc-stress.perf.xz";
    /** A fault the kernel took itself (in a syscall): a kernel frame under asm_exc_page_fault. */
    private static final Pattern KERNEL_MODE_FAULT = Pattern.compile(
            "asm_exc_page_fault\\+\\S+ \\(\\[kernel\\.kallsyms\\]\\)\t[0-9a-f]+ \\S+ \\(\\[kernel\\.kallsyms\\]\\)");
    private static final Pattern SAMPLE = Pattern.compile("^\\s*\\S.*?\\s(\\d+) \\[\\d+\\]\\s+([\\d.]+): +(\\S+): (.*)$");

    /** Per thread: {faults, anon trylocks failed, anon trylocks taken, faults followed by lock_mm_and_find_vma only}. */
    private static Map<Integer, long[]> countByHand(List<String> lines) {
        Map<Integer, long[]> counts = new TreeMap<>();
        // Per thread, the state of its last user fault: 0 none/closed, 1 open, 2 anon trylock asked,
        // 3 anon outcome known (taken or failed), 4 lock_mm_and_find_vma seen (counted).
        Map<Integer, Integer> state = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = SAMPLE.matcher(lines.get(i));
            if (!m.matches()) continue;
            int tid = Integer.parseInt(m.group(1));
            String event = m.group(3);
            long[] c = counts.computeIfAbsent(tid, t -> new long[4]);
            int s = state.getOrDefault(tid, 0);
            if (event.equals("exceptions:page_fault_user")) {
                c[0]++;
                state.put(tid, 1);
            } else if (event.startsWith("syscalls:")) {
                state.put(tid, 0);
            } else if (event.equals("mmap_lock:mmap_lock_start_locking") && m.group(4).contains("write=false")
                    && s != 0) {
                StringBuilder stack = new StringBuilder();
                for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("\t"); j++) stack.append(lines.get(j));
                if (stack.toString().contains(" __vmf_anon_prepare+")) {
                    state.put(tid, 2);
                } else if (stack.toString().contains(" lock_mm_and_find_vma+") && s == 1
                        && !KERNEL_MODE_FAULT.matcher(stack).find()) {
                    c[3]++;
                    state.put(tid, 4);
                }
            } else if (event.equals("mmap_lock:mmap_lock_acquire_returned") && s == 2
                    && m.group(4).contains("write=false")) {
                c[m.group(4).contains("success=false") ? 1 : 2]++;
                state.put(tid, 3);
            }
        }
        return counts;
    }

    private static List<String> lines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                TraceSource.of(Fixtures.perfFixture(FIXTURE)).open().in(), StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) lines.add(l);
        }
        return lines;
    }

    @Test
    void perThreadOutcomesEqualACountOfTheText() throws IOException {
        PerfScriptReader reader = new PerfScriptReader(Fixtures.perfFixture(FIXTURE), ImportOptions.STRICT);
        List<TraceEvent> events = Fixtures.readAll(reader);
        Map<Integer, Map<KernelFaultOutcome, Long>> imported = new TreeMap<>();
        for (TraceEvent e : events) {
            if (e instanceof FaultEvent f) {
                imported.computeIfAbsent(f.tid(), t -> new EnumMap<>(KernelFaultOutcome.class))
                        .merge(f.kernelOutcome(), 1L, Long::sum);
            }
        }
        Map<Integer, long[]> byHand = countByHand(lines());
        long retries = 0;
        int threadsWithFaults = 0;
        for (var entry : byHand.entrySet()) {
            long[] c = entry.getValue();
            if (c[0] == 0) continue;
            threadsWithFaults++;
            Map<KernelFaultOutcome, Long> o = imported.get(entry.getKey());
            String tid = "thread " + entry.getKey();
            assertThat(o.values().stream().mapToLong(Long::longValue).sum()).as(tid + " faults").isEqualTo(c[0]);
            assertThat(o.getOrDefault(KernelFaultOutcome.ANON_RETRY, 0L)).as(tid + " anon retries").isEqualTo(c[1]);
            assertThat(o.getOrDefault(KernelFaultOutcome.ANON_TRYLOCK_TAKEN, 0L)).as(tid + " anon taken")
                    .isEqualTo(c[2]);
            assertThat(o.getOrDefault(KernelFaultOutcome.LOCK_MM_FALLBACK, 0L)).as(tid + " fallbacks").isEqualTo(c[3]);
            assertThat(o.getOrDefault(KernelFaultOutcome.PER_VMA, 0L)).as(tid + " per-VMA")
                    .isEqualTo(c[0] - c[1] - c[2] - c[3]);
            assertThat(o).doesNotContainKey(KernelFaultOutcome.UNKNOWN);
            retries += c[1];
        }
        // The snippet was cut where it shows the outcomes on several threads: main and three workers, anon retries.
        assertThat(threadsWithFaults).isGreaterThanOrEqualTo(4);
        assertThat(retries).isPositive();
        assertThat(reader.summary().skippedLines()).isZero();
        assertThat(reader.summary().format()).contains("anon_retry");
    }

    @Test
    void mappingSyscallsCarryTheirWriteHoldTime() throws IOException {
        List<TraceEvent> events = Fixtures.readAll(new PerfScriptReader(Fixtures.perfFixture(FIXTURE),
                ImportOptions.STRICT));
        List<MmapLockWriter> writers = events.stream().filter(e -> e instanceof MmapLockWriter)
                .map(e -> (MmapLockWriter) e).toList();
        assertThat(writers).isNotEmpty().allMatch(w -> w.mmapLockHoldNs() >= 0);
        // By hand: in the text, each mmap/munmap holds the write lock from acquire_returned write=true to released.
        long byHand = 0;
        Map<Integer, Long> since = new HashMap<>();
        Map<Integer, Boolean> inCall = new HashMap<>();
        for (String line : lines()) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) continue;
            int tid = Integer.parseInt(m.group(1));
            long t = Math.round(Double.parseDouble(m.group(2)) * 1e9);
            String event = m.group(3);
            if (event.startsWith("syscalls:sys_enter_")) inCall.put(tid, true);
            if (event.startsWith("syscalls:sys_exit_")) inCall.put(tid, false);
            if (!inCall.getOrDefault(tid, false)) continue;
            if (event.endsWith("acquire_returned") && m.group(4).contains("write=true success=true")) {
                since.put(tid, t);
            } else if ((event.endsWith("released") && m.group(4).contains("write=true"))
                    || (event.endsWith("acquire_returned") && m.group(4).contains("write=false"))) {
                Long s = since.remove(tid);
                if (s != null) byHand += t - s;
            }
        }
        long imported = writers.stream().mapToLong(MmapLockWriter::mmapLockHoldNs).sum();
        // Times are parsed as doubles by hand: allow a rounding nanosecond per hold.
        assertThat(imported).isPositive().isCloseTo(byHand, org.assertj.core.api.Assertions.within((long) writers.size()));
    }

    @Test
    void mappingSyscallsCarryTheirWaitForTheLockAndTheTailToTheirExit() throws IOException {
        List<MmapLockWriter> writers = Fixtures.readAll(new PerfScriptReader(Fixtures.perfFixture(FIXTURE),
                ImportOptions.STRICT)).stream().filter(e -> e instanceof MmapLockWriter).map(e -> (MmapLockWriter) e)
                .filter(w -> w.mmapLockHoldNs() > 0).toList();
        assertThat(writers).isNotEmpty().allMatch(w -> w.mmapLock().timeline());
        // By hand: first start_locking write=true -> its acquire_returned (wait); last release or downgrade -> exit (tail).
        long waitByHand = 0, tailByHand = 0;
        Map<Integer, Long> request = new HashMap<>(), acquired = new HashMap<>(), released = new HashMap<>();
        Map<Integer, Boolean> inCall = new HashMap<>();
        for (String line : lines()) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) continue;
            int tid = Integer.parseInt(m.group(1));
            long t = Math.round(Double.parseDouble(m.group(2)) * 1e9);
            String event = m.group(3);
            if (event.startsWith("syscalls:sys_enter_")) {
                inCall.put(tid, true);
                request.remove(tid);
                acquired.remove(tid);
                released.remove(tid);
            }
            if (event.startsWith("syscalls:sys_exit_") && inCall.getOrDefault(tid, false)) {
                inCall.put(tid, false);
                if (acquired.containsKey(tid)) {
                    waitByHand += acquired.get(tid) - request.get(tid);
                    tailByHand += t - released.getOrDefault(tid, t);
                }
            }
            if (!inCall.getOrDefault(tid, false)) continue;
            String args = m.group(4);
            if (event.endsWith("start_locking") && args.contains("write=true")) request.putIfAbsent(tid, t);
            if (event.endsWith("acquire_returned") && args.contains("write=true success=true")) acquired.putIfAbsent(tid, t);
            if ((event.endsWith("released") && args.contains("write=true"))
                    || (event.endsWith("acquire_returned") && args.contains("write=false") && acquired.containsKey(tid))) {
                released.put(tid, t);
            }
        }
        long within = 2L * writers.size(); // two rounded times per figure
        assertThat(writers.stream().mapToLong(w -> w.mmapLock().waitNs()).sum()).isPositive()
                .isCloseTo(waitByHand, org.assertj.core.api.Assertions.within(within));
        assertThat(writers.stream().mapToLong(w -> w.mmapLock().tailNs()).sum()).isPositive()
                .isCloseTo(tailByHand, org.assertj.core.api.Assertions.within(within));
    }

    @Test
    void aRecordingWithoutMmapLockRecordsImportsWithUnknownOutcomes() {
        PerfScriptReader reader = new PerfScriptReader(Fixtures.perfFixture("mmtest.perf.xz"), ImportOptions.STRICT);
        List<TraceEvent> events = Fixtures.readAll(reader);
        assertThat(events).filteredOn(e -> e instanceof FaultEvent).isNotEmpty()
                .allMatch(e -> ((FaultEvent) e).kernelOutcome() == KernelFaultOutcome.UNKNOWN);
        assertThat(events).filteredOn(e -> e instanceof MmapLockWriter).isNotEmpty()
                .allMatch(e -> ((MmapLockWriter) e).mmapLockHoldNs() == MmapLockWriter.UNKNOWN_HOLD);
        assertThat(reader.summary().format()).contains("kernel fault outcomes   unknown");
    }
}
