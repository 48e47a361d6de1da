package dev.vmalab.model.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StrategyRegistryTest {

    @Test
    void builtInsComeFirstInTheDocumentedOrder() {
        assertThat(StrategyRegistry.standard().names()).startsWith(
                "no-reset", "mas-set", "mas-reset", "full-reinit", "iter-passed-down", "mmap-lock-only");
    }

    @Test
    void aUserStrategyOnTheClassPathIsFoundByNameThroughServiceLoader() {
        // src/test/resources/META-INF/services registers ExampleUserStrategy.
        assertThat(StrategyRegistry.standard().get("example-user").description()).contains("user");
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> StrategyRegistry.standard().select("mas-set,nope"))
                .hasMessageContaining("unknown strategy 'nope'").hasMessageContaining("mas-set");
    }

    @Test
    void allSelectsEveryStrategy() {
        assertThat(StrategyRegistry.standard().select("all")).hasSizeGreaterThanOrEqualTo(6);
        assertThat(StrategyRegistry.standard().select("mas-set, no-reset")).extracting(s -> s.name())
                .containsExactly("mas-set", "no-reset");
    }
}
