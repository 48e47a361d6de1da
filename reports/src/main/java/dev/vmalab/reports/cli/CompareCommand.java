package dev.vmalab.reports.cli;

import dev.vmalab.reports.compare.CompareGenerator;
import dev.vmalab.reports.compare.CompareText;
import dev.vmalab.reports.compare.Comparison;
import dev.vmalab.reports.results.ResultFolder;
import dev.vmalab.reports.results.ResultFolderReader;
import dev.vmalab.reports.results.ResultFormatException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vmalab compare DIR_A DIR_B}: the A/B table, printed and rendered to HTML. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two result folders (two machines, two kernels' traces, two versions of a strategy): "
                + "each metric per strategy and thread count, both values, %% change and a significance mark from "
                + "the across-run test. Prints the table and writes an HTML page with CSV and JSON beside it.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:comparison written", "1:a folder is not a readable result folder", "2:usage error"})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR_A", description = "the baseline result folder")
    Path dirA;

    @Parameters(index = "1", paramLabel = "DIR_B", description = "the result folder compared with A")
    Path dirB;

    @Option(names = "--out", paramLabel = "FILE.html",
            description = "where to write the page (default: DIR_B/compare-vs-<name of DIR_A>.html)")
    Path outFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return Failures.reported("compare", spec.commandLine().getErr(), () -> {
            ResultFolder a = ResultFolderReader.read(dirA);
            ResultFolder b = ResultFolderReader.read(dirB);
            List<String> both = a.strategies().stream().filter(b.strategies()::contains).toList();
            List<Integer> threads = a.threadCounts().stream().filter(b.threadCounts()::contains).toList();
            if (both.isEmpty() || threads.isEmpty()) {
                throw new ResultFormatException(dirB, 0, "nothing in common with " + dirA + ": strategies "
                        + a.strategies() + " vs " + b.strategies() + ", threads " + a.threadCounts() + " vs "
                        + b.threadCounts() + "; no page written");
            }
            Set<String> ta = new TreeSet<>(a.summary().stream().map(r -> r.key().trace()).toList());
            Set<String> tb = new TreeSet<>(b.summary().stream().map(r -> r.key().trace()).toList());
            if (!ta.equals(tb)) {
                spec.commandLine().getErr().println("compare: note: the folders replayed different traces (A: "
                        + String.join(", ", ta) + "; B: " + String.join(", ", tb) + "): differences mix trace and change");
            }
            Path html = outFile != null ? outFile : CompareGenerator.defaultOutput(dirA, dirB);
            Comparison c = CompareGenerator.render(dirA, dirB, html);
            out.print(CompareText.render(c));
            out.println("page: " + html.toAbsolutePath().toUri());
        });
    }
}
