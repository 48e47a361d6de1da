package dev.vmalab.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmalab.reports.results.ResultFolder;
import dev.vmalab.reports.results.ResultFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Model against this kernel": the strategy the kernel runs, the 10 % flag, the disagreeing faults. */
class KernelSectionTest {
    @TempDir
    Path dir;

    private static final String HEADER = "trace,strategy,threads,run,pace,scope,key,faults,kernel_per_vma,"
            + "kernel_anon_taken,kernel_anon_retry,kernel_fallback,model_per_vma,model_anon_retry,model_fallback,"
            + "model_segv,disagreements\n";

    private ResultFolder folder(String kernel) {
        LinkedHashMap<String, String> machine = new LinkedHashMap<>();
        machine.put("kernel", kernel);
        return new ResultFolder(dir, List.of(), List.of(), List.of(), List.of(), List.of(), machine, List.of(),
                List.of());
    }

    @Test
    void theKernelNamesItsStrategy() {
        assertThat(KernelSection.strategyOf("6.18.44-fc-v669")).isEqualTo("mas-set");
        assertThat(KernelSection.strategyOf("6.18.0-rc6")).isEqualTo("mas-set");
        assertThat(KernelSection.strategyOf("6.18.0-rc2")).isEqualTo("no-reset");
        assertThat(KernelSection.strategyOf("6.19.1")).isEqualTo("mas-set");
        assertThat(KernelSection.strategyOf("6.12.7")).isNull();
        assertThat(KernelSection.strategyOf("unknown")).isNull();
    }

    @Test
    void aFallbackRateMoreThanTenPercentOffIsFlagged() {
        assertThat(KernelSection.diverges(100, 111)).isTrue();
        assertThat(KernelSection.diverges(100, 90)).isFalse();
        assertThat(KernelSection.diverges(0, 1)).isTrue();
        assertThat(KernelSection.diverges(0, 0)).isFalse();
    }

    @Test
    void theSectionShowsTheKernelsStrategyFlagsTheDivergenceAndListsTheFaults() throws IOException {
        Files.writeString(dir.resolve("kernel-compare.csv"), HEADER
                + "s,mas-set,4,1,trace,all,,1000,940,10,45,5,1000,0,0,0,50\n"
                + "s,no-reset,4,1,trace,all,,1000,940,10,45,5,950,0,50,0,0\n"
                + "s,mas-set,4,1,trace,thread,7,1000,940,10,45,5,1000,0,0,0,\n");
        Files.writeString(dir.resolve("kernel-disagreements.csv"), "trace,strategy,threads,run,time_ns,tid,address,"
                + "kernel,model\ns,mas-set,4,1,123,7,0x7f0000001000,anon_retry,per_vma\n");
        String html = KernelSection.html(folder("6.18.44"));
        assertThat(html).contains("Model against this kernel", "runs <b>mas-set</b>", "diverges &gt;10 %",
                "0x7f0000001000", "anon_retry", "the timing part differs");
        assertThat(html).doesNotContain("no-reset").doesNotContain("tag warn");
    }

    @Test
    void theDeterministicAndTimingPartsAndTheCausesAreShownApart() throws IOException {
        // 12 faults: the kernel fell back on 3 in special mappings (the model retried all 3) and once more on
        // timing, a failed anon_vma trylock (the model never); each prepared 4 anon_vmas on the per-VMA path.
        Files.writeString(dir.resolve("kernel-compare.csv"), HEADER.strip()
                + ",model_anon_taken,model_special_retry,kernel_special\n"
                + "s,mas-set,4,1,real,all,,12,5,3,1,3,9,0,3,0,2,4,3,3\n"
                + "s,mas-set,4,1,real,cause,writer_overlap,2,0,1,1,0,2,0,0,0,2,1,0,0\n");
        Files.writeString(dir.resolve("kernel-disagreements.csv"), "trace,strategy,threads,run,time_ns,tid,address,"
                + "kernel,model,cause,detail\ns,mas-set,4,1,123,7,0x7f0000002000,anon_retry,anon_trylock_taken,"
                + "writer_overlap,munmap tid 9 at 0x1000 held 5 ns\n");
        String html = KernelSection.html(folder("6.18.44"));
        assertThat(html).contains("deterministic kernel / model", "timing kernel / model", "<td class=\"n\">3 / 3</td>",
                "<td class=\"n\">1 / 0</td>", "<td class=\"n\">4 / 4</td>", "Disagreements by cause", "<code>writer_overlap</code>",
                "munmap tid 9 at 0x1000 held 5 ns");
        assertThat(html).contains("the timing part differs").doesNotContain("the deterministic part differs")
                .doesNotContain("see anon_vma_need_differs below");
    }

    @Test
    void aFolderWithoutTheFilesSaysSoAndACorruptRowIsRejected() throws IOException {
        assertThat(KernelSection.html(folder("6.18.44"))).contains("No trace of this folder carries");
        Files.writeString(dir.resolve("kernel-compare.csv"), HEADER + "s,mas-set,4,1,fast,all,,1000,1,1,1,1,1000,0,0,0,0\n");
        assertThatThrownBy(() -> KernelSection.html(folder("6.18.44"))).isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("kernel-compare.csv").hasMessageContaining("!= faults");
    }
}
