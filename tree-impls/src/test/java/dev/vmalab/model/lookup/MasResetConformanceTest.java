package dev.vmalab.model.lookup;

import dev.vmalab.model.strategy.StrategyRegistry;

class MasResetConformanceTest extends LookupStrategyConformance {
    @Override
    protected LookupStrategy strategy() {
        return StrategyRegistry.standard().get("mas-reset");
    }
}
