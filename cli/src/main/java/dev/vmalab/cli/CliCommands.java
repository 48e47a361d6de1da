package dev.vmalab.cli;

import java.util.List;

/** Sub-commands that span modules (the demo runs replay, then report). */
final class CliCommands {
    private CliCommands() {}

    static List<Object> all() {
        return List.of(new DemoCommand());
    }
}
