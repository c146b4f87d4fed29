package io.holdfast.relay.cli;

import io.holdfast.relay.config.ConfigException;
import io.holdfast.relay.config.ConfigLoader;
import io.holdfast.relay.config.ConfigProblem;
import io.holdfast.relay.config.HoldfastConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code holdfast check-config FILE}: validates a configuration without starting anything. */
@Command(name = "check-config",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a configuration file the way start-up does, without starting holdfast.",
            "Prints 'OK:' and what holdfast would do, or one line per problem naming the key, the value and the fix."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the configuration is valid",
            "1:the configuration has problems (one line each on standard error)",
            "2:usage error, or the file cannot be read"})
final class CheckConfigCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the YAML configuration, for example /etc/holdfast/holdfast.yaml")
    private Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            HoldfastConfig config = ConfigLoader.load(file);
            out.println("OK: " + config.summary());
            return CommandLine.ExitCode.OK;
        } catch (IOException e) {
            err.println("holdfast check-config: cannot read " + file + ": " + UnreadableFile.reason(e));
            return CommandLine.ExitCode.USAGE;
        } catch (ConfigException e) {
            for (ConfigProblem problem : e.problems()) {
                err.println(problem);
            }
            return CommandLine.ExitCode.SOFTWARE;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
