package dev.vmalab.reports.verdict;

import dev.vmalab.reports.metrics.MetricDifference;
import java.util.List;
import java.util.Optional;

/**
 * The answer the report gives: which correct strategy is cheapest, and the evidence.
 *
 * @param cheapest the named strategy; empty only when no strategy is correct
 * @param threads the thread count the costs were compared at (0 when there is no candidate)
 * @param tiedOnLatency other candidates whose latency the test cannot separate from {@code cheapest}
 * @param indistinguishableFrom when no strategy of {@code tiedOnLatency} wins on throughput: all of them
 * @param standings every strategy, in result-file order
 * @param evidence every metric of every other candidate against {@code cheapest}, at {@code threads}
 */
public record Verdict(
        Status status,
        Optional<String> cheapest,
        int threads,
        List<String> tiedOnLatency,
        List<String> indistinguishableFrom,
        List<Standing> standings,
        List<MetricDifference> evidence) {

    public enum Status {
        /** The cheapest is significantly cheaper than every other candidate on mean latency. */
        CLEAR,
        /** Several candidates tie on latency; the cheapest has significantly higher throughput than them. */
        TIE_BROKEN_BY_THROUGHPUT,
        /** Several candidates tie on latency and none wins on throughput; the cheapest has the lowest mean latency. */
        INDISTINGUISHABLE,
        /** Every strategy has violations. */
        NO_CORRECT_STRATEGY
    }

    public List<String> incorrect() {
        return standings.stream().filter(s -> !s.correct()).map(Standing::strategy).toList();
    }

    /** One line for the terminal and the top of the page. */
    public String headline() {
        String wrong = incorrect().isEmpty() ? "" : "; incorrect (violations): " + String.join(", ", incorrect());
        return switch (status) {
            case NO_CORRECT_STRATEGY -> "no correct strategy: every strategy has violations" + wrong;
            case CLEAR -> "cheapest correct strategy: " + cheapest.orElseThrow() + " (lowest mean latency at "
                    + threads + " threads, significant against every other correct strategy)" + wrong;
            case TIE_BROKEN_BY_THROUGHPUT -> "cheapest correct strategy: " + cheapest.orElseThrow()
                    +  " (latency indistinguishable from " + String.join(", ", tiedOnLatency)
                    + " at " + threads + " threads; higher throughput)" + wrong;
            case INDISTINGUISHABLE -> "cheapest correct strategy: " + cheapest.orElseThrow() + " (lowest mean latency at "
                    + threads + " threads), indistinguishable from " + String.join(", ", indistinguishableFrom)
                    + " (no significant difference in latency, none wins on throughput)" + wrong;
        };
    }
}
