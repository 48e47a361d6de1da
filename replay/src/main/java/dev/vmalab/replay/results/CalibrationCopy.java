package dev.vmalab.replay.results;

import dev.vmalab.traces.io.AtomicOutput;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * {@code replay --calibration FILE}: the calibration file of {@code vmalab calibrate}
 * (docs/calibration.md) copied into the result folder as {@code calibration.properties}, where
 * {@code report} finds it and prices the folder's counts in this machine's kernel ns.
 * {@link #check} runs before the replay, so a bad file costs no replay time.
 */
public final class CalibrationCopy {
    public static final String FILE = "calibration.properties";
    static final String FORMAT = "vmalab-calibration-1";

    private CalibrationCopy() {}

    /** A one-line reason why {@code file} is not a calibration file, or null when it is. */
    public static String check(Path file) {
        if (!Files.isRegularFile(file)) return file + ": no such file";
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return file + ": not a properties file (" + e.getMessage() + ")";
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            return file + ": not a vmalab calibration file (format=" + FORMAT + " missing; make one with ./vmalab calibrate)";
        }
        return null;
    }

    /** Copies a checked file into {@code dir} and names it in machine.properties. */
    public static void copyInto(Path file, Path dir) throws IOException {
        AtomicOutput.write(dir.resolve(FILE), Files.readAllBytes(file));
        if (Files.isRegularFile(dir.resolve(MachineInfo.FILE))) {
            MachineInfo.append(dir, Map.of("calibration", file.toAbsolutePath().normalize().toString()));
        }
    }
}
