package dev.vmalab.replay.engine;

import dev.vmalab.model.lookup.LookupStrategy;
import dev.vmalab.model.strategy.StrategyRegistry;
import dev.vmalab.model.vma.Mm;
import dev.vmalab.model.vma.Vma;
import dev.vmalab.model.vma.VmaIterator;
import dev.vmalab.model.lookup.VmaLockStats;
import java.util.List;

/**
 * The A/A control: the reference strategy under the name {@code REFERENCE#aa}, running the very
 * same code. Whatever timing difference it shows against the reference is noise (the reports
 * call it the noise floor).
 */
public record AaStrategy(LookupStrategy reference) implements LookupStrategy {
    public static final String SUFFIX = "#aa";

    /** The reference the A/A control repeats: mas-set (the merged fix) when selected, else the first not known-incorrect. */
    public static LookupStrategy referenceOf(List<LookupStrategy> selected) {
        return selected.stream().filter(s -> s.name().equals("mas-set")).findFirst()
                .or(() -> selected.stream().filter(s -> !s.knownIncorrect() && s.usesPerVmaLocks()).findFirst())
                .orElse(selected.getFirst());
    }

    /** A strategy by name, A/A controls included (a forked cell gets only the name). */
    public static LookupStrategy resolve(StrategyRegistry registry, String name) {
        return name.endsWith(SUFFIX) ? new AaStrategy(registry.get(name.substring(0, name.length() - SUFFIX.length())))
                : registry.get(name);
    }

    /** The code a cell runs: the reference itself for an A/A control (no wrapper on the timed path), else {@code s}. */
    public static LookupStrategy code(LookupStrategy s) {
        return s instanceof AaStrategy a ? a.reference() : s;
    }

    @Override
    public String name() {
        return reference.name() + SUFFIX;
    }

    @Override
    public String description() {
        return "A/A control: " + reference.name() + " again under another name";
    }

    @Override
    public Vma lockVmaUnderRcu(Mm mm, long address, VmaLockStats stats) {
        return reference.lockVmaUnderRcu(mm, address, stats);
    }

    @Override
    public Vma lockNextVma(Mm mm, VmaIterator vmi, long fromAddr, VmaLockStats stats) {
        return reference.lockNextVma(mm, vmi, fromAddr, stats);
    }

    @Override
    public boolean usesPerVmaLocks() {
        return reference.usesPerVmaLocks();
    }

    @Override
    public boolean knownIncorrect() {
        return reference.knownIncorrect();
    }
}
