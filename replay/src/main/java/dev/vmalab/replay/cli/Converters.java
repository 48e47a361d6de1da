package dev.vmalab.replay.cli;

import dev.vmalab.model.maple.WalkSemantics;
import dev.vmalab.replay.config.Amplification;
import dev.vmalab.replay.config.Pacing;
import dev.vmalab.replay.config.Percent;
import dev.vmalab.replay.config.WalkNames;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option converters whose errors say what is allowed. */
final class Converters {
    private Converters() {}

    static final class Preset implements ITypeConverter<Amplification.Preset> {
        @Override
        public Amplification.Preset convert(String value) {
            try {
                return Amplification.Preset.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a preset; allowed: " + Arrays.stream(
                        Amplification.Preset.values()).map(Amplification.Preset::cliName).collect(Collectors.joining(", ")));
            }
        }
    }

    static final class Walk implements ITypeConverter<WalkSemantics> {
        @Override
        public WalkSemantics convert(String value) {
            try {
                return WalkNames.parse(value, System.err::println);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Pace implements ITypeConverter<Pacing> {
        @Override
        public Pacing convert(String value) {
            try {
                return Pacing.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Share implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double d = Percent.parse(value);
                if (d < 0 || d > 0.9) throw new TypeConversionException("'" + value + "' is not allowed; use 0% to 90%");
                return d;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
