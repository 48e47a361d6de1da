package dev.vmalab.replay.config;

/**
 * How replay issues events: as fast as it can (default, {@code fast}), on the wall clock at the trace's own pace
 * ({@code real}) or sped up by a factor ({@code 2} = twice as fast), or on the trace's own clock ({@code trace}):
 * a virtual clock, one worker at a time, the worker whose next event has the earliest trace time next, and each
 * mapping syscall holding mmap_lock over its traced interval ({@code replay.sched.TraceClock}). Only {@code trace}
 * reproduces who overlapped whom on a machine with fewer cores than the trace has threads, and gives the same
 * result every time.
 *
 * @param clock {@link Clock#WALL} or {@link Clock#TRACE}
 * @param speed on the wall clock: 0 = as fast as possible, else trace nanoseconds per wall nanosecond; 0 on the
 *              trace clock
 */
public record Pacing(Clock clock, double speed) {
    /** Which clock paces the events. */
    public enum Clock { WALL, TRACE }

    public static final Pacing FAST = new Pacing(0);
    public static final Pacing TRACE = new Pacing(Clock.TRACE, 0);

    public Pacing {
        if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("pace must be fast, real, trace or a factor > 0, is " + speed);
        }
        if (clock == Clock.TRACE && speed != 0) throw new IllegalArgumentException("the trace clock has no speed factor");
    }

    /** On the wall clock. */
    public Pacing(double speed) {
        this(Clock.WALL, speed);
    }

    /** {@code fast}, {@code real}, {@code trace}, or a factor such as {@code 0.5} or {@code 10}. */
    public static Pacing parse(String text) {
        return switch (text) {
            case "fast" -> FAST;
            case "real" -> new Pacing(1);
            case "trace" -> TRACE;
            default -> {
                double f;
                try {
                    f = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("pace '" + text + "' is not allowed; use fast, real, trace or a factor > 0 (e.g. 2)");
                }
                if (!(f > 0) || Double.isInfinite(f)) {
                    throw new IllegalArgumentException("pace factor must be > 0, is " + text);
                }
                yield new Pacing(f);
            }
        };
    }

    /** As fast as possible on the wall clock. */
    public boolean fast() {
        return clock == Clock.WALL && speed == 0;
    }

    /** On the trace's virtual clock. */
    public boolean traceClock() {
        return clock == Clock.TRACE;
    }

    /** Waits on the wall clock ({@code real} or a factor). */
    public boolean wallPaced() {
        return clock == Clock.WALL && speed > 0;
    }

    @Override
    public String toString() {
        return traceClock() ? "trace" : fast() ? "fast" : speed == 1 ? "real" : Double.toString(speed);
    }
}
