package dev.vmalab.reports.compare;

import dev.vmalab.reports.results.ResultFolder;
import dev.vmalab.reports.verdict.Verdict;
import java.util.List;

/**
 * Two result folders side by side (two machines, two kernels' traces, two versions of a strategy).
 *
 * @param onlyInA strategies A measured and B did not (and the converse for {@code onlyInB})
 */
public record Comparison(
        String labelA,
        String labelB,
        ResultFolder a,
        ResultFolder b,
        Verdict verdictA,
        Verdict verdictB,
        List<CompareRow> rows,
        List<String> onlyInA,
        List<String> onlyInB) {

    /** The highest thread count both folders measured, where the page's main table looks. */
    public int highestCommonThreads() {
        return rows.stream().mapToInt(CompareRow::threads).max().orElse(0);
    }
}
