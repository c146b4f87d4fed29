package io.holdfast.relay.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A command added through {@link HoldfastSubcommand}, listed in this module's test resources. */
public final class ProvidedTestCommand implements HoldfastSubcommand {
    /** What the command exits with, so a test can tell it ran. */
    static final int EXIT_CODE = 42;

    @Override
    public Object newCommand() {
        return new Provided();
    }

    @Command(name = "provided-test", mixinStandardHelpOptions = true,
            description = "A command from a HoldfastSubcommand provider (tests only).")
    static final class Provided implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print("provided command ran");
            spec.commandLine().getOut().flush();
            return EXIT_CODE;
        }
    }
}
