package dev.vmalab.model.lookup;

import dev.vmalab.model.strategy.StrategyRegistry;

class MmapLockOnlyConformanceTest extends LookupStrategyConformance {
    @Override
    protected LookupStrategy strategy() {
        return StrategyRegistry.standard().get("mmap-lock-only");
    }
}
