package dev.vmalab.model.retry;

import dev.vmalab.model.rcu.Task;
import dev.vmalab.model.sched.Scheduling;
import dev.vmalab.model.sched.YieldPoint;

/**
 * The scripted interleaving of one retry scenario, on the reader's own thread: when the
 * reader first reaches vma_start_read() (its walk has found the VMA, RCU held) the
 * writer's whole syscall runs, inline, as another task would between mas_walk() and
 * vma_start_read(); the first -EAGAIN starts the retry's accounting; a second -EAGAIN
 * stops the lookup ({@link Again}). Writer steps do not yield: the writer runs to the end.
 *
 * <p>Simplification: the writer runs on the reader's task, so its RCU grace period is the
 * reader's: nodes it frees are freed when the reader's section ends (strict grace periods)
 * or later (lazy), as with a real second CPU; its own node reads are not counted.
 */
final class RetryScript implements Scheduling {
    /** Thrown at the second -EAGAIN: the outcome is {@link RetryOutcome#EAGAIN_AGAIN}. */
    static final class Again extends RuntimeException {
        Again() {
            super("-EAGAIN again", null, false, false);
        }
    }

    private static final int MAX_WAITS = 1_000_000;
    private final RetryProbe probe;
    private Runnable writer;
    private Task reader;
    private int eagains;
    private int waits;
    private long nodesAtRetry;
    private boolean writerRan;

    RetryScript(RetryProbe probe) {
        this.probe = probe;
    }

    /** Start the script: the set-up is done, the reader's lookup begins. */
    void arm(Task readerTask, Runnable writerAction) {
        this.reader = readerTask;
        this.writer = writerAction;
    }

    @Override
    public void yieldAt(YieldPoint point) {
        if (writer == null || probe.inWriter) return;
        switch (point) {
            case VMA_START_READ -> {
                if (writerRan) return;
                writerRan = true;
                probe.inWriter = true;
                try {
                    writer.run();
                } finally {
                    probe.inWriter = false;
                }
            }
            case RETRY_WINDOW -> {
                if (++eagains > 1) throw new Again();
                probe.retrying = true;
                nodesAtRetry = reader.nodesRead();
            }
            case WAIT -> {
                if (++waits > MAX_WAITS) throw new IllegalStateException("scripted retry waits for itself");
            }
            default -> { }
        }
    }

    boolean retried() {
        return eagains > 0;
    }

    long retryNodes() {
        return eagains > 0 ? reader.nodesRead() - nodesAtRetry : 0;
    }
}
