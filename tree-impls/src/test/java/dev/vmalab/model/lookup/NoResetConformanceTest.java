package dev.vmalab.model.lookup;

import dev.vmalab.model.strategy.StrategyRegistry;

class NoResetConformanceTest extends LookupStrategyConformance {
    @Override
    protected LookupStrategy strategy() {
        return StrategyRegistry.standard().get("no-reset");
    }
}
