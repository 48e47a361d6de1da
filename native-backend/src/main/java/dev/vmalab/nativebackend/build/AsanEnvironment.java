package dev.vmalab.nativebackend.build;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a JVM needs to load an {@link BuildFlavour#ASAN} library: libasan preloaded
 * (ASan must be the first library in the process to intercept malloc and free; loaded later by
 * {@code dlopen} it aborts the process) and {@code ASAN_OPTIONS} that let a report reach Java
 * instead of killing the JVM.
 *
 * <p>The options, and why:
 * <ul>
 *   <li>{@code halt_on_error=0}: with {@code -fsanitize-recover=address} (the ASan flavour) the
 *       faulting access completes and the program goes on; the report has gone to the library's
 *       callback and reaches Java through {@code NativeMapleLibrary.takeAsanReports()}.
 *   <li>{@code detect_leaks=0}: LeakSanitizer would report the JVM's own allocations at exit.
 *   <li>{@code handle_segv=0}, {@code handle_sigbus=0}, {@code allow_user_segv_handler=1}: the JVM
 *       uses SIGSEGV itself (implicit null checks, safepoint polls, stack banging); ASan must not
 *       take it over.
 *   <li>{@code use_sigaltstack=0}: the JVM manages its own thread stacks and guard pages.
 *   <li>{@code detect_stack_use_after_return=0}: fake stacks confuse the JVM's stack walking.
 *   <li>{@code suppress_equal_pcs=0}: with {@code halt_on_error=0} ASan by default reports each
 *       faulting instruction once per process, so a second bad walk in the same JVM (another
 *       strategy, another run) would go unreported: every bad walk must raise its reports.
 * </ul>
 * Only the maple tree library is instrumented; the JVM itself just runs on ASan's allocator
 * (slower, and freed memory is quarantined, 256 MB by default).
 *
 * @param libasan the runtime to preload ({@link Toolchain#libasan()})
 * @param asanOptions the {@code ASAN_OPTIONS} value
 */
public record AsanEnvironment(Path libasan, String asanOptions) {

    public static final String JVM_ASAN_OPTIONS = "halt_on_error=0:detect_leaks=0:handle_segv=0:handle_sigbus=0"
            + ":allow_user_segv_handler=1:use_sigaltstack=0:detect_stack_use_after_return=0:suppress_equal_pcs=0";

    /** The environment for the toolchain's libasan with {@link #JVM_ASAN_OPTIONS}. */
    public static AsanEnvironment of(Toolchain toolchain) {
        return new AsanEnvironment(toolchain.libasan(), JVM_ASAN_OPTIONS);
    }

    /**
     * The variables to add to a child process's environment: {@code LD_PRELOAD} (libasan first,
     * then any existing preload), {@code ASAN_OPTIONS} (ours, then the caller's, which win) and
     * {@code UBSAN_OPTIONS}.
     */
    public Map<String, String> variables(Map<String, String> current) {
        Map<String, String> env = new LinkedHashMap<>();
        String preload = current.get("LD_PRELOAD");
        env.put("LD_PRELOAD", preload == null || preload.isBlank() ? libasan.toString() : libasan + ":" + preload);
        String user = current.get("ASAN_OPTIONS");
        env.put("ASAN_OPTIONS", user == null || user.isBlank() ? asanOptions : asanOptions + ":" + user);
        env.putIfAbsent("UBSAN_OPTIONS", current.getOrDefault("UBSAN_OPTIONS", "print_stacktrace=1"));
        return env;
    }
}
