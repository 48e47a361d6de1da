package dev.vmalab.reports.verdict;

import dev.vmalab.reports.metrics.MetricDifference;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The answer the report gives: the cheapest correct class of strategies, and the evidence.
 *
 * @param cheapest the named strategy: the reference if it is in the cheapest class, else the class's first
 *                 member in run order (members of a class are not ranked); empty unless status is CHEAPEST
 *                 or ONLY_CORRECT_CLASS
 * @param cheapestClass every member of that class
 * @param threads the thread count the costs and timings are compared at
 * @param reference the strategy extra work is counted against (machine.properties {@code paired_reference})
 * @param classes every class, correct or not, in run order of their first member
 * @param classesFrom which files the classes were built from (empty: no paired accounting, no matrix)
 * @param regimes the workload first, then the sweep's levels ascending
 * @param ab the A/B table of every strategy (and the A/A control) against the reference
 * @param evidence timing differences of each correct strategy against the reference (JVM time: shown, never ranks)
 * @param stability the per-run mean latency's CV per (trace, threads, strategy) and the A/A judgement per trace
 */
public record Verdict(
        Status status,
        Optional<String> cheapest,
        List<String> cheapestClass,
        int threads,
        String reference,
        List<Standing> standings,
        List<EquivalenceClass> classes,
        String classesFrom,
        List<Regime> regimes,
        UnitCostEstimate unitCosts,
        NoiseFloor noise,
        List<MetricDifference> evidence,
        List<AbRow> ab,
        TimingStability stability) {

    public enum Status {
        /** One correct class is never dearer and cheaper than each other correct class at some level. */
        CHEAPEST,
        /** Only one class of strategies is correct. */
        ONLY_CORRECT_CLASS,
        /**
         * Several correct classes are never dearer than any other at any level, and none is cheaper than the
         * others: they tie for cheapest within the noise floor (each beats the rest somewhere); no cheapest named.
         */
        CHEAPEST_TIED,
        /** No level separates the correct classes (beyond the noise floor). */
        SAME_COST,
        /** The classes' order changes between levels. */
        DEPENDS_ON_REGIME,
        /** No paired accounting and no matrix in the folder: classes and costs unknown. */
        COST_NOT_ESTABLISHED,
        /** No strategy has a clean hunt over every trace. */
        CORRECTNESS_NOT_ESTABLISHED,
        /** Every strategy that was hunted was caught. */
        NO_CORRECT_STRATEGY
    }

    public List<String> incorrect() {
        return standings.stream().filter(s -> s.correctness() == Correctness.CAUGHT
                || s.correctness() == Correctness.KNOWN_INCORRECT).map(Standing::strategy).toList();
    }

    public List<String> notEstablished() {
        return standings.stream().filter(s -> s.correctness() == Correctness.NOT_ESTABLISHED).map(Standing::strategy).toList();
    }

    public Optional<Regime> workload() {
        return regimes.stream().filter(Regime::workload).findFirst();
    }

    /** The lowest reached retry rate (per million faults) at which two correct classes' costs separate. */
    public Optional<Double> separatingRetriesPerMillion() {
        return regimes.stream().filter(r -> !r.separated().isEmpty()).map(Regime::retriesPerMillion).min(Double::compare);
    }

    /** One line for the terminal and the top of the page: the answer, the regime, and who is out and why. */
    public String headline() {
        StringBuilder b = new StringBuilder(switch (status) {
            case CHEAPEST -> "cheapest correct: " + String.join(" = ", cheapestClass);
            case ONLY_CORRECT_CLASS -> "the only correct class: " + String.join(" = ", cheapestClass);
            case CHEAPEST_TIED -> "no single cheapest: tied within the noise floor: " + String.join(", ", cheapestClass)
                    + " (the other correct classes cost more)";
            case SAME_COST -> "the correct strategies cost the same: no level separates their classes";
            case DEPENDS_ON_REGIME -> "no single cheapest: the correct classes' order depends on the retry rate";
            case COST_NOT_ESTABLISHED -> "cost not established (no paired retry accounting and no retry matrix in this folder); no cheapest named";
            case CORRECTNESS_NOT_ESTABLISHED -> "correctness not established (no hunt ran, replay --no-hunt?); no cheapest named";
            case NO_CORRECT_STRATEGY -> "no correct strategy: every hunted strategy was caught";
        });
        workload().ifPresent(w -> b.append("; ").append(regimeText(w, "at this workload's")));
        // the sweep's highest level: where the classes differ most (the page has every level)
        regimes.stream().filter(r -> !r.workload() && !r.separated().isEmpty())
                .max(java.util.Comparator.comparingDouble(Regime::retriesPerMillion))
                .ifPresent(r -> b.append("; ").append(regimeText(r, "at the sweep's")));
        List<String> caught = standings.stream().filter(s -> s.correctness() == Correctness.CAUGHT)
                .map(s -> s.strategy() + " (" + (s.huntViolations() > 0 ? s.huntViolations() + " violations in the built-in hunt"
                        : s.violations() > 0 ? s.violations() + " violations in the replay"
                        : "violations in the retry matrix or paired retries") + ")").toList();
        if (!caught.isEmpty()) b.append("; incorrect, caught: ").append(String.join(", ", caught));
        List<String> known = standings.stream().filter(s -> s.correctness() == Correctness.KNOWN_INCORRECT)
                .map(Standing::strategy).toList();
        if (!known.isEmpty()) b.append("; incorrect, known pre-fix code the hunt missed: ").append(String.join(", ", known));
        if (!notEstablished().isEmpty() && status != Status.CORRECTNESS_NOT_ESTABLISHED) {
            b.append("; correctness not established (no hunt): ").append(String.join(", ", notEstablished()));
        }
        if (noise.judgedDifferent()) b.append("; WARNING: the A/A control was judged different, timings are noise");
        return b.toString();
    }

    private String regimeText(Regime r, String where) {
        String rate = String.format(Locale.ROOT, "%s %s retries per million faults (%s%%)", where, num(r.retriesPerMillion()),
                num(r.retriesPerMillion() / 1e4));
        if (r.costs().size() < 2) return rate + " (" + r.pairedEvents() + " paired retry events)";
        ClassCost lo = r.costs().stream().min(java.util.Comparator.comparingDouble(ClassCost::extraNsPerFault)).orElseThrow();
        ClassCost hi = r.costs().stream().max(java.util.Comparator.comparingDouble(ClassCost::extraNsPerFault)).orElseThrow();
        double spread = hi.extraNsPerFault() - lo.extraNsPerFault();
        if (r.separated().isEmpty()) {
            return String.format(Locale.ROOT, "%s the correct classes cost the same within %s ns per fault "
                    + "(spread %s ns; noise floor %s ns)", rate, num(Math.max(spread, noise.ns())), num(spread), num(noise.ns()));
        }
        // every dearer class against the cheapest, cheapest first
        List<String> dearer = r.costs().stream().filter(c -> c != lo)
                .sorted(java.util.Comparator.comparingDouble(ClassCost::extraNsPerFault))
                .map(c -> String.format(Locale.ROOT, "%s costs %s ns per fault more than %s (%s%s extra "
                                + "aborts and %s extra node reads per million faults)", c.className(),
                        num(c.extraNsPerFault() - lo.extraNsPerFault()), lo.className(),
                        Double.isFinite(c.percentOfReference() - lo.percentOfReference())
                                ? signed(c.percentOfReference() - lo.percentOfReference()) + "% " + c.percentBasis() + "; " : "",
                        num(c.extraAbortsPerMillion() - lo.extraAbortsPerMillion()),
                        num(c.extraNodesPerMillion() - lo.extraNodesPerMillion()))).toList();
        return rate + " " + String.join(", ", dearer);
    }

    static String num(double v) {
        if (Double.isNaN(v)) return "n/a";
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 10 || a == 0 ? "%.0f" : a >= 1 ? "%.2f" : "%.3g", v);
    }

    private static String signed(double v) {
        return (v >= 0 ? "+" : "") + num(v);
    }
}
