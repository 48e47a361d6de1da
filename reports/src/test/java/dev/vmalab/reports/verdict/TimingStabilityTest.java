package dev.vmalab.reports.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vmalab.reports.ReportGenerator;
import dev.vmalab.reports.results.ResultFolderReader;
import dev.vmalab.reports.results.VerdictInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timing-stability table: CV of the kept runs' means, runs discarded by the rule, the A/A judgement per trace. */
class TimingStabilityTest {
    static final String T = "xz-t2", U = "gcc-hello";

    @TempDir
    Path dir;

    /**
     * Two traces at 1 thread, 5 runs each of mas-set, its A/A control and mas-reset, timed in timing.csv. On T: mas-set
     * steady (100 +- 1, run 3 disturbed at 180 and left out), mas-reset noisy (CV ~ 9%), the control equal to mas-set.
     * On U the control runs 10% above mas-set in every run: judged different.
     */
    static VerdictFixture folder() {
        VerdictFixture f = new VerdictFixture();
        double[] steady = {100, 101, 180, 99, 100};
        double[] noisy = {90, 110, 100, 88, 112};
        double[] wobble = {-1, 0.5, 1, -0.5, 0};
        for (String trace : new String[] {T, U}) {
            for (String s : new String[] {"mas-set", "mas-set#aa", "mas-reset"}) {
                for (int r = 1; r <= 5; r++) {
                    f.run(trace, s, 1, r, 0, 10_000, 0, 0, 100, 0);
                    double ns = trace.equals(T) ? switch (s) {
                        case "mas-set" -> steady[r - 1];
                        case "mas-set#aa" -> 100 + wobble[r - 1];
                        default -> noisy[r - 1];
                    } : s.equals("mas-set#aa") ? 110 + wobble[r - 1] : 100 + wobble[(r + 1) % 5];
                    boolean disturbed = trace.equals(T) && s.equals("mas-set") && r == 3;
                    f.timing(trace, s, 1, r, ns, disturbed, 12, disturbed ? 1 : 10);
                }
            }
        }
        return f.property("aa_control", "mas-set#aa").property("timing_rule", "the folder's own rule");
    }

    private TimingStability stability() {
        Path d = folder().writeTo(dir);
        return VerdictCalculator.standard().decide(ResultFolderReader.read(d), VerdictInputs.read(d)).stability();
    }

    private static TimingStability.Row row(TimingStability t, String trace, String strategy) {
        return t.rows().stream().filter(r -> r.trace().equals(trace) && r.strategy().equals(strategy)).findFirst().orElseThrow();
    }

    @Test
    void theCvIsOverTheKeptRunsAndTheDisturbedRunIsCountedNotUsed() {
        TimingStability t = stability();
        TimingStability.Row steady = row(t, T, "mas-set");
        assertThat(steady.runMeans()).containsExactly(100.0, 101.0, 99.0, 100.0);
        assertThat(steady.kept()).isEqualTo(4);
        assertThat(steady.discarded()).isEqualTo(1);
        assertThat(steady.passes()).isEqualTo(60);
        assertThat(steady.keptPasses()).isEqualTo(41);
        // SD of 100, 101, 99, 100 (n-1) = 0.8165; mean 100
        assertThat(steady.cvPercent()).isCloseTo(0.8165, within(0.001));
        assertThat(steady.marked()).isFalse();
        TimingStability.Row noisy = row(t, T, "mas-reset");
        assertThat(noisy.cvPercent()).isCloseTo(Math.sqrt(122), within(0.001)); // SD of 90, 110, 100, 88, 112 over mean 100
        assertThat(noisy.marked()).isTrue();
        assertThat(t.allWithinLimit()).isFalse();
        assertThat(t.worst()).contains(noisy);
        assertThat(t.rule()).isEqualTo("the folder's own rule");
        assertThat(t.source()).isEqualTo("timing.csv");
    }

    @Test
    void fewerThanTwoKeptRunsIsMarkedForItsCvIsNotKnown() {
        TimingStability.Row one = new TimingStability.Row(T, 1, "mas-set", java.util.List.of(100.0), 4, 50, 10);
        assertThat(one.cvPercent()).isNaN();
        assertThat(one.marked()).isTrue();
    }

    @Test
    void theAaControlIsJudgedPerTraceAndThreads() {
        TimingStability t = stability();
        assertThat(t.aa()).extracting(TimingStability.AaTrace::trace).containsExactly(T, U);
        TimingStability.AaTrace onT = t.aa().getFirst(), onU = t.aa().get(1);
        assertThat(onT.judgedDifferent()).isFalse();
        assertThat(onT.difference().baselineRuns()).isEqualTo(4); // the disturbed run of mas-set is out here too
        assertThat(onU.judgedDifferent()).isTrue();
        assertThat(onU.difference().interval()).isPresent();
        assertThat(onU.difference().interval().get().low()).isPositive();
        assertThat(t.aaNeverJudgedDifferent()).isFalse();
        assertThat(t.line()).contains("1 of 6 strategy cells over the 5% CV limit")
                .contains("judged different at 1 of 2 trace x threads (Holm-adjusted): gcc-hello/1t");
        assertThat(onU.holmP()).isCloseTo(2 * onU.difference().mannWhitneyP(), within(1e-12)); // the smaller of 2 p, times 2
    }

