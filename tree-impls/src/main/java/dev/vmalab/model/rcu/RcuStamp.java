package dev.vmalab.model.rcu;

/**
 * The RCU-section oracle (Babka's suggestion in the thread of the fix): a maple-state pointer
 * is stamped with the read section it was read in and a grace-period cookie
 * (get_state_synchronize_rcu()); when the state dereferences it, a different section is a
 * violation, and poll_state_synchronize_rcu() says whether a grace period has elapsed since.
 * Two longs kept in the state itself, so stamping costs no allocation; both backends' cursors
 * use it.
 */
public final class RcuStamp {
    private RcuStamp() {}

    /** The section a pointer read now is bound to: 0 under mmap_lock (or outside RCU), else the section's number. */
    public static long section(Task t) {
        return t.rcuSection();
    }

    /** Whether a pointer read in {@code readSection} is invalid now (0 = bound to no section: never). */
    public static boolean stale(Task t, long readSection) {
        return readSection != 0 && t.currentRcuSection() != readSection;
    }

    /** The detail of a STALE_RCU_SECTION report. */
    public static String detail(Rcu rcu, Task t, long readSection, long cookie) {
        long now = t.currentRcuSection();
        return "maple state pointer read in RCU read section #" + readSection + " of " + t.name() + ", dereferenced "
                + (now == 0 ? "outside any RCU read section" : "in section #" + now) + "; "
                + (rcu.pollStateSynchronizeRcu(cookie)
                        ? "a grace period has elapsed since (poll_state_synchronize_rcu() true): the node may be freed"
                        : "no grace period has elapsed since (poll_state_synchronize_rcu() false): freed only if one ends first");
    }
}
