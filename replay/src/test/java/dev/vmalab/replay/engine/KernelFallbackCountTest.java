package dev.vmalab.replay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmalab.replay.cli.ReplayMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A counted comparison on a small trace shaped like the samples' exec: the recording kernel fell back on the
 * vdso and vvar reads (special mappings, vmf_can_call_fault) and prepared an anon_vma only for the first write
 * to a fresh mmap (the stack had one from exec's argument strings). The model does the same, fault for fault.
 */
class KernelFallbackCountTest {
    @TempDir
    Path dir;

    private static final String HEADER = "time_ns,pid,tid,event,addr,len,prot,flags,fd,off,new_addr,new_len,advice,"
            + "result,ip,access,error_code,parent,how,comm,path,inferred,target_pid,kernel_outcome,mmap_lock_hold_ns";

    /** One trace row: the 25 columns, from the named ones. */
    private static String row(long t, String event, String addr, String len, String prot, String flags, String fd,
                              String result, String access, String code, String path, String inferred, String outcome) {
        String how = event.equals("process_start") ? "100,exec,t" : ",,";
        return String.join(",", Long.toString(t), "100", "100", event, addr, len, prot, flags, fd,
                event.equals("initial_mapping") || event.equals("map") ? "0x0" : "", "", "", "", result,
                event.equals("fault") ? "0x400000" : "", access, code, how, path, inferred, "", outcome,
                event.equals("map") ? "500" : "");
    }

    private static String fault(long t, long addr, boolean write, String outcome) {
        return row(t, "fault", "0x" + Long.toHexString(addr), "", "", "", "", "", write ? "write" : "read",
                write ? "0x6" : "0x4", "", "", outcome);
    }

    @Test
    void theModelFallsBackWhereTheKernelDidDeterministically() throws IOException {
        long vdso = 0x7f0000006000L, vvar = 0x7f0000000000L, stack = 0x7ffc00000000L, heap = 0x7e0000000000L;
        List<String> lines = List.of("# vmalab-trace 2", HEADER,
                row(1000, "process_start", "", "", "", "", "", "", "", "", "", "", ""),
                row(1100, "initial_mapping", "0x7f0000006000", "0x2000", "0x5", "0x22", "", "", "", "", "[vdso]", "0", ""),
                row(1200, "initial_mapping", "0x7ffc00000000", "0x20000", "0x3", "0x22", "", "", "", "", "[stack]", "1", ""),
                row(1300, "initial_mapping", "0x7f0000000000", "0x1000", "0x3", "0x22", "", "", "", "", "[vdso]", "1", ""),
                row(2000, "map", "0x0", "0x10000", "0x3", "0x22", "-1", "0x7e0000000000", "", "", "", "", ""),
                fault(3000, vdso + 0x100, false, "lock_mm_fallback"),
                fault(3100, vvar + 0x10, false, "lock_mm_fallback"),
                fault(3200, stack + 0x1fff0, true, "per_vma"),
                fault(3300, heap, true, "anon_trylock_taken"),
                fault(3400, heap + 0x1000, true, "per_vma"),
                fault(3500, heap + 0x2000, false, "per_vma"),
                row(4000, "thread_exit", "", "", "", "", "", "", "", "", "", "", ""));
        Path trace = Files.write(dir.resolve("exec.csv"), lines);
        Path out = dir.resolve("out");
        assertThat(ReplayMain.commandLine().execute("replay", trace.toString(), "--strategies", "mas-set",
                "--threads", "1", "--runs", "1", "--deterministic", "--in-process", "--no-hunt", "--no-aa",
                "--no-paired", "--warmup", "0%", "--out", out.toString())).isZero();

        CSVRecord all = CountersAddUpTest.read(out.resolve("kernel-compare.csv")).stream()
                .filter(r -> r.get("scope").equals("all")).findFirst().orElseThrow();
        assertThat(n(all, "faults")).isEqualTo(6);
        assertThat(n(all, "kernel_fallback")).isEqualTo(2);
        assertThat(n(all, "kernel_special")).as("the kernel's fallbacks are both in special mappings").isEqualTo(2);
        assertThat(n(all, "model_special_retry")).as("vdso and vvar: vmf_can_call_fault's VM_FAULT_RETRY").isEqualTo(2);
        assertThat(n(all, "model_fallback")).isEqualTo(2);
        assertThat(n(all, "model_anon_taken")).as("only the fresh mmap's first write; the stack had one from exec")
                .isEqualTo(n(all, "kernel_anon_taken")).isEqualTo(1);
        assertThat(n(all, "disagreements")).isZero();
        assertThat(CountersAddUpTest.read(out.resolve("kernel-disagreements.csv"))).isEmpty();
        CSVRecord summary = CountersAddUpTest.read(out.resolve("summary.csv")).getFirst();
        assertThat(n(summary, "retry")).as("VMA_LOCK_RETRY of the two special-mapping faults").isEqualTo(2);
        assertThat(n(summary, "success") + n(summary, "abort") + n(summary, "retry")).isEqualTo(n(summary, "lookups"));
    }

    private static long n(CSVRecord r, String column) {
        return Long.parseLong(r.get(column));
    }
}
