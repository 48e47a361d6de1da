package dev.vmalab.model.lookup;

import dev.vmalab.model.strategy.StrategyRegistry;

class IterPassedDownConformanceTest extends LookupStrategyConformance {
    @Override
    protected LookupStrategy strategy() {
        return StrategyRegistry.standard().get("iter-passed-down");
    }
}
