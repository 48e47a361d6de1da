package dev.vmalab.replay.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationCopyTest {
    @TempDir
    Path dir;

    @Test
    void onlyACalibrationFileIsAcceptedAndTheReasonIsOneLine() throws IOException {
        Path other = Files.writeString(dir.resolve("notes.properties"), "node_read_ns=12\n");
        assertThat(CalibrationCopy.check(other)).contains("notes.properties", "not a vmalab calibration file").doesNotContain("\n");
        assertThat(CalibrationCopy.check(dir.resolve("absent"))).contains("no such file");
        Path good = Files.writeString(dir.resolve("cal.properties"), "format=vmalab-calibration-1\nnode_read_ns=12\n");
        assertThat(CalibrationCopy.check(good)).isNull();
    }

    @Test
    void theCopyLandsInTheFolderAndMachinePropertiesNamesItsSource() throws IOException {
        Path good = Files.writeString(dir.resolve("cal.properties"), "format=vmalab-calibration-1\nnode_read_ns=12\n");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve(MachineInfo.FILE), "date=2026-12-01\n");
        CalibrationCopy.copyInto(good, out);
        assertThat(out.resolve(CalibrationCopy.FILE)).hasSameTextualContentAs(good);
        assertThat(Files.readString(out.resolve(MachineInfo.FILE))).contains("calibration=" + good.toAbsolutePath());
    }
}
