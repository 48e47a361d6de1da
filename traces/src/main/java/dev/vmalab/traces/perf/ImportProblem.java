package dev.vmalab.traces.perf;

import dev.vmalab.traces.format.EventChecks;

/** The kinds of bad input the importer recognises; each stops a strict import and is counted by a lenient one. */
public enum ImportProblem {
    MALFORMED_LINE("malformed line"),
    UNKNOWN_EVENT("unknown event"),
    EXIT_WITHOUT_ENTER("syscall exit without enter"),
    ENTER_WITHOUT_EXIT("syscall enter without exit"),
    FAULT_BEFORE_ANY_MAPPING("fault before any mapping"),
    NEGATIVE_LENGTH("negative length"),
    TRUNCATED_INPUT("truncated or corrupt input"),
    // The impossible events: the rules and labels are EventChecks' (the CSV reader applies the same ones).
    TIME_BACKWARDS(EventChecks.Rule.TIME_BACKWARDS),
    ZERO_LENGTH_MMAP(EventChecks.Rule.ZERO_LENGTH_MMAP),
    MUNMAP_OVERFLOW(EventChecks.Rule.MUNMAP_OVERFLOW);

    private final String label;

    ImportProblem(String label) {
        this.label = label;
    }

    ImportProblem(EventChecks.Rule rule) {
        this(rule.label());
    }

    /** The problem that stands for an impossible event of {@link EventChecks}. */
    static ImportProblem of(EventChecks.Rule rule) {
        return valueOf(rule.name());
    }

    public String label() {
        return label;
    }
}
