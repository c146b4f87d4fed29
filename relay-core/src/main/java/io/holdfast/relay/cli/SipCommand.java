package io.holdfast.relay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code holdfast sip}: SIP tools for operators. */
@Command(name = "sip",
        mixinStandardHelpOptions = true,
        description = "SIP tools: check what holdfast's edge makes of a captured message.",
        subcommands = {SipCheckCommand.class})
final class SipCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: see 'holdfast sip --help'.");
    }
}
