package dev.vmalab.nativebackend.cli;

import java.util.List;

/** The picocli sub-commands this module adds to {@code ./vmalab}; {@code dev.vmalab.cli.Main} registers them. */
public final class NativeCommands {
    private NativeCommands() {}

    /** New instances of this module's sub-commands, in the order {@code --help} lists them. */
    public static List<Object> all() {
        return List.of(new NativeCommand(), new CalibrateCommand());
    }
}
