package dev.vmalab.model.retry;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.maple.WalkSemantics;
import java.util.ArrayList;
import java.util.List;

/** Every scenario x every strategy: the retry matrix (matrix.csv; {@code ./vmalab strategies --matrix}). */
public final class RetryMatrix {
    public record Cell(Scenario scenario, LookupStrategy strategy, RetryResult result) {}

    public static final List<String> COLUMNS = List.of("scenario", "strategy", "outcome", "nodes_read",
            "walks_from_root", "stale_index", "stale_node", "violation", "retried");

    private RetryMatrix() {}

    /** On 6.18 walk semantics (active states resume). */
    public static List<Cell> run(List<LookupStrategy> strategies) {
        return run(Scenarios.all(), strategies, WalkSemantics.RESUME_ACTIVE);
    }

    public static List<Cell> run(List<Scenario> scenarios, List<LookupStrategy> strategies, WalkSemantics semantics) {
        List<Cell> cells = new ArrayList<>();
        for (Scenario sc : scenarios) {
            for (LookupStrategy s : strategies) cells.add(new Cell(sc, s, ScenarioRunner.run(s, sc, semantics)));
        }
        return cells;
    }

    /** A cell as the CSV row of {@link #COLUMNS}. */
    public static List<String> row(Cell c) {
        RetryResult r = c.result();
        return List.of(c.scenario().name(), c.strategy().name(), r.outcome().name(), Long.toString(r.nodesRead()),
                Integer.toString(r.walksFromRoot()), Boolean.toString(r.staleIndex()), Boolean.toString(r.staleNode()),
                r.violationName(), Boolean.toString(r.retried()));
    }
}
