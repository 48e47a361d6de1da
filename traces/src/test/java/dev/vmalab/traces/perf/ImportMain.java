package dev.vmalab.traces.perf;

import java.nio.file.Path;

/** Runs one import in a JVM of its own, so a test can cap that JVM's heap. Prints lines and events. */
public final class ImportMain {
    private ImportMain() {}

    public static void main(String[] args) throws Exception {
        ImportSummary s = PerfImport.run(Path.of(args[0]), Path.of(args[1]), ImportOptions.STRICT);
        System.out.println(s.lines() + " " + s.events());
    }
}
