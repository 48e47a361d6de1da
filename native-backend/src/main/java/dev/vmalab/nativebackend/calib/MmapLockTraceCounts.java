package dev.vmalab.nativebackend.calib;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts, per phase, what one thread's mmap_lock read acquisitions on the fault path were, from
 * the text of a tracefs {@code trace} file with {@code mmap_lock:mmap_lock_start_locking} (with a
 * {@code stacktrace} trigger) and {@code mmap_lock:mmap_lock_acquire_returned} enabled. The
 * kernel function on the start_locking stack says why the fault took mmap_lock:
 * {@code __vmf_anon_prepare} (mm/memory.c: the anon_vma trylock of a per-VMA fault) or
 * {@code lock_mm_and_find_vma} (the fault is served under mmap_lock: lock_vma_under_rcu gave up
 * or the per-VMA attempt returned VM_FAULT_RETRY). Phases start at {@code trace_marker} lines
 * {@code vmalab phase NAME ROUND}; events before the first marker go to phase {@code ""}.
 */
public final class MmapLockTraceCounts {
    /** One phase's counts. {@code fallbacks}: lock_mm_and_find_vma acquisitions that returned with the lock. */
    public record Phase(long anonTrylocks, long anonTrylockFailed, long fallbacks, long fallbackAttemptsFailed) {
        Phase plus(String kind, boolean success) {
            return switch (kind) {
                case ANON -> new Phase(anonTrylocks + 1, anonTrylockFailed + (success ? 0 : 1), fallbacks, fallbackAttemptsFailed);
                case FALLBACK -> new Phase(anonTrylocks, anonTrylockFailed, fallbacks + (success ? 1 : 0),
                        fallbackAttemptsFailed + (success ? 0 : 1));
                default -> this;
            };
        }
    }

    static final String ANON = "__vmf_anon_prepare";
    static final String FALLBACK = "lock_mm_and_find_vma";
    private static final Phase ZERO = new Phase(0, 0, 0, 0);
    /** "TASK-PID [CPU] FLAGS TIMESTAMP: EVENT: ARGS" (the task name may hold spaces and dashes). */
    private static final Pattern EVENT = Pattern.compile("^\\s*(.*)-(\\d+)\\s+\\[\\d+\\]\\s+\\S+\\s+[\\d.]+:\\s+(\\S+?):?\\s(.*)$");
    private static final Pattern MARK = Pattern.compile("vmalab phase (\\S+) (\\d+)");

    private MmapLockTraceCounts() {}

    /**
     * What one thread's trace shows: counts by phase name (rounds of one phase add up), and per
     * {@code "PHASE ROUND"} the outcome of each anon_vma trylock in order (true = it failed:
     * VM_FAULT_RETRY), so the k-th entry belongs to the round's k-th first-touch fault.
     */
    public record Counts(Map<String, Phase> phases, Map<String, List<Boolean>> trylockFailedByRound) {
        public Phase phase(String name) {
            return phases.getOrDefault(name, ZERO);
        }
    }

    /** The counts of thread {@code tid}. */
    public static Counts count(String traceText, long tid) {
        Map<String, Phase> phases = new LinkedHashMap<>();
        Map<String, List<Boolean>> rounds = new LinkedHashMap<>();
        String phase = "";
        String round = "";
        String kind = null; // why the pending start_locking of tid took the lock (from its stack)
        boolean ourStack = false;
        for (String line : traceText.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) continue;
            if (line.startsWith(" =>")) {
                String fn = line.substring(3).strip();
                if (ourStack && kind == null && (fn.equals(ANON) || fn.equals(FALLBACK))) kind = fn;
                continue;
            }
            Matcher m = EVENT.matcher(line);
            if (!m.matches()) continue;
            boolean ours = Long.parseLong(m.group(2)) == tid;
            String event = m.group(3);
            String args = m.group(4);
            ourStack = ours && event.equals("<stack");
            if (!ours) continue;
            switch (event) {
                case "tracing_mark_write" -> {
                    Matcher mark = MARK.matcher(args);
                    if (mark.find()) {
                        phase = mark.group(1);
                        round = mark.group(0).substring("vmalab phase ".length());
                    }
                }
                case "mmap_lock_start_locking" -> kind = null;
                case "mmap_lock_acquire_returned" -> {
                    if (args.contains("write=false") && kind != null) {
                        boolean ok = args.contains("success=true");
                        phases.merge(phase, ZERO.plus(kind, ok), MmapLockTraceCounts::add);
                        if (kind.equals(ANON)) rounds.computeIfAbsent(round, k -> new ArrayList<>()).add(!ok);
                    }
                    kind = null;
                }
                default -> { }
            }
        }
        return new Counts(phases, rounds);
    }

    private static Phase add(Phase a, Phase b) {
        return new Phase(a.anonTrylocks + b.anonTrylocks, a.anonTrylockFailed + b.anonTrylockFailed,
                a.fallbacks + b.fallbacks, a.fallbackAttemptsFailed + b.fallbackAttemptsFailed);
    }

    /** A phase that saw nothing. */
    public static Phase none() {
        return ZERO;
    }
}
