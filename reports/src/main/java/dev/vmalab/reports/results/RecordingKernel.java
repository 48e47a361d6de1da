package dev.vmalab.reports.results;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which built-in strategy a kernel release runs in lock_vma_under_rcu()'s retry (mm/mmap_lock.c). */
public final class RecordingKernel {
    private RecordingKernel() {}

    private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.\\d+)?(?:-rc(\\d+))?");

    /**
     * {@code mas-set} from 6.18-rc6 (the syzbot fix: mas_set(&mas, address) on retry); 6.18-rc1..rc5 reuse the
     * maple state ({@code no-reset}). Null for an older or unparsable release (before 6.18 the retry that drops
     * RCU did not exist, so no built-in strategy is that kernel).
     */
    public static String strategyOf(String release) {
        if (release == null) return null;
        Matcher m = RELEASE.matcher(release.strip());
        if (!m.find()) return null;
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major < 6 || (major == 6 && minor < 18)) return null;
        if (major == 6 && minor == 18 && m.group(3) != null && Integer.parseInt(m.group(3)) < 6) return "no-reset";
        return "mas-set";
    }
}
