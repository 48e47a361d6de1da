package dev.vmalab.traces.perf;

/**
 * One {@code mmap_lock:*} tracepoint record (include/trace/events/mmap_lock.h):
 * {@code mm=0x.. memcg_id=N write=true|false} and, for acquire_returned, {@code success=true|false}.
 * {@code stack} is the kernel callchain perf printed under a start_locking record (empty without one).
 */
record MmapLockRecord(Kind kind, int tid, long timeNs, boolean write, boolean success, String stack) {
    enum Kind { START_LOCKING, ACQUIRE_RETURNED, RELEASED }

    /** Parses the tracepoint's arguments. */
    static MmapLockRecord parse(Kind kind, int tid, long timeNs, String args) {
        boolean write = flag(args, "write=");
        boolean success = kind != Kind.ACQUIRE_RETURNED || flag(args, "success=");
        return new MmapLockRecord(kind, tid, timeNs, write, success, "");
    }

    MmapLockRecord withStack(String frames) {
        return new MmapLockRecord(kind, tid, timeNs, write, success, frames);
    }

    /** A read acquisition by the fault path: the frames name the function that asked for it (mm/mmap_lock.c, mm/memory.c). */
    boolean byLockMmAndFindVma() {
        return !write && hasFrame("lock_mm_and_find_vma");
    }

    boolean byAnonPrepare() {
        return !write && hasFrame("__vmf_anon_prepare");
    }

    /**
     * Whether the callchain shows the lock taken for a fault the kernel itself took (copy_from_user in a
     * syscall): the frame under asm_exc_page_fault is a kernel function, where a user fault has a user frame
     * (or none within max-stack). Such a fault has no page_fault_user record and is not the thread's last fault.
     */
    boolean byKernelModeFault() {
        int at = stack.indexOf(" asm_exc_page_fault+");
        if (at < 0) return false;
        int next = stack.indexOf('\n', at);
        if (next < 0) return false;
        int end = stack.indexOf('\n', next + 1);
        return stack.substring(next + 1, end < 0 ? stack.length() : end).endsWith("([kernel.kallsyms])");
    }

    private boolean hasFrame(String function) {
        int at = stack.indexOf(function);
        // "ffffffff815df0d4 lock_mm_and_find_vma+0x144 ([kernel.kallsyms])": the name ends at '+' (or a space).
        while (at >= 0) {
            int end = at + function.length();
            boolean startOk = at == 0 || stack.charAt(at - 1) == ' ';
            boolean endOk = end == stack.length() || stack.charAt(end) == '+' || stack.charAt(end) == ' ';
            if (startOk && endOk) return true;
            at = stack.indexOf(function, at + 1);
        }
        return false;
    }

    private static boolean flag(String args, String key) {
        int at = args.indexOf(key);
        if (at < 0) throw new IllegalArgumentException("missing " + key.substring(0, key.length() - 1));
        int from = at + key.length();
        if (args.startsWith("true", from)) return true;
        if (args.startsWith("false", from)) return false;
        throw new IllegalArgumentException(key.substring(0, key.length() - 1) + " is neither true nor false");
    }
}
