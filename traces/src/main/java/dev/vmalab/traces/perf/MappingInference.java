package dev.vmalab.traces.perf;

import dev.vmalab.traces.event.FaultEvent;
import dev.vmalab.traces.vma.Pages;
import dev.vmalab.traces.vma.Vma;
import dev.vmalab.traces.vma.VmaSet;

/**
 * Deduces mappings that exec made without a record: without {@code perf record -d}
 * MMAP2 covers only executable file mappings, so the stack, the ELF's read-only and
 * data segments, the bss, and vvar appear nowhere until a fault hits them.
 * <ul>
 *   <li>A fault in the top region of the address space (above {@link #STACK_REGION})
 *       is the main stack: a {@link #STACK_GRANULE} piece around it is inferred.</li>
 *   <li>A fault in a gap whose two neighbours both belong to the same object (same
 *       path, made by exec or inferred) fills the whole gap: an ELF's segments are
 *       contiguous, so the gap is part of that object.</li>
 *   <li>A fault within {@link #NEIGHBOUR_REACH} of a mapping made by exec (or an
 *       inferred one) is another segment of that object: a {@link #SEGMENT_GRANULE}
 *       piece around it is inferred, named after that neighbour.</li>
 * </ul>
 * Both are clipped to the gap between the known neighbours, so an inferred mapping
 * never overlaps a known one. Any other fault (a null pointer, a real SIGSEGV)
 * infers nothing.
 */
final class MappingInference {
    private MappingInference() {}

    /** Below this the mmap area ends; the kernel places the main stack above it (x86-64, 47-bit). */
    static final long STACK_REGION = 0x7ff0_0000_0000L;
    static final long STACK_GRANULE = 128 * 1024;
    static final long SEGMENT_GRANULE = 16 * 1024;
    static final long NEIGHBOUR_REACH = 64L << 20;

    /** The mapping to infer for a fault at {@code address} that hit nothing, or null. */
    static Vma infer(VmaSet vmas, long address, FaultEvent.Access access) {
        Vma below = vmas.below(address);
        Vma above = vmas.above(address);
        long gapLo = below == null ? Pages.PAGE_SIZE : below.end();
        long gapHi = above == null ? Pages.TASK_SIZE : above.start();
        int prot = Vma.PROT_READ | Vma.PROT_WRITE | (access == FaultEvent.Access.EXEC ? Vma.PROT_EXEC : 0);
        int flags = Vma.MAP_PRIVATE | Vma.MAP_ANONYMOUS;
        if (address >= STACK_REGION && address < Pages.TASK_SIZE) {
            return piece(address, STACK_GRANULE, gapLo, gapHi, prot, flags, "[stack]");
        }
        if (isFromExec(below) && isFromExec(above) && below.name().equals(above.name())
                && gapHi - gapLo <= NEIGHBOUR_REACH) {
            return new Vma(gapLo, gapHi, prot, flags, below.name(), 0, Vma.Origin.INFERRED);
        }
        Vma neighbour = nearestFromExec(address, below, above);
        if (neighbour != null) {
            return piece(address, SEGMENT_GRANULE, gapLo, gapHi, prot, flags, neighbour.name());
        }
        return null;
    }

    private static Vma nearestFromExec(long address, Vma below, Vma above) {
        long dBelow = isFromExec(below) ? address - below.end() : Long.MAX_VALUE;
        long dAbove = isFromExec(above) ? above.start() - address : Long.MAX_VALUE;
        long d = Math.min(dBelow, dAbove);
        if (d > NEIGHBOUR_REACH) return null;
        return dBelow <= dAbove ? below : above;
    }

    private static boolean isFromExec(Vma v) {
        return v != null && v.origin() != Vma.Origin.SYSCALL;
    }

    private static Vma piece(long address, long granule, long gapLo, long gapHi, int prot, int flags, String name) {
        long lo = Math.max(gapLo, Pages.alignDown(address, granule));
        long hi = Math.min(gapHi, Pages.alignDown(address, granule) + granule);
        if (lo >= hi || address < lo || address >= hi) return null;
        return new Vma(lo, hi, prot, flags, name, 0, Vma.Origin.INFERRED);
    }
}
