package dev.vmalab.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.retry.Scenario;
import dev.vmalab.model.retry.Scenarios;
import dev.vmalab.model.strategy.StrategyRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strategies --matrix}: every scenario x every strategy, a plug-in from a jar included. */
class StrategiesMatrixTest {
    @TempDir
    Path dir;

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        var cl = ReplayMain.commandLine();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute(args)).isZero();
        return out.toString();
    }

    private static long rows(String table, String strategy) {
        return table.lines().filter(l -> l.startsWith("  " + strategy + " ")).count();
    }

    @Test
    void printsEveryScenarioForEveryBuiltInStrategy() {
        String table = run("strategies", "--matrix");
        for (Scenario sc : Scenarios.all()) assertThat(table).contains(sc.name() + ": " + sc.description());
        for (LookupStrategy s : StrategyRegistry.builtIn()) {
            assertThat(rows(table, s.name())).as(s.name()).isEqualTo(Scenarios.all().size());
        }
        // the row the issue names: above a munmapped lower part mas-set locks, mas-reset aborts
        String below = table.substring(table.indexOf("munmap-below:"), table.indexOf("munmap-above:"));
        assertThat(below).containsPattern("mas-set +LOCKED").containsPattern("mas-reset +ABORT_NULL");
    }

    @Test
    void aPlugInFromAJarGetsItsRows() throws IOException {
        Path jar = pluginJar();
        String table = run("strategies", "--matrix", "--strategy-jar", jar.toString());
        assertThat(rows(table, "plugin-reset")).isEqualTo(Scenarios.all().size());
        String below = table.substring(table.indexOf("munmap-below:"), table.indexOf("munmap-above:"));
        assertThat(below).containsPattern("plugin-reset +ABORT_NULL"); // it resets like mas-reset
    }

    /** A RetryLoopLookup that calls mas_reset(), compiled and packed as a user would ship it. */
    private Path pluginJar() throws IOException {
        Path src = dir.resolve("src/demo/PluginReset.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package demo;
                public final class PluginReset extends dev.vmalab.model.lookup.RetryLoopLookup {
                    public String name() { return "plugin-reset"; }
                    public String description() { return "test plug-in: vma_iter_reset() before retry"; }
                    protected void resetForRetry(dev.vmalab.model.vma.VmaIterator vmi, dev.vmalab.model.vma.Mm mm, long a) { vmi.reset(); }
                    protected void resetForNextRetry(dev.vmalab.model.vma.VmaIterator vmi, dev.vmalab.model.vma.Mm mm, long a) { vmi.reset(); }
                }
                """);
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString());
        assertThat(rc).isZero();
        Path jar = dir.resolve("plugin.jar");
        try (OutputStream f = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(f)) {
            j.putNextEntry(new JarEntry("demo/PluginReset.class"));
            j.write(Files.readAllBytes(classes.resolve("demo/PluginReset.class")));
            j.closeEntry();
            j.putNextEntry(new JarEntry("META-INF/services/" + LookupStrategy.class.getName()));
            j.write("demo.PluginReset\n".getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        return jar;
    }

    @Test
    void aMissingJarIsAUsageError() {
        var cl = ReplayMain.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("strategies", "--matrix", "--strategy-jar", dir.resolve("none.jar").toString())).isNotZero();
    }
}
