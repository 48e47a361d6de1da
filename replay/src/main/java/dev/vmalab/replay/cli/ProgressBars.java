package dev.vmalab.replay.cli;

import dev.vmalab.replay.engine.ReplayBatch;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on the terminal (stderr), or nothing when output is not a terminal (CI logs, pipes, tests). */
final class ProgressBars implements ReplayBatch.Progress, AutoCloseable {
    private final String task;
    private ProgressBar bar;

    ProgressBars(String task) {
        this.task = task;
    }

    static boolean onTerminal() {
        return System.console() != null && System.console().isTerminal();
    }

    @Override
    public void cells(long total) {
        if (!onTerminal()) return;
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" cells", 1).continuousUpdate().build();
    }

    @Override
    public void step(long n) {
        if (bar != null) bar.stepBy(n);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
