package dev.vmalab.traces.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.traces.format.CsvTraceReader;
import dev.vmalab.traces.format.TraceInputException;
import dev.vmalab.traces.format.TraceReader;
import dev.vmalab.traces.io.TraceSource;
import dev.vmalab.traces.perf.ImportOptions;
import dev.vmalab.traces.perf.PerfScriptReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the perf importer and the trace CSV reader with mutated real lines (from the
 * bundled samples): whatever the bytes, the only exception a reader may throw is the lab's own
 * {@link TraceInputException} (one line naming file and line), never a NumberFormatException,
 * an index error or a bare IOException. Fixed seed and document count: a few seconds in CI;
 * {@code -Dvmalab.heavy=true} (or -Pheavy) runs 20 times as many.
 */
class InputFuzzTest {
    private static final long SEED = 20261201L;
    private static final int DOCUMENTS = Boolean.getBoolean("vmalab.heavy") ? 8000 : 400;
    private static final int LINES_PER_DOCUMENT = 40;

    @Test
    void perfImporterThrowsOnlyTraceInputException() throws IOException {
        List<String> lines = sample("xz-t2.perf.xz", 4000);
        int[] outcomes = fuzz(lines, List.of(), s -> new PerfScriptReader(s, ImportOptions.STRICT),
                s -> new PerfScriptReader(s, ImportOptions.LENIENT));
        assertThat(outcomes[0]).as("some mutated documents still read").isPositive();
        assertThat(outcomes[1]).as("some mutated documents are refused").isPositive();
    }

    @Test
    void csvReaderThrowsOnlyTraceInputException() throws IOException {
        List<String> lines = sample("xz-t2.csv.zst", 4000);
        List<String> header = lines.subList(0, 2);
        int[] outcomes = fuzz(lines.subList(2, lines.size()), header, CsvTraceReader::new, s -> new CsvTraceReader(s, true));
        assertThat(outcomes[0]).isPositive();
        assertThat(outcomes[1]).isPositive();
    }

    /** @return {documents read whole, documents refused with TraceInputException} */
    @SafeVarargs
    private static int[] fuzz(List<String> lines, List<String> header, Function<TraceSource, TraceReader>... readers) {
        Random rnd = new Random(SEED);
        int[] outcomes = new int[2];
        for (int d = 0; d < DOCUMENTS; d++) {
            int start = rnd.nextInt(lines.size() - LINES_PER_DOCUMENT);
            List<String> doc = new ArrayList<>(header);
            for (int i = 0; i < LINES_PER_DOCUMENT; i++) {
                String line = lines.get(start + i);
                doc.add(rnd.nextInt(40) == 0 ? Mutations.mutate(line, rnd) : line); // about 2 in 3 documents damaged
            }
            byte[] bytes = Mutations.bytes(String.join("\n", doc) + "\n", rnd);
            for (Function<TraceSource, TraceReader> reader : readers) {
                String name = "fuzz-" + d;
                TraceSource source = new TraceSource(name, () -> new ByteArrayInputStream(bytes));
                try (Stream<?> events = reader.apply(source).events()) {
                    events.forEach(e -> {});
                    outcomes[0]++;
                } catch (TraceInputException e) {
                    assertThat(e.getMessage()).startsWith(name + ":").doesNotContain("\n");
                    outcomes[1]++;
                } catch (Throwable t) {
                    throw new AssertionError("document " + d + " (seed " + SEED + ") threw " + t + ":\n"
                            + new String(bytes, StandardCharsets.UTF_8), t);
                }
            }
        }
        return outcomes;
    }

    /** The first {@code max} lines of a bundled sample, decompressed by the lab's own reader path. */
    static List<String> sample(String name, int max) throws IOException {
        Path file = Path.of("samples").resolve(name);
        if (!Files.exists(file)) file = Path.of("traces", "samples", name);
        try (InputStream in = TraceSource.of(file).open().in()) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            List<String> all = b.toString(StandardCharsets.UTF_8).lines().toList();
            return all.subList(0, Math.min(max, all.size()));
        }
    }
}
