package dev.vmalab.traces.event;

/**
 * A user page fault ({@code exceptions:page_fault_user}): the faulting address,
 * the instruction pointer, and the access decoded from the x86 error code
 * (bit 1 write, bit 4 instruction fetch).
 */
public record FaultEvent(long timeNs, int pid, int tid, long address, long ip, Access access, int errorCode)
        implements TraceEvent {
    public enum Access { READ, WRITE, EXEC }

    public static Access accessOf(int errorCode) {
        if ((errorCode & 0x10) != 0) return Access.EXEC;
        return (errorCode & 0x2) != 0 ? Access.WRITE : Access.READ;
    }
}
