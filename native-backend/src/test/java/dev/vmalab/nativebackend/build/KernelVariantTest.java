package dev.vmalab.nativebackend.build;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The build-time edit of mas_walk(), on a stand-in text shaped like lib/maple_tree.c. */
class KernelVariantTest {

    private static final String OTHER = "void *mas_erase(struct ma_state *mas)\n{\n\tif (!mas_is_active(mas) || !mas_is_start(mas))\n"
            + "\t\tmas->status = ma_start;\n}\n";
    private static final String WALK_OLD = "void *mas_walk(struct ma_state *mas)\n{\n\tvoid *entry;\n\n"
            + "\tif (!mas_is_active(mas) || !mas_is_start(mas))\n\t\tmas->status = ma_start;\n\treturn entry;\n}\n";
    private static final String WALK_NEW = WALK_OLD.replace("||", "&&");

    @Test
    void resumeActiveChangesTheStatusTestInMasWalkOnly() {
        String edited = KernelVariant.RESUME_ACTIVE.apply(OTHER + WALK_OLD + OTHER);
        assertThat(edited).isEqualTo(OTHER + WALK_NEW + OTHER);
    }

    @Test
    void asShippedLeavesTheSourceAlone() {
        assertThat(KernelVariant.AS_SHIPPED.apply(OTHER + WALK_OLD)).isEqualTo(OTHER + WALK_OLD);
    }

    @Test
    void aKernelThatAlreadyResumesIsReportedNotEditedTwice() {
        assertThatThrownBy(() -> KernelVariant.RESUME_ACTIVE.apply(WALK_NEW))
                .isInstanceOf(NativeBuildException.class).hasMessageContaining("already has the resume-active");
        assertThatThrownBy(() -> KernelVariant.AS_SHIPPED.apply(WALK_NEW))
                .isInstanceOf(NativeBuildException.class).hasMessageContaining("no as-shipped");
    }

    @Test
    void aSourceWithoutMasWalkIsRefused() {
        assertThatThrownBy(() -> KernelVariant.RESUME_ACTIVE.apply(OTHER)).isInstanceOf(NativeBuildException.class)
                .hasMessageContaining("mas_walk");
    }

    @Test
    void idsRoundTrip() {
        for (KernelVariant v : KernelVariant.values()) assertThat(KernelVariant.fromId(v.id())).isEqualTo(v);
        assertThat(KernelVariant.RESUME_ACTIVE.id()).isEqualTo("resume-active");
    }
}
