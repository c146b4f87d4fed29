package io.holdfast.relay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code holdfast} command: lists the sub-commands; each has its own {@code --help}. */
@Command(name = "holdfast",
        mixinStandardHelpOptions = true,
        versionProvider = HoldfastVersion.class,
        description = "SIP/RTP relay and failover proxy for Voice AI.",
        subcommands = {RunCommand.class, SipCommand.class, CheckConfigCommand.class, ReportCommand.class,
            CommandLine.HelpCommand.class})
public final class HoldfastCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new HoldfastCommand());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: see 'holdfast --help'.");
    }
}
