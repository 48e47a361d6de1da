package dev.vmalab.reports.compare;

import dev.vmalab.reports.html.Fmt;
import dev.vmalab.reports.metrics.Judgement;
import dev.vmalab.reports.metrics.MetricDifference;

/**
 * The terminal form of a comparison, in the spirit of mmtests' compare-kernels: one line per
 * strategy, thread count and metric; both values, the change, and a significance mark.
 */
public final class CompareText {
    private CompareText() {}

    /** Marks: '+' B significantly better, '-' significantly worse, '=' indistinguishable, '?' too few runs. */
    static String mark(Judgement j) {
        return switch (j) {
            case BETTER -> "+";
            case WORSE -> "-";
            case INDISTINGUISHABLE -> "=";
            case TOO_FEW_RUNS -> "?";
        };
    }

    public static String render(Comparison c) {
        StringBuilder out = new StringBuilder();
        out.append("A = ").append(c.labelA()).append("  (").append(c.a().dir()).append(")\n");
        out.append("B = ").append(c.labelB()).append("  (").append(c.b().dir()).append(")\n");
        out.append("A verdict: ").append(c.verdictA().headline()).append('\n');
        out.append("B verdict: ").append(c.verdictB().headline()).append('\n');
        if (!c.onlyInA().isEmpty()) out.append("only in A: ").append(String.join(", ", c.onlyInA())).append('\n');
        if (!c.onlyInB().isEmpty()) out.append("only in B: ").append(String.join(", ", c.onlyInB())).append('\n');
        out.append('\n');
        String format = "%-18s %7s %-28s %14s %14s %9s %26s %7s %s%n";
        out.append(String.format(format, "strategy", "threads", "metric", "A", "B", "change", "95% CI of B-A", "MW p", ""));
        String last = "";
        for (CompareRow r : c.rows()) {
            MetricDifference d = r.difference();
            String strategy = r.strategy().equals(last) ? "" : r.strategy();
            last = r.strategy();
            String ci = d.interval().map(i -> "[" + Fmt.signed(i.low()) + ", " + Fmt.signed(i.high()) + "]").orElse("n/a");
            out.append(String.format(format, strategy, r.threads(), d.metric().id(), Fmt.num(d.baselineMean()),
                    Fmt.num(d.otherMean()), Fmt.percentChange(d.percentChange()), ci, Fmt.pValue(d.mannWhitneyP()),
                    mark(d.judgement())));
        }
        out.append("\nmarks: + B significantly better, - B significantly worse (95% bootstrap interval of the difference "
                + "of run means excludes zero and Mann-Whitney p < 0.05), = indistinguishable, ? too few runs for p < 0.05\n");
        return out.toString();
    }
}
