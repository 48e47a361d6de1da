package dev.vmalab.cli;

import dev.vmalab.replay.config.Amplification;
import dev.vmalab.replay.config.BackendChoice;
import dev.vmalab.replay.config.Pacing;
import dev.vmalab.replay.config.ReplaySettings;
import dev.vmalab.replay.engine.ReplayBatch;
import dev.vmalab.replay.results.ResultTables;
import dev.vmalab.reports.results.RecordingKernel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The demo's model-against-kernel pass: the samples replayed once with the strategy this machine's kernel runs,
 * on the traces' own clock ({@code --pace trace}: one worker per trace thread, events in trace-time order, writers
 * holding mmap_lock over their traced intervals; the thread count 4 only names the cells), into OUT/kernel; its
 * kernel-compare.csv and kernel-disagreements.csv replace the measured (fast-paced) ones in OUT, so the report
 * compares like with like.
 */
final class DemoKernelPass {
    private DemoKernelPass() {}

    static void run(List<Path> traces, long seed, BackendChoice tree, Path dir, PrintWriter o) throws IOException {
        String strategy = RecordingKernel.strategyOf(System.getProperty("os.version"));
        if (strategy == null) {
            o.println("demo: kernel " + System.getProperty("os.version") + " runs no built-in strategy; "
                    + "the model-against-kernel section shows the fast-paced replay");
            return;
        }
        Path kernelDir = dir.resolve("kernel");
        ReplaySettings s = new ReplaySettings(traces, strategy, List.of(4), 1, seed,
                Amplification.of(Amplification.Preset.NONE).withBackend(tree), false, Pacing.TRACE, 0.1, 0,
                1_000_000, 0, List.of(), true, false, false);
        o.println("demo: model against this kernel (" + strategy + ", --pace trace) ...");
        o.flush();
        ReplayBatch.run(s, kernelDir, s.command(kernelDir), System.err, ReplayBatch.Progress.NONE);
        for (String f : List.of(ResultTables.KERNEL_COMPARE, ResultTables.KERNEL_DISAGREEMENTS)) {
            Files.copy(kernelDir.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
