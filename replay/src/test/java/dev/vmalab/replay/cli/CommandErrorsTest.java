package dev.vmalab.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad options are usage errors (exit 2) that say what is allowed. */
class CommandErrorsTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = ReplayMain.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void unknownPresetListsThePresets() {
        assertThat(run("replay", "x.csv", "--amplify", "huge")).isEqualTo(2);
        assertThat(err.toString()).contains("none, mild, max");
    }

    @Test
    void unknownStrategyListsTheStrategies() {
        assertThat(run("stress", "--strategy", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown strategy 'nope'", "mas-set", "no-reset");
    }

    @Test
    void unknownWalkSemanticsListsTheKernels() {
        assertThat(run("replay", "x.csv", "--walk-semantics", "5.4")).isEqualTo(2);
        assertThat(err.toString()).contains("6.18, 6.18-restart-walk");
    }

    @Test
    void badPaceSaysWhatIsAllowed() {
        assertThat(run("replay", "x.csv", "--pace", "slow")).isEqualTo(2);
        assertThat(err.toString()).contains("fast, real, trace or a factor");
    }

    @Test
    void missingTraceFileIsAUsageError() {
        assertThat(run("replay", "does-not-exist.csv", "--in-process")).isEqualTo(2);
        assertThat(err.toString()).contains("no such trace file: does-not-exist.csv");
    }

    @Test
    void stressExitsOneWithTheReproWhenItFindsAViolation(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        CommandLine cl = ReplayMain.commandLine();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("stress", "--strategy", "no-reset", "--seed", "4", "--out", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("VIOLATION STALE_RCU_SECTION",
                "reproduce: ./vmalab stress --strategy no-reset --seed 4 --threads 2 --iterations ");
    }
}
