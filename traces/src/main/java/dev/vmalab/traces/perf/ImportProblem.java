package dev.vmalab.traces.perf;

/** The kinds of bad input the importer recognises; each stops a strict import and is counted by a lenient one. */
public enum ImportProblem {
    MALFORMED_LINE("malformed line"),
    UNKNOWN_EVENT("unknown event"),
    EXIT_WITHOUT_ENTER("syscall exit without enter"),
    ENTER_WITHOUT_EXIT("syscall enter without exit"),
    FAULT_BEFORE_ANY_MAPPING("fault before any mapping"),
    NEGATIVE_LENGTH("negative length"),
    TRUNCATED_INPUT("truncated or corrupt input");

    private final String label;

    ImportProblem(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
