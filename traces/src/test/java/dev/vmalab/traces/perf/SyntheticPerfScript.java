package dev.vmalab.traces.perf;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a long, valid perf script text in the default layout: one process that
 * keeps mapping a region, faulting on it from two threads, and unmapping it, so
 * the set of live mappings stays small however long the file is.
 */
public final class SyntheticPerfScript {
    private SyntheticPerfScript() {}

    /** Writes at least {@code lines} lines; returns how many were written. */
    public static long write(Path file, long lines) throws IOException {
        long n = 0;
        long us = 1_000_000;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            n += line(w, us++, 100, "PERF_RECORD_COMM exec: app:100/100");
            n += line(w, us++, 100, "PERF_RECORD_MMAP2 100/100: [0x55e5b85f8000(0x13000) @ 0x4000 fe:00 1 0]: "
                    + "r-xp /usr/bin/app");
            n += line(w, us++, 100, "PERF_RECORD_FORK(100:101):(100:100)");
            while (n < lines) {
                long region = 0x7f00_0000_0000L + (n % 64) * 0x100000L;
                n += line(w, us++, 100, "    syscalls:sys_enter_mmap: addr: 0x00000000, len: 0x00040000, prot: "
                        + "0x00000003, flags: 0x00000022, fd: 0xffffffff, off: 0x00000000");
                n += line(w, us++, 100, "     syscalls:sys_exit_mmap: 0x" + Long.toHexString(region));
                for (int i = 0; i < 60; i++) {
                    n += line(w, us++, 100 + (i & 1), " exceptions:page_fault_user: address=0x"
                            + Long.toHexString(region + (i % 64) * 4096L + 8) + " ip=0x55e5b85f8010 error_code=0x6");
                }
                n += line(w, us++, 100, "  syscalls:sys_enter_munmap: addr: 0x" + Long.toHexString(region)
                        + ", len: 0x00040000");
                n += line(w, us++, 100, "   syscalls:sys_exit_munmap: 0x0");
            }
        }
        return n;
    }

    private static int line(BufferedWriter w, long us, int tid, String event) throws IOException {
        String micros = Long.toString(us % 1_000_000 + 1_000_000).substring(1); // zero-padded to 6 digits
        w.write("             app   " + tid + " [001] " + us / 1_000_000 + "." + micros + ": " + event + "\n");
        return 1;
    }
}
