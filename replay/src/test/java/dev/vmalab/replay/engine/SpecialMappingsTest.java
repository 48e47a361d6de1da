package dev.vmalab.replay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.Kernel;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaFlags;
import dev.vmalab.traces.event.InitialMapping;
import org.junit.jupiter.api.Test;

/**
 * Which initial mappings the replay installs as special mappings (the vdso text perf reports, and the vvar
 * piece the importer infers below it), and the vm_flags a trace's mmap flags give (MAP_STACK, MAP_NORESERVE).
 */
class SpecialMappingsTest {
    private static final long VDSO = 0x7f0000006000L;

    private static InitialMapping mapping(long start, long pages, int prot, String path, boolean inferred) {
        return new InitialMapping(1, 1, 1, start, start + pages * 4096, prot, 0x22, 0, path, inferred);
    }

    private static Vma at(Mm mm, long address) {
        return (Vma) mm.tree().load(address);
    }

    @Test
    void theVdsoAndTheVvarPieceBelowItAreSpecialAnOrdinaryNeighbourIsNot() {
        Mm mm = new Mm(Kernel.builder().build());
        WriterEvents w = new WriterEvents();
        assertThat(w.initialMapping(mm, mapping(VDSO, 2, 5, "[vdso]", false))).isTrue();
        assertThat(w.initialMapping(mm, mapping(VDSO - 6 * 4096, 1, 3, "[vdso]", true))).isTrue();
        assertThat(w.initialMapping(mm, mapping(VDSO - 64 * 4096, 1, 3, "[vdso]", true))).isTrue();
        assertThat(w.initialMapping(mm, mapping(VDSO + 2 * 4096, 1, 3, "/lib/ld.so", true))).isTrue();
        assertThat(at(mm, VDSO).isSpecialMapping()).isTrue();
        assertThat(at(mm, VDSO - 6 * 4096).isSpecialMapping()).as("the vvar pages just below the vdso text").isTrue();
        assertThat(at(mm, VDSO - 6 * 4096).flags() & VmaFlags.PROT_MASK).as("vvar is read-only").isEqualTo(VmaFlags.READ);
        assertThat(at(mm, VDSO - 64 * 4096).isSpecialMapping()).as("too far below to be vvar").isFalse();
        assertThat(at(mm, VDSO + 2 * 4096).isSpecialMapping()).isFalse();
        assertThat(at(mm, VDSO + 2 * 4096).anonVma()).as("an ELF's writable piece: exec's padzero()").isNotZero();
    }

    @Test
    void mapStackAndMapNoreserveAreVmFlags() {
        int stack = MappingFlags.vmaFlags(3, 0x22 | MappingFlags.MAP_STACK, false);
        assertThat(stack & VmaFlags.NOHUGEPAGE).as("calc_vm_flag_bits: MAP_STACK -> VM_NOHUGEPAGE").isNotZero();
        int arena = MappingFlags.vmaFlags(0, 0x22 | MappingFlags.MAP_NORESERVE, false);
        assertThat(arena & VmaFlags.NORESERVE).isNotZero();
        assertThat(MappingFlags.vmaFlags(3, 0x22, false) & (VmaFlags.NOHUGEPAGE | VmaFlags.NORESERVE)).isZero();
    }
}
