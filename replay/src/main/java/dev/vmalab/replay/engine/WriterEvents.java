package dev.vmalab.replay.engine;

import dev.vmalab.model.ops.Errno;
import dev.vmalab.model.ops.MapOps;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.VmaFlags;
import dev.vmalab.traces.event.AdviseEvent;
import dev.vmalab.traces.event.BrkEvent;
import dev.vmalab.traces.event.InitialMapping;
import dev.vmalab.traces.event.MapEvent;
import dev.vmalab.traces.event.ProtectEvent;
import dev.vmalab.traces.event.RemapEvent;
import dev.vmalab.traces.event.UnmapEvent;

/**
 * Applies the trace's successful mapping syscalls to the model through {@link MapOps}.
 * The trace is the truth: where the model disagrees (an mmap over a mapping the model
 * still has, an mprotect over a hole) the event is counted as a mismatch and the model is
 * brought back in line where it can be (a non-fixed mmap is then placed with MAP_FIXED).
 * Each method returns whether the model agreed with the trace.
 */
final class WriterEvents {
    WriterEvents() {}

    boolean map(Mm mm, MapEvent e) {
        long addr = e.result();
        boolean anon = e.fd() < 0 || (e.flags() & MappingFlags.MAP_ANONYMOUS) != 0;
        long file = !anon ? FileIds.fd(e.pid(), e.fd()) : MappingFlags.shared(e.flags()) ? FileIds.shmem(e.pid(), addr) : 0;
        int flags = MappingFlags.vmaFlags(e.prot(), e.flags(), false);
        long pgoff = e.offset() >>> 12;
        boolean fixed = MappingFlags.fixed(e.flags());
        // The kernel chose a free area at the result: place it there, as MAP_FIXED does when the model agrees it is free.
        long r = MapOps.mmap(mm, addr, e.length(), flags, file, pgoff, fixed);
        boolean agreed = r == addr;
        if (r == Errno.EEXIST) r = MapOps.mmap(mm, addr, e.length(), flags, file, pgoff, true);
        return agreed && r == addr;
    }

    boolean initialMapping(Mm mm, InitialMapping e) {
        if (SpecialMappings.isSpecial(mm, e)) {
            int flags = SpecialMappings.flags(e, MappingFlags.vmaFlags(e.prot(), e.flags(), false));
            return MapOps.installSpecialMapping(mm, e.start(), e.end() - e.start(), flags) == e.start();
        }
        String path = e.path() == null ? "" : e.path();
        boolean stack = path.equals("[stack]");
        boolean named = !path.isEmpty() && !path.startsWith("[");
        long file = named ? FileIds.path(path)
                : MappingFlags.shared(e.flags()) ? FileIds.shmem(e.pid(), e.start()) : 0;
        int flags = MappingFlags.vmaFlags(e.prot(), e.flags(), stack);
        long r = MapOps.mmap(mm, e.start(), e.end() - e.start(), flags, file, e.pgoff() >>> 12, true);
        // exec wrote these before the first user fault (argv/envp; padzero of a data segment): they have an
        // anon_vma already. Simplification: an inferred piece of an ELF's bss (vm_brk_flags, anonymous, none
        // yet in the kernel) cannot be told from its data segment, and gets one too; a few first writes there
        // then need no anon_vma in the model where the kernel prepared one (anon_vma_need_differs).
        if (r == e.start() && (stack || (named && (flags & VmaFlags.WRITE) != 0 && !MappingFlags.shared(e.flags())))) {
            MapOps.anonVmaPrepare(mm, e.start());
        }
        if (path.equals("[heap]") && mm.startBrk() == 0) { // exec's heap: brk() grows it from here
            mm.setBrkBase(e.start());
            mm.setBrk(e.end());
        }
        return r == e.start();
    }

    boolean unmap(Mm mm, UnmapEvent e) {
        long r = MapOps.munmap(mm, e.addr(), e.length());
        return r == 0;
    }

    boolean protect(Mm mm, ProtectEvent e) {
        long r = MapOps.mprotect(mm, e.addr(), e.length(), e.prot());
        return r == 0;
    }

    boolean remap(Mm mm, RemapEvent e) {
        long r = MapOps.mremap(mm, e.oldAddr(), e.oldLength(), e.newLength(), e.result());
        return r == e.result();
    }

    boolean advise(Mm mm, AdviseEvent e) {
        long r = MapOps.madvise(mm, e.addr(), e.length(), e.advice());
        return r == 0;
    }

    /** brk(0) tells where the heap starts; later calls move the break. */
    boolean brk(Mm mm, BrkEvent e) {
        if (mm.startBrk() == 0) {
            mm.setBrkBase(e.result());
            return true;
        }
        if (e.requested() == 0) return mm.brk() == e.result();
        return MapOps.brk(mm, e.requested()) == e.result();
    }
}
