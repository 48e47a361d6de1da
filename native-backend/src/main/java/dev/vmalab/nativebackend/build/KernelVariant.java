package dev.vmalab.nativebackend.build;

import java.util.Locale;

/**
 * Which {@code mas_walk()} the library is built with: the kernel source as shipped, or with
 * the June 2025 upstream change of the status test at the top of {@code mas_walk()}
 * (lib/maple_tree.c) applied at build time.
 *
 * <p>Until that change the test read {@code if (!mas_is_active(mas) || !mas_is_start(mas))}: a
 * state is never both active and start, so the test was always true and every walk restarted
 * from the root (Debian's 6.12 source). Upstream changed {@code ||} to {@code &&}: an active state
 * now resumes at its cached node ({@code mtree_range_walk} from {@code mas->node}), which is what
 * makes the 6.18 {@code lock_vma_under_rcu()} retry without {@code mas_set()} a use-after-free.
 *
 * <p>The edit is the one-token change {@code ||} to {@code &&} on the first such line inside
 * {@code void *mas_walk(struct ma_state *mas)}, as if by
 * {@code sed '/^void \*mas_walk(struct ma_state \*mas)$/,/^}/ s/!mas_is_active(mas) || !mas_is_start(mas)/!mas_is_active(mas) \&\& !mas_is_start(mas)/'};
 * the build refuses a source where the line is not found exactly once in that function (a newer
 * kernel that already has the change is reported, not edited twice).
 *
 * <p>The variant names the library's lib/maple_tree.c only: the lookup code that calls it is the
 * model's 6.18 either way, so under the lab {@code as-shipped} on a 6.12 source is replay's
 * {@code --walk-semantics 6.18-restart-walk} (6.18's lookup on the pre-June-2025 mas_walk()), not 6.12.
 */
public enum KernelVariant {
    /** The source as extracted: on 6.12 every {@code mas_walk()} restarts from the root. */
    AS_SHIPPED,
    /** {@code mas_walk()} resumes an active state at its cached node (upstream since June 2025). */
    RESUME_ACTIVE;

    static final String FUNCTION = "void *mas_walk(struct ma_state *mas)\n{";
    static final String OLD_TEST = "if (!mas_is_active(mas) || !mas_is_start(mas))";
    static final String NEW_TEST = "if (!mas_is_active(mas) && !mas_is_start(mas))";

    /** The name used on the command line, in file names and in {@code vml_build_info()}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static KernelVariant fromId(String id) {
        for (KernelVariant v : values()) {
            if (v.id().equals(id) || v.name().equalsIgnoreCase(id)) return v;
        }
        throw new IllegalArgumentException("unknown kernel variant '" + id + "' (as-shipped, resume-active)");
    }

    /**
     * The text of lib/maple_tree.c for this variant.
     *
     * @throws NativeBuildException when the source does not have the expected {@code mas_walk()}
     */
    public String apply(String mapleTreeC) {
        String src = mapleTreeC.replace("\r\n", "\n");
        int fn = src.indexOf(FUNCTION);
        if (fn < 0) throw new NativeBuildException("lib/maple_tree.c: no 'void *mas_walk(struct ma_state *mas)' definition found");
        int end = src.indexOf("\n}\n", fn);
        if (end < 0) throw new NativeBuildException("lib/maple_tree.c: end of mas_walk() not found");
        String body = src.substring(fn, end);
        int at = body.indexOf(OLD_TEST);
        if (this == AS_SHIPPED) {
            if (at < 0 && body.contains(NEW_TEST)) {
                throw new NativeBuildException("lib/maple_tree.c: mas_walk() already has the resume-active status test ('&&');"
                        + " this kernel has no as-shipped ('||') variant to build");
            }
            return mapleTreeC;
        }
        if (at < 0) {
            throw new NativeBuildException(body.contains(NEW_TEST)
                    ? "lib/maple_tree.c: mas_walk() already has the resume-active status test ('&&'); build as-shipped instead"
                    : "lib/maple_tree.c: mas_walk() has no '" + OLD_TEST + "' line to edit");
        }
        if (body.indexOf(OLD_TEST, at + 1) >= 0) {
            throw new NativeBuildException("lib/maple_tree.c: mas_walk() has the status test more than once; refusing to guess");
        }
        int abs = fn + at;
        return src.substring(0, abs) + NEW_TEST + src.substring(abs + OLD_TEST.length());
    }
}
