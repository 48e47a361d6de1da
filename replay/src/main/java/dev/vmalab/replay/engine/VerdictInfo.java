package dev.vmalab.replay.engine;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.replay.config.VerdictSettings;
import dev.vmalab.replay.measure.CellTiming;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The machine.properties keys the verdict reads: which strategies are known wrong, the A/A control, hunt, timing rule. */
final class VerdictInfo {
    private VerdictInfo() {}

    static Map<String, String> describe(List<LookupStrategy> strategies, VerdictSettings v, String aaControl) {
        Map<String, String> p = new LinkedHashMap<>();
        // The pre-fix code: the verdict never calls these correct, even if the hunt missed them (it says so).
        p.put("known_incorrect", strategies.stream().filter(LookupStrategy::knownIncorrect).map(LookupStrategy::name)
                .collect(Collectors.joining(",")));
        p.put("aa_control", aaControl);
        p.put("hunt", v.hunt() ? "hunt.csv (hunt/: --amplify max --deterministic, 1 run per strategy and trace)" : "off (--no-hunt)");
        p.put("timing_reps", Integer.toString(v.reps()));
        p.put("timing_rule", CellTiming.RULE);
        return p;
    }
}
