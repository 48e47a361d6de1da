package dev.vmalab.replay.config;

/**
 * How fast replay issues events: as fast as it can (default), at the trace's own pace
 * ({@code real}), or at the trace's pace sped up by a factor ({@code 2} = twice as fast).
 *
 * @param speed 0 = as fast as possible; otherwise trace nanoseconds per wall nanosecond
 */
public record Pacing(double speed) {
    public static final Pacing FAST = new Pacing(0);

    public Pacing {
        if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("pace must be fast, real or a factor > 0, is " + speed);
        }
    }

    /** {@code fast}, {@code real}, or a factor such as {@code 0.5} or {@code 10}. */
    public static Pacing parse(String text) {
        return switch (text) {
            case "fast" -> FAST;
            case "real" -> new Pacing(1);
            default -> {
                double f;
                try {
                    f = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("pace '" + text + "' is not allowed; use fast, real or a factor > 0 (e.g. 2)");
                }
                if (!(f > 0) || Double.isInfinite(f)) {
                    throw new IllegalArgumentException("pace factor must be > 0, is " + text);
                }
                yield new Pacing(f);
            }
        };
    }

    public boolean fast() {
        return speed == 0;
    }

    @Override
    public String toString() {
        return fast() ? "fast" : speed == 1 ? "real" : Double.toString(speed);
    }
}
