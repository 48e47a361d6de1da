package dev.vmalab.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.replay.results.ResultTables;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Plug-ins as a user builds them: docs/strategy-examples compiled against the lab, packed into a
 * jar with META-INF/services, loaded by --strategy-jar. Beside the guide's three, one probe per
 * node-reading primitive of the cursor, in two versions: using the state from the last RCU
 * section (flagged) or after re-walking it in this one (clean). Every printed repro command is
 * run again and finds the same violation.
 */
class StrategyJarTest {
    private static final Path EXAMPLES = Path.of("..", "docs", "strategy-examples", "example");
    /** The node-reading primitives, as a plug-in calls them on {@code mas} in walkOnRetry(). */
    private static final List<String> PRIMITIVES = List.of("walk()", "find(Long.MAX_VALUE)", "next(Long.MAX_VALUE)",
            "prev(0)", "deadNode()");

    @TempDir
    static Path dir;
    static Path jar;

    @BeforeAll
    static void buildJar() throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("probe"));
        List<String> services = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                sources.add(p);
                services.add("example." + p.getFileName().toString().replace(".java", ""));
            }
        }
        assertThat(services).hasSize(3);
        for (int i = 0; i < PRIMITIVES.size(); i++) {
            for (boolean stale : List.of(true, false)) {
                String cls = "Probe" + i + (stale ? "Stale" : "Fresh");
                Path f = src.resolve("probe").resolve(cls + ".java");
                Files.writeString(f, probe(cls, "probe-" + i + (stale ? "-stale" : "-fresh"), PRIMITIVES.get(i), stale));
                sources.add(f);
                services.add("probe." + cls);
            }
        }
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "-proc:none", "-Xlint:none"));
        sources.forEach(p -> args.add(p.toString()));
        StringWriter diag = new StringWriter();
        int rc = javac.run(null, null, new java.io.PrintStream(OutputStream.nullOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) {
                diag.write(new String(b, off, len, StandardCharsets.UTF_8));
            }
        }, args.toArray(String[]::new));
        assertThat(rc).as(diag.toString()).isZero();
        jar = dir.resolve("plugins.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path c : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(c));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/dev.vmalab.model.lookup.LookupStrategy"));
            out.write((String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    /** A plug-in that calls {@code primitive} on the retry's state, read in the last section or re-walked in this one. */
    private static String probe(String cls, String name, String primitive, boolean stale) {
        String body = stale ? "mas." + primitive + ";" : "mas.set(address); mas.walk(); mas." + primitive + ";";
        return """
                package probe;
                import dev.vmalab.model.lookup.RetryLoopLookup;
                import dev.vmalab.model.tree.TreeCursor;
                import dev.vmalab.model.vma.*;
                public final class %s extends RetryLoopLookup {
                    public String name() { return "%s"; }
                    public String description() { return "probe: mas.%s on retry"; }
                    protected void resetForRetry(VmaIterator vmi, Mm mm, long address) {}
                    protected Vma walkOnRetry(VmaIterator vmi, Mm mm, long address) {
                        TreeCursor mas = vmi.state();
                        %s
                        mas.set(address);
                        return vmi.load();
                    }
                }
                """.formatted(cls, name, primitive, body);
    }

    private record Run(int exit, String out) {}

    private static Run vmalab(List<String> args) {
        StringWriter out = new StringWriter();
        CommandLine cl = ReplayMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return new Run(cl.execute(args.toArray(String[]::new)), out.toString());
    }

    private static Run stress(String strategy, long iterations, Path out) {
        return vmalab(List.of("stress", "--strategy", strategy, "--strategy-jar", jar.toString(), "--seed", "3",
                "--iterations", Long.toString(iterations), "--out", out.toString()));
    }

    /** The printed command, split as a POSIX shell would (ReplaySettings.quote's quoting), without "./vmalab". */
    static List<String> words(String command) {
        List<String> w = new ArrayList<>();
        Matcher m = Pattern.compile("'((?:[^']|'\\\\'')*)'|(\\S+)").matcher(command);
        while (m.find()) w.add(m.group(1) != null ? m.group(1).replace("'\\''", "'") : m.group(2));
        assertThat(w.getFirst()).isEqualTo("./vmalab");
        return new ArrayList<>(w.subList(1, w.size()));
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.strip().startsWith(prefix)).findFirst().map(String::strip)
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' in\n" + out));
    }

    /** Pastes the printed repro (only --out added, so the test writes into its own folder): the same violation. */
    private static void reproduces(Run first, Path out) {
        String repro = line(first.out(), "reproduce: ").substring("reproduce: ".length());
        assertThat(repro).contains("--strategy-jar " + jar.toAbsolutePath().normalize());
        List<String> args = words(repro);
        args.addAll(List.of("--out", out.toString()));
        Run again = vmalab(args);
        assertThat(again.exit()).as(again.out()).isEqualTo(1);
        assertThat(line(again.out(), "VIOLATION ")).isEqualTo(line(first.out(), "VIOLATION "));
    }

    /** The guide shows the examples as they are compiled here. */
    @Test
    void theGuideQuotesEachExampleAsCompiled() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "writing-a-strategy.md"));
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                String src = Files.readString(p);
                assertThat(guide).as(p.getFileName().toString()).contains("```java\n" + src + "```");
                assertThat(src.lines().count()).as(p.getFileName() + " lines").isLessThan(30);
            }
        }
    }

    @Test
    void resumeIfAliveIsFlaggedAndItsReproReproducesIt() {
        Run r = stress("resume-if-alive", 3000, dir.resolve("resume"));
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(line(r.out(), "VIOLATION ")).startsWith("VIOLATION STALE_RCU_SECTION by ")
                .contains("(strategy resume-if-alive)");
        reproduces(r, dir.resolve("resume-again"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"set-range-old-vma", "pause-then-find"})
    void theMemorySafeExamplesRunClean(String strategy) {
        Run r = stress(strategy, 1500, dir.resolve(strategy));
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("clean: " + strategy + " survived 1500 writer iterations");
        assertThat(r.out()).as("the hunt made lookups retry").containsPattern("miss [1-9]");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void eachNodeReadingPrimitiveIsFlaggedOnAStaleStateAndCleanOnAFreshOne(int primitive) throws IOException {
        Run stale = stress("probe-" + primitive + "-stale", 3000, dir.resolve("p" + primitive + "s"));
        assertThat(stale.exit()).as(PRIMITIVES.get(primitive) + "\n" + stale.out()).isEqualTo(1);
        assertThat(line(stale.out(), "VIOLATION ")).startsWith("VIOLATION STALE_RCU_SECTION");
        // seed 3: the node the probe reads was freed after a grace period, and the KASAN-like check says so too
        assertThat(line(stale.out(), "VIOLATION ")).contains("(poll_state_synchronize_rcu() true)", "now freed (poisoned)");
        List<String> row = ResultTables.read(dir.resolve("p" + primitive + "s")).summary().getFirst();
        assertThat(Long.parseLong(row.get(dev.vmalab.replay.results.ResultCsv.SUMMARY.indexOf("use_after_free"))))
                .as(PRIMITIVES.get(primitive)).isPositive();
        reproduces(stale, dir.resolve("p" + primitive + "s-again"));
        Run fresh = stress("probe-" + primitive + "-fresh", 1500, dir.resolve("p" + primitive + "f"));
        assertThat(fresh.exit()).as(PRIMITIVES.get(primitive) + "\n" + fresh.out()).isZero();
        assertThat(fresh.out()).containsPattern("miss [1-9]");
    }

    /** replay's violations.csv repro of a plug-in names the jar, and pasted it finds the violation again. */
    @Test
    void aReplayReproOfAPluginReproduces() throws IOException {
        Path trace = dir.resolve("churn.csv.zst");
        CommandLine gen = new CommandLine(new dev.vmalab.traces.cli.GenerateCommand());
        assertThat(gen.execute("vma-churn", "-o", trace.toString(), "--seed", "1", "ops=300")).isZero();
        Path out = dir.resolve("replay");
        Run r = vmalab(List.of("replay", trace.toString(), "--strategies", "resume-if-alive", "--strategy-jar", jar.toString(),
                "--runs", "1", "--threads", "4", "--deterministic", "--limit", "4000", "--out", out.toString()));
        assertThat(r.exit()).as(r.out()).isZero();
        List<List<String>> rows = ResultTables.read(out).violations();
        assertThat(rows).isNotEmpty();
        int repro = dev.vmalab.replay.results.ResultCsv.VIOLATIONS.indexOf("repro");
        int kind = dev.vmalab.replay.results.ResultCsv.VIOLATIONS.indexOf("kind");
        String command = rows.getFirst().get(repro);
        assertThat(command).contains("--strategy-jar " + jar.toAbsolutePath().normalize());
        List<String> args = words(command);
        Path again = dir.resolve("replay-again");
        args.addAll(List.of("--out", again.toString()));
        assertThat(vmalab(args).exit()).isZero();
        List<List<String>> rows2 = ResultTables.read(again).violations();
        assertThat(rows2).isNotEmpty();
        assertThat(rows2.getFirst().get(kind)).isEqualTo(rows.getFirst().get(kind));
        assertThat(rows2.getFirst()).isEqualTo(rows.getFirst());
    }
}
