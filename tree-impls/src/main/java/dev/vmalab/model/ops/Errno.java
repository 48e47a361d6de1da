package dev.vmalab.model.ops;

/** The errno values the mapping syscalls return (negated, as the kernel does). */
public final class Errno {
    private Errno() {}

    public static final long ENOMEM = -12;
    public static final long EEXIST = -17;
    public static final long EINVAL = -22;

    public static boolean isError(long result) {
        return result < 0 && result >= -4095;
    }
}
