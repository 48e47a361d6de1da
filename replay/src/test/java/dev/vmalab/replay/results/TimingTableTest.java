package dev.vmalab.replay.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** timing.csv is written from its passes: the passes the common-slowdown rule marks leave each run's median. */
class TimingTableTest {
    @TempDir
    Path dir;

    @Test
    void passesDuringACommonSlowdownLeaveTheRunsMedianAndAreCounted() throws IOException {
        List<String> timing = new ArrayList<>(List.of(String.join(",", TimingTable.COLUMNS)));
        List<String> passes = new ArrayList<>(List.of(String.join(",", TimingTable.PASS_COLUMNS)));
        // cells a and b steady at 100 ns but 1.5x slower from 2.0 s to 3.0 s; cell c has 2 repetitions of 3 passes,
        // the second inside the slow second: 80, 80, 80 | 120, 120, 120 -> median 80 without the slow ones (100 with)
        double t0 = 1.7e12;
        int n = 0;
        for (String cell : List.of("a", "b")) {
            for (double t = 0; t < 5000; t += 20) {
                passes.add(String.join(",", "tr", cell, "1", "1", "1", Integer.toString(++n), Double.toString(t0 + t),
                        t >= 2000 && t < 3000 ? "150" : "100", "10", "0", "1", "1", "1", "0", "0", "none"));
            }
            timing.add("tr," + cell + ",1,1,1,1,100,1,1,0,0,0,false,0,10,250,250,0,0,0,0,0,1,1");
        }
        // and one replay of c at 4.0 s at 400 ns while a and b were fine: over 2x c's own median, an outlier
        double[][] c = {{1000, 80}, {1020, 80}, {1040, 80}, {2400, 120}, {2420, 120}, {2440, 120}, {4000, 400}};
        for (int i = 0; i < c.length; i++) {
            passes.add(String.join(",", "tr", "c", "1", "1", i < 3 || i == 6 ? "1" : "2", Integer.toString(i + 1),
                    Double.toString(t0 + c[i][0]), Double.toString(c[i][1]), "10", "0", "1", "1", "1", "0", "0", "none"));
        }
        timing.add("tr,c,1,1,2,2,100,1,1,0,0,0,false,0,10,7,7,0,0,0,0,0,1,1");
        Path in = dir.resolve("in"), out = dir.resolve("out");
        Files.createDirectories(in);
        Files.createDirectories(out);
        Files.write(in.resolve(TimingTable.FILE), timing);
        Files.write(in.resolve(TimingTable.PASSES_FILE), passes);
        TimingTable.read(in).write(out);
        List<List<String>> rows = ResultTables.readCsv(out.resolve(TimingTable.FILE), TimingTable.COLUMNS);
        List<String> cRow = rows.stream().filter(r -> r.get(1).equals("c")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(cRow.get(TimingTable.COLUMNS.indexOf("mean_ns")))).isEqualTo(80);
        assertThat(cRow.get(TimingTable.COLUMNS.indexOf("kept_passes"))).isEqualTo("3");
        assertThat(cRow.get(TimingTable.COLUMNS.indexOf("kept_reps"))).isEqualTo("1");
        assertThat(cRow.get(TimingTable.COLUMNS.indexOf("discarded_machine"))).isEqualTo("3");
        assertThat(cRow.get(TimingTable.COLUMNS.indexOf("discarded_outlier"))).isEqualTo("1");
        assertThat(cRow.get(TimingTable.COLUMNS.indexOf("disturbed"))).isEqualTo("false"); // 1 of 2 repetitions kept
        List<List<String>> p = ResultTables.readCsv(out.resolve(TimingTable.PASSES_FILE), TimingTable.PASS_COLUMNS);
        assertThat(p.stream().filter(r -> r.get(1).equals("c")).map(r -> r.getLast()).toList())
                .containsExactly("none", "none", "none", "machine", "machine", "machine", "outlier");
        // written again from its own output (a resumed replay), the same
        TimingTable.read(out).write(in);
        assertThat(Files.readString(in.resolve(TimingTable.FILE))).isEqualTo(Files.readString(out.resolve(TimingTable.FILE)));
    }
}
