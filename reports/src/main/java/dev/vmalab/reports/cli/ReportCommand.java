package dev.vmalab.reports.cli;

import dev.vmalab.reports.ReportGenerator;
import dev.vmalab.reports.results.Completeness;
import dev.vmalab.reports.results.ResultFolderReader;
import dev.vmalab.reports.verdict.Verdict;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code vmalab report DIR}: renders DIR/index.html and prints the verdict. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render DIR/index.html (charts, verdict, violations, metadata) from a replay's result folder "
                + "and print the verdict: the cheapest class of strategies a clean hunt found correct (README: the verdict rule).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:report written", "1:DIR is not a readable result folder (the message names file and line)", "2:usage error"})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "result folder written by vmalab replay / demo / stress")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return Failures.reported("report", spec.commandLine().getErr(), () -> {
            Verdict v = ReportGenerator.render(dir);
            var folder = ResultFolderReader.read(dir);
            for (String line : dev.vmalab.reports.results.SkippedInput.of(folder)) out.println("LENIENT: " + line);
            Completeness done = Completeness.of(folder);
            if (done.complete()) {
                out.println("verdict: " + v.headline());
            } else {
                out.println("INCOMPLETE: " + done.reason());
                out.println("verdict: none (every strategy must have every cell)");
            }
            out.println("report:  " + dir.resolve("index.html").toAbsolutePath().toUri());
        });
    }
}
