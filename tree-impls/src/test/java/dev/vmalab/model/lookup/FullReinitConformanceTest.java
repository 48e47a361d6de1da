package dev.vmalab.model.lookup;

import dev.vmalab.model.strategy.StrategyRegistry;

class FullReinitConformanceTest extends LookupStrategyConformance {
    @Override
    protected LookupStrategy strategy() {
        return StrategyRegistry.standard().get("full-reinit");
    }
}
