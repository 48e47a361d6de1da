package dev.vmalab.model.lookup;

import dev.vmalab.model.strategy.StrategyRegistry;

class MasSetConformanceTest extends LookupStrategyConformance {
    @Override
    protected LookupStrategy strategy() {
        return StrategyRegistry.standard().get("mas-set");
    }
}
