package dev.vmalab.replay.paired;

import dev.vmalab.model.lookup.RetryObserver;
import dev.vmalab.model.retry.LiveLayout;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.replay.measure.ExcludedTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kernel's retry observer in a measured cell: at each -EAGAIN of a measured lookup it
 * keeps the event (address, the range the failed walk found, the live layout around it) for
 * evaluation after the cell. It reads the tree without the model's checks or yield points
 * and adds its time to {@link ExcludedTime}, so the run's counters, interleaving and latency
 * are those of a run without it (a JMH ratio in BENCHMARKS.md bounds what it costs).
 */
public final class PairedCapture implements RetryObserver {
    /** One captured -EAGAIN. */
    public record Event(long address, long foundFirst, long foundLast, LiveLayout.Ranges layout) {}

    private static final ThreadLocal<boolean[]> MEASURED = ThreadLocal.withInitial(() -> new boolean[1]);

    private final List<Event> events = new ArrayList<>();
    private final AtomicLong unreadable = new AtomicLong();

    /** The replay worker says whether the lookup it starts is measured (warm-up events are not kept). */
    public static void measuring(boolean measured) {
        MEASURED.get()[0] = measured;
    }

    /** This thread's flag behind {@link #measuring}: a replay worker keeps it and sets element 0 per fault. */
    public static boolean[] measuringFlag() {
        return MEASURED.get();
    }

    @Override
    public void eagain(Mm mm, long address, long foundFirst, long foundLast) {
        if (!MEASURED.get()[0]) return;
        long t0 = System.nanoTime();
        LiveLayout.Ranges layout = LiveLayout.around(mm, foundFirst, foundLast);
        if (layout == null) {
            unreadable.incrementAndGet();
        } else {
            synchronized (events) {
                events.add(new Event(address, foundFirst, foundLast, layout));
            }
        }
        ExcludedTime.add(System.nanoTime() - t0);
    }

    public List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Events dropped because the layout could not be read consistently (free threads, native tree). */
    public long unreadable() {
        return unreadable.get();
    }
}
