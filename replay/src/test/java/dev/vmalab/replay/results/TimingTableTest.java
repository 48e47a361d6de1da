package dev.vmalab.replay.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** timing.csv is written from its passes: each kept pass divided by its machine factor, the run's median taken again. */
class TimingTableTest {
    @TempDir
    Path dir;

    private static final double T0 = 1.7e12;

    /**
     * Strategies a and b steady at 100 ns, but 1.4x slower from 2.0 s to 3.0 s and 3x from 3.5 s to 3.7 s; strategy c
     * at 80 ns: 3 passes before, 3 inside the 1.4x second (112 ns, 80 after the factor), one inside the 3x episode
     * (left out: machine) and one at 4.0 s at 400 ns while a and b were fine (over 2x c's own median: outlier).
     */
    private static void table(Path in, int extraPassColumns, int extraTimingColumns) throws IOException {
        List<String> timingColumns = TimingTable.COLUMNS.subList(0, TimingTable.COLUMNS.size() - 2 + extraTimingColumns);
        List<String> passColumns = TimingTable.PASS_COLUMNS.subList(0, TimingTable.PASS_COLUMNS.size() - 2 + extraPassColumns);
        String passTail = extraPassColumns == 0 ? "" : ",1,0";
        String timingTail = extraTimingColumns == 0 ? "" : ",0,0";
        List<String> timing = new ArrayList<>(List.of(String.join(",", timingColumns)));
        List<String> passes = new ArrayList<>(List.of(String.join(",", passColumns)));
        int n = 0;
        for (String cell : List.of("a", "b")) {
            for (double t = cell.equals("a") ? 0 : 10; t < 5000; t += 20) {
                String ns = t >= 2000 && t < 3000 ? "140" : t >= 3500 && t < 3700 ? "300" : "100";
                passes.add(String.join(",", "tr", cell, "1", "1", "1", Integer.toString(++n), Double.toString(T0 + t),
                        ns, "10", "0", "1", "1", "1", "0", "0", "none") + passTail);
            }
            timing.add("tr," + cell + ",1,1,1,1,100,1,1,0,0,0,false,0,10,250,250,0,0,0,0,0,1,1" + timingTail);
        }
        double[][] c = {{1001, 80}, {1021, 80}, {1041, 80}, {2401, 112}, {2421, 112}, {2441, 112}, {3601, 240}, {4001, 400}};
        String[] rep = {"1", "1", "1", "2", "2", "2", "3", "1"};
        for (int i = 0; i < c.length; i++) {
            passes.add(String.join(",", "tr", "c", "1", "1", rep[i], Integer.toString(i + 1),
                    Double.toString(T0 + c[i][0]), Double.toString(c[i][1]), "10", "0", "1", "1", "1", "0", "0", "none") + passTail);
        }
        timing.add("tr,c,1,1,3,3,100,1,1,0,0,0,false,0,10,8,8,0,0,0,0,0,1,1" + timingTail);
        Files.createDirectories(in);
        Files.write(in.resolve(TimingTable.FILE), timing);
        Files.write(in.resolve(TimingTable.PASSES_FILE), passes);
    }

    @Test
    void eachPassIsDividedByTheOtherStrategiesSlowdownAroundItAndTheRunsMedianTakenAgain() throws IOException {
        Path in = dir.resolve("in"), out = dir.resolve("out");
        table(in, 2, 2);
        Files.createDirectories(out);
        TimingTable.read(in).write(out);
        List<String> cRow = row(out, "c");
        assertThat(Double.parseDouble(cRow.get(TimingTable.COLUMNS.indexOf("mean_ns")))).isEqualTo(80);
        assertThat(Double.parseDouble(cRow.get(TimingTable.COLUMNS.indexOf("raw_mean_ns")))).isEqualTo(96); // (80 + 112) / 2
        assertThat(cRow.get(TimingTable.COLUMNS.indexOf("adjusted_passes"))).isEqualTo("3");
        assertThat(cRow.get(TimingTable.COLUMNS.indexOf("kept_passes"))).isEqualTo("6");
        assertThat(cRow.get(TimingTable.COLUMNS.indexOf("kept_reps"))).isEqualTo("2");
        assertThat(cRow.get(TimingTable.COLUMNS.indexOf("discarded_machine"))).isEqualTo("1");
        assertThat(cRow.get(TimingTable.COLUMNS.indexOf("discarded_outlier"))).isEqualTo("1");
        assertThat(cRow.get(TimingTable.COLUMNS.indexOf("disturbed"))).isEqualTo("false"); // 2 of 3 repetitions kept
        List<List<String>> p = ResultTables.readCsv(out.resolve(TimingTable.PASSES_FILE), TimingTable.PASS_COLUMNS);
        int d = TimingTable.PASS_COLUMNS.indexOf("disturbance"), f = TimingTable.PASS_COLUMNS.indexOf("machine_factor");
        assertThat(p.stream().filter(r -> r.get(1).equals("c")).map(r -> r.get(d)).toList())
                .containsExactly("none", "none", "none", "none", "none", "none", "machine", "outlier");
        assertThat(p.stream().filter(r -> r.get(1).equals("c")).map(r -> r.get(f)).limit(4).toList())
                .containsExactly("1.0000", "1.0000", "1.0000", "1.4000");
        // written again from its own output (a resumed replay), the same
        TimingTable.read(out).write(in);
        assertThat(Files.readString(in.resolve(TimingTable.FILE))).isEqualTo(Files.readString(out.resolve(TimingTable.FILE)));
    }

    @Test
    void aTableWrittenBeforeTheMachineFactorIsReadAndJudgedAlike() throws IOException {
        Path older = dir.resolve("older"), newer = dir.resolve("newer"), a = dir.resolve("a"), b = dir.resolve("b");
        table(older, 0, 0);
        table(newer, 2, 2);
        Files.createDirectories(a);
        Files.createDirectories(b);
        TimingTable.read(older).write(a);
        TimingTable.read(newer).write(b);
        assertThat(Files.readString(a.resolve(TimingTable.FILE))).isEqualTo(Files.readString(b.resolve(TimingTable.FILE)));
        assertThat(Files.readString(a.resolve(TimingTable.PASSES_FILE))).isEqualTo(Files.readString(b.resolve(TimingTable.PASSES_FILE)));
    }

    private static List<String> row(Path dir, String strategy) throws IOException {
        return ResultTables.readCsv(dir.resolve(TimingTable.FILE), TimingTable.COLUMNS).stream()
                .filter(r -> r.get(1).equals(strategy)).findFirst().orElseThrow();
    }
}