    @Test
    void aSteadyFolderSaysSoInOneLine() {
        VerdictFixture f = new VerdictFixture();
        double[] wobble = {-1, 0.5, 1, -0.5, 0};
        for (String s : new String[] {"mas-set", "mas-set#aa"}) {
            for (int r = 1; r <= 5; r++) {
                f.run(T, s, 2, r, 0, 10_000, 0, 0, 100, 0);
                f.timing(T, s, 2, r, 100 + wobble[(r + s.length()) % 5], false, 10, 10);
            }
        }
        Path d = f.writeTo(dir);
        TimingStability t = VerdictCalculator.standard().decide(ResultFolderReader.read(d), VerdictInputs.read(d)).stability();
        assertThat(t.allWithinLimit()).isTrue();
        assertThat(t.aaNeverJudgedDifferent()).isTrue();
        assertThat(t.line()).startsWith("timing stability: every per-run mean latency CV <= 5% (2 strategy cells")
                .contains("the A/A control was never judged different (1 trace x threads, Holm-adjusted; pooled over 1: ");
    }

    @Test
    void theCvBeforeTheMachineFactorIsShownBesideTheOneJudged() {
        VerdictFixture f = new VerdictFixture();
        double[] wobble = {-1, 0.5, 1, -0.5, 0};
        double[] machine = {0.8, 1.2, 1.0, 0.9, 1.1}; // the machine's speed in each run, taken out by the factor
        for (String s : new String[] {"mas-set", "mas-set#aa"}) {
            for (int r = 1; r <= 5; r++) {
                double ns = 100 + wobble[(r + s.length()) % 5];
                f.run(T, s, 2, r, 0, 10_000, 0, 0, 100, 0);
                f.timing(T, s, 2, r, ns, false, 10, 10, ns * machine[r - 1]);
            }
        }
        Path d = f.writeTo(dir);
        TimingStability t = VerdictCalculator.standard().decide(ResultFolderReader.read(d), VerdictInputs.read(d)).stability();
        TimingStability.Row r = row(t, T, "mas-set");
        assertThat(r.cvPercent()).isLessThan(2);
        assertThat(r.rawCvPercent()).isGreaterThan(14);
        assertThat(t.allWithinLimit()).isTrue(); // the judged CV is the adjusted one
        assertThat(t.line()).contains("after the machine factor (before it: highest ");
    }

    @Test
    void aFolderWrittenBeforeTheMachineFactorHasTheSameCvBothWays() {
        TimingStability t = stability();
        TimingStability.Row noisy = row(t, T, "mas-reset");
        assertThat(noisy.rawCvPercent()).isEqualTo(noisy.cvPercent());
        assertThat(t.line()).doesNotContain("machine factor");
    }

    @Test
    void anAaControlWithTooFewKeptRunsIsNotCountedAsJudgedAndTheLineSaysSo() {
        VerdictFixture f = new VerdictFixture();
        for (String s : new String[] {"mas-set", "mas-set#aa"}) {
            for (int r = 1; r <= 5; r++) {
                f.run(T, s, 2, r, 0, 10_000, 0, 0, 100, 0);
                f.timing(T, s, 2, r, s.equals("mas-set") ? 100 + r * 0.1 : 150 + r, s.endsWith("#aa") && r > 2, 10, 3);
            }
        }
        Path d = f.writeTo(dir);
        TimingStability t = VerdictCalculator.standard().decide(ResultFolderReader.read(d), VerdictInputs.read(d)).stability();
        assertThat(t.aa().getFirst().difference().otherRuns()).isEqualTo(2);
        assertThat(t.aa().getFirst().judgedDifferent()).isFalse(); // 5 against 2 runs: no p below 0.05 is possible
        assertThat(t.line()).contains("never judged different (1 trace x threads, Holm-adjusted; 1 with too few kept runs to judge; pooled");
    }

    @Test
    void verdictJsonTheCsvAndThePageShowTheTable() throws IOException {
        folder().writeTo(dir);
        Verdict v = ReportGenerator.render(dir);
        String json = Files.readString(dir.resolve("report/verdict.json"));
        assertThat(json).contains("\"timing_stability\"").contains("\"cv_limit_percent\": 5")
                .contains("\"all_within_limit\": false").contains("\"aa_never_judged_different\": false")
                .contains("\"run_means_ns\": [100, 101, 99, 100]").contains("\"runs_discarded\": 1")
                .contains("\"judged_different\": true").contains("\"rule\": \"the folder's own rule\"");
        String csv = Files.readString(dir.resolve("report/timing-stability.csv"));
        assertThat(csv).startsWith("trace,threads,strategy,runs_kept,runs_discarded,passes,passes_kept,mean_ns,cv_percent,"
                + "over_limit,run_means_ns").contains("xz-t2,1,mas-reset,5,0,60,50,");
        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).contains("id=\"timing-stability\"").contains(v.stability().line().substring(0, 30))
                .contains("✗").contains("judged different").contains("4 / 1");
    }
}
