package dev.vmalab.reports.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * kernel-compare.csv and kernel-disagreements.csv (docs/result-format.md): the model's fault outcomes next to
 * the recording kernel's. Both are optional; a folder without them has no comparison.
 */
public final class KernelCompareCsv {
    private KernelCompareCsv() {}

    public static final String COMPARE = "kernel-compare.csv";
    public static final String DISAGREEMENTS = "kernel-disagreements.csv";

    static final List<String> COMPARE_COLUMNS = List.of("trace", "strategy", "threads", "run", "pace", "scope",
            "key", "faults", "kernel_per_vma", "kernel_anon_taken", "kernel_anon_retry", "kernel_fallback",
            "model_per_vma", "model_anon_retry", "model_fallback", "model_segv", "disagreements");
    static final List<String> DISAGREEMENT_COLUMNS = List.of("trace", "strategy", "threads", "run", "time_ns", "tid",
            "address", "kernel", "model");

    /**
     * One row: a cell's counts in all ({@code scope} all), for one trace thread, one slice of time, or the
     * disagreeing faults of one cause ({@code scope} cause, key the cause). The last three columns came later:
     * an older folder reads them as 0.
     */
    public record Row(RunKey key, String pace, String scope, String scopeKey, long faults, long kernelPerVma,
                      long kernelAnonTaken, long kernelAnonRetry, long kernelFallback, long modelPerVma,
                      long modelAnonRetry, long modelFallback, long modelSegv, long disagreements,
                      long modelAnonTaken, long modelSpecialRetry, long kernelSpecial) {
        /** Faults the kernel served under mmap_lock: anon_vma retries and lock_mm_and_find_vma fallbacks. */
        public long kernelLeft() {
            return kernelAnonRetry + kernelFallback;
        }

        public long modelLeft() {
            return modelAnonRetry + modelFallback;
        }

        /** anon_vma preparations on the per-VMA path (__vmf_anon_prepare: trylock taken or failed). */
        public long kernelAnonPrepared() {
            return kernelAnonTaken + kernelAnonRetry;
        }

        public long modelAnonPrepared() {
            return modelAnonTaken + modelAnonRetry;
        }
    }

    /** One fault where model and kernel disagree, with its cause (empty in an older folder). */
    public record Disagreement(RunKey key, long timeNs, String tid, String address, String kernel, String model,
                               String cause, String detail) {}

    public static List<Row> rows(Path dir) {
        Path file = dir.resolve(COMPARE);
        if (!Files.exists(file)) return List.of();
        return CsvRecords.read(file, COMPARE_COLUMNS, l -> {
            Row r = new Row(l.runKey(), l.text("pace"), l.text("scope"), l.text("key"), l.longValue("faults"),
                    l.longValue("kernel_per_vma"), l.longValue("kernel_anon_taken"), l.longValue("kernel_anon_retry"),
                    l.longValue("kernel_fallback"), l.longValue("model_per_vma"), l.longValue("model_anon_retry"),
                    l.longValue("model_fallback"), l.longValue("model_segv"),
                    l.text("disagreements").isEmpty() ? 0 : l.longValue("disagreements"),
                    l.longValueOr("model_anon_taken", 0), l.longValueOr("model_special_retry", 0),
                    l.longValueOr("kernel_special", 0));
            if (r.kernelPerVma() + r.kernelAnonTaken() + r.kernelLeft() != r.faults()) {
                throw l.error("kernel_per_vma + kernel_anon_taken + kernel_anon_retry + kernel_fallback != faults");
            }
            if (r.modelPerVma() + r.modelLeft() + r.modelSegv() != r.faults()) {
                throw l.error("model_per_vma + model_anon_retry + model_fallback + model_segv != faults");
            }
            return r;
        });
    }

    public static List<Disagreement> disagreements(Path dir) {
        Path file = dir.resolve(DISAGREEMENTS);
        if (!Files.exists(file)) return List.of();
        return CsvRecords.read(file, DISAGREEMENT_COLUMNS, l -> new Disagreement(l.runKey(), l.longValue("time_ns"),
                l.text("tid"), l.text("address"), l.text("kernel"), l.text("model"), l.textOr("cause", ""),
                l.textOr("detail", "")));
    }
}
