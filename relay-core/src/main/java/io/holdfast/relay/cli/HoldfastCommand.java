package io.holdfast.relay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ServiceLoader;

/**
 * The {@code holdfast} command: lists the sub-commands; each has its own {@code --help}. The built-in commands
 * are listed here; others (such as {@code demo}) come from {@link HoldfastSubcommand} providers on the class
 * path, added before {@code help}.
 */
@Command(name = "holdfast",
        mixinStandardHelpOptions = true,
        versionProvider = HoldfastVersion.class,
        description = "SIP/RTP relay and failover proxy for Voice AI.",
        subcommands = {RunCommand.class, SipCommand.class, CheckConfigCommand.class, ReportCommand.class})
public final class HoldfastCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, with the sub-commands of every {@link HoldfastSubcommand} found; also used by tests. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new HoldfastCommand());
        for (HoldfastSubcommand provider : ServiceLoader.load(HoldfastSubcommand.class)) {
            commandLine.addSubcommand(provider.newCommand());
        }
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: see 'holdfast --help'.");
    }
}
