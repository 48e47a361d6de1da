package dev.vmalab.traces.event;

/**
 * A user page fault ({@code exceptions:page_fault_user}): the faulting address,
 * the instruction pointer, and the access decoded from the x86 error code
 * (bit 1 write, bit 4 instruction fetch). {@code kernelOutcome} is what the recording
 * kernel did for it (from the mmap_lock tracepoints; UNKNOWN when the trace has none).
 */
public record FaultEvent(long timeNs, int pid, int tid, long address, long ip, Access access, int errorCode,
                         KernelFaultOutcome kernelOutcome) implements TraceEvent {
    public enum Access { READ, WRITE, EXEC }

    public FaultEvent {
        java.util.Objects.requireNonNull(kernelOutcome, "kernelOutcome");
    }

    /** A fault whose kernel outcome is not known (generated traces, recordings without mmap_lock events). */
    public FaultEvent(long timeNs, int pid, int tid, long address, long ip, Access access, int errorCode) {
        this(timeNs, pid, tid, address, ip, access, errorCode, KernelFaultOutcome.UNKNOWN);
    }

    public FaultEvent withKernelOutcome(KernelFaultOutcome outcome) {
        return new FaultEvent(timeNs, pid, tid, address, ip, access, errorCode, outcome);
    }

    public static Access accessOf(int errorCode) {
        if ((errorCode & 0x10) != 0) return Access.EXEC;
        return (errorCode & 0x2) != 0 ? Access.WRITE : Access.READ;
    }
}
