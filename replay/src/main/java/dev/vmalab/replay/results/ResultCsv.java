package dev.vmalab.replay.results;

import java.util.List;
import org.apache.commons.csv.CSVFormat;

/** The CSV files of a result folder (docs/result-format.md): columns in order, and the formats to write and read. */
public final class ResultCsv {
    private ResultCsv() {}

    public static final List<String> SUMMARY = List.of("trace", "strategy", "threads", "run", "seed", "lookups",
            "success", "abort", "miss", "fallback", "retry_max", "p50_ns", "p90_ns", "p99_ns", "p999_ns", "max_ns",
            "mean_ns", "nodes_per_lookup", "use_after_free", "stale_node", "rcu_not_held", "wrong_vma",
            "stale_rcu_section", "violations", "wall_ms", "lookups_per_s",
            "maps_steps", "maps_retries", "maps_gap_rewalks", "maps_fallbacks", "retry",
            "contention_target");
    public static final List<String> VIOLATIONS = List.of("trace", "strategy", "threads", "run", "seed", "kind",
            "thread", "address", "node", "node_history", "detail", "repro");
    public static final List<String> RETRIES = List.of("trace", "strategy", "threads", "run", "retries", "lookups");
    public static final List<String> TRACES = List.of("trace", "path", "events", "faults", "maps", "unmaps",
            "protects", "remaps", "brks", "advises", "maps_reads", "processes", "threads", "skipped", "skipped_by_reason",
            "ended_at_line");
    /** Optional, replay's own: per worker thread counters and model/trace disagreements. */
    public static final List<String> WORKERS = List.of("trace", "strategy", "threads", "run", "worker",
            "trace_threads", "events", "lookups", "success", "abort", "miss", "fallback", "segv_faults",
            "writer_mismatches", "retry");

    /**
     * Optional, replay's own: the model's fault outcomes next to the recording kernel's, for traces whose faults
     * carry a kernel outcome; scope {@code all} (key empty), {@code thread} (key = trace tid) or {@code time}
     * (key = slice start in ms after the trace's first event).
     */
    public static final List<String> KERNEL_COMPARE = List.of("trace", "strategy", "threads", "run", "pace",
            "scope", "key", "faults", "kernel_per_vma", "kernel_anon_taken", "kernel_anon_retry", "kernel_fallback",
            "model_per_vma", "model_anon_retry", "model_fallback", "model_segv", "disagreements", "model_anon_taken",
            "model_special_retry", "kernel_special");
    /** Optional: the first faults per cell where model and kernel disagree on leaving the per-VMA path. */
    public static final List<String> KERNEL_DISAGREEMENTS = List.of("trace", "strategy", "threads", "run",
            "time_ns", "tid", "address", "kernel", "model", "cause", "detail");

    /** Writing: header line from {@code columns}, \n line ends. */
    public static CSVFormat writing(List<String> columns) {
        return CSVFormat.DEFAULT.builder().setHeader(columns.toArray(String[]::new)).setRecordSeparator("\n").get();
    }

    /** Reading a file that has a header line. */
    public static final CSVFormat READING = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
}
