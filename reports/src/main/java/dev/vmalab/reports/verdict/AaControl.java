package dev.vmalab.reports.verdict;

/**
 * The A/A control: replay runs the reference strategy a second time under the name
 * {@code REFERENCE#aa}. Same code, same events: whatever timing difference it shows is the
 * noise floor of this folder, and no strategy is called cheaper by less.
 */
public final class AaControl {
    public static final String SUFFIX = "#aa";

    private AaControl() {}

    public static boolean isControl(String strategy) {
        return strategy.endsWith(SUFFIX);
    }

    public static String of(String reference) {
        return reference + SUFFIX;
    }
}
