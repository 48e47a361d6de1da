package dev.vmalab.replay.engine;

import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;
import dev.vmalab.traces.event.InitialMapping;
import java.util.Set;

/**
 * Which of a trace's initial mappings the kernel installed with _install_special_mapping() (mm/mmap.c):
 * vm_ops = special_mapping_vmops, which has no ->map_pages, so their faults are retried under mmap_lock
 * (FaultPath, vmf_can_call_fault). exec's map_vdso() (arch/x86/entry/vdso/vma.c) installs the vvar pages and
 * just above them the vdso text. perf reports the vdso text (PERF_RECORD_MMAP2 {@code [vdso]}, it is
 * executable) but not the vvar pages: the importer infers a piece there from the fault, named after its
 * nearest exec-made neighbour, {@code [vdso]} (traces/.../perf/MappingInference).
 */
final class SpecialMappings {
    private SpecialMappings() {}

    /** Names the kernel gives special mappings on x86-64 (vm_special_mapping.name; 6.18 adds [vvar_vclock]). */
    static final Set<String> NAMES = Set.of("[vdso]", "[vvar]", "[vvar_vclock]", "[uprobes]");

    /**
     * How far below the vdso text an inferred {@code [vdso]} piece may start and still be the vvar area. 6.18
     * places [vvar] and [vvar_vclock] right below the text (the samples' vvar faults are 6 pages below it);
     * simplification: 16 pages, a bound, not the kernel's exact size (a piece further down is not special).
     */
    static final long VVAR_REACH = 16L << 12;

    /** Whether {@code e} is a special mapping; an inferred piece counts only below a recorded vdso text. */
    static boolean isSpecial(Mm mm, InitialMapping e) {
        String path = e.path() == null ? "" : e.path();
        if (!NAMES.contains(path)) return false;
        if (!e.inferred()) return true;
        dev.vmalab.model.rcu.Task t = mm.kernel().rcu().current();
        mm.mmapReadLock(t);
        Vma above;
        try {
            above = mm.findVma(e.end());
        } finally {
            mm.mmapReadUnlock(t);
        }
        return above != null && above.isSpecialMapping() && above.start() >= e.end()
                && above.start() - e.start() <= VVAR_REACH;
    }

    /** The vvar pages are mapped VM_READ only (vdso_install_vvar_mapping); an inferred piece's prot is a guess. */
    static int flags(InitialMapping e, int flags) {
        return e.inferred() ? (flags & ~VmaFlags.PROT_MASK) | VmaFlags.READ : flags;
    }
}
