package dev.vmalab.traces.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PerfLineParserTest {
    @Test
    void defaultLayoutGivesTidBeforeCpuAndMicrosecondTime() {
        PerfLine l = PerfLineParser.parse(
                "              sh  4488 [001]   353.825984:  exceptions:page_fault_user: address=0x7f2ca0b19b70 "
                        + "ip=0x7f2ca0b19b70 error_code=0x14");
        assertThat(l).isEqualTo(new PerfLine("sh", -1, 4488, 1, 353_825_984_000L, "exceptions:page_fault_user",
                "address=0x7f2ca0b19b70 ip=0x7f2ca0b19b70 error_code=0x14"));
    }

    @Test
    void commandNameMayContainSpacesAndDigits() {
        PerfLine l = PerfLineParser.parse(
                " C2 CompilerThre 2 12614 [000]   901.349150: syscalls:sys_enter_brk: brk: 0x00000000");
        assertThat(l.comm()).isEqualTo("C2 CompilerThre 2");
        assertThat(l.tid()).isEqualTo(12614);
        assertThat(l.event()).isEqualTo("syscalls:sys_enter_brk");
        assertThat(l.args()).isEqualTo("brk: 0x00000000");
    }

    @Test
    void fieldsLayoutGivesPidSlashTidAndNanoseconds() {
        PerfLine l = PerfLineParser.parse(
                "          mmtest  7615/7617  [001]   515.863016323:  exceptions:page_fault_user: address=0x1 ip=0x2 "
                        + "error_code=0x6");
        assertThat(l.pid()).isEqualTo(7615);
        assertThat(l.tid()).isEqualTo(7617);
        assertThat(l.timeNs()).isEqualTo(515_863_016_323L);
    }

    @Test
    void perfRecordNamesEndAtTheirArguments() {
        assertThat(PerfLineParser.parse("  sh  4488 [001]   353.827484: PERF_RECORD_FORK(4490:4490):(4488:4488)"))
                .extracting(PerfLine::event, PerfLine::args)
                .containsExactly("PERF_RECORD_FORK", "(4490:4490):(4488:4488)");
        assertThat(PerfLineParser.parse("  sh  4488 [001]   353.825792: PERF_RECORD_COMM exec: sh:4488/4488"))
                .extracting(PerfLine::event, PerfLine::args)
                .containsExactly("PERF_RECORD_COMM", " exec: sh:4488/4488");
    }

    @Test
    void lineWithoutCpuFieldIsRejectedWithAReason() {
        assertThatThrownBy(() -> PerfLineParser.parse("garbage 12 353.1: x:y: z"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no [cpu] field");
    }
}
