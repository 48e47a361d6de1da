package dev.vmalab.replay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmalab.model.maple.WalkSemantics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The variants are named for what they are; the old "6.12" still works, with one deprecation line. */
class WalkNamesTest {
    @Test
    void eachVariantHasItsNameAndTheNamesRoundTrip() {
        List<String> lines = new ArrayList<>();
        assertThat(WalkNames.parse("6.18", lines::add)).isEqualTo(WalkSemantics.RESUME_ACTIVE);
        assertThat(WalkNames.parse("6.18-restart-walk", lines::add)).isEqualTo(WalkSemantics.ALWAYS_RESTART);
        for (WalkSemantics w : WalkSemantics.values()) assertThat(WalkNames.parse(WalkNames.of(w), lines::add)).isEqualTo(w);
        assertThat(lines).isEmpty();
    }

    @Test
    void theOldNameIsTheRestartWalkVariantWithADeprecationLine() {
        List<String> lines = new ArrayList<>();
        assertThat(WalkNames.parse("6.12", lines::add)).isEqualTo(WalkSemantics.ALWAYS_RESTART);
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).contains("deprecated", "6.18-restart-walk");
    }

    @Test
    void reproCommandsUseTheNewName() {
        Amplification a = Amplification.of(Amplification.Preset.NONE).withWalkSemantics(WalkSemantics.ALWAYS_RESTART);
        assertThat(a.args()).containsSubsequence("--walk-semantics", "6.18-restart-walk").doesNotContain("6.12");
        assertThat(a.describe()).contains("walk 6.18-restart-walk");
    }

    @Test
    void anUnknownNameListsTheCurrentOnes() {
        assertThatThrownBy(() -> WalkNames.parse("5.4", l -> { }))
                .hasMessageContaining("allowed: 6.18, 6.18-restart-walk");
    }
}
