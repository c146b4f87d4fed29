package io.holdfast.relay.cli;

import io.holdfast.relay.call.HoldfastRelay;
import io.holdfast.relay.config.ConfigException;
import io.holdfast.relay.config.ConfigLoader;
import io.holdfast.relay.config.ConfigProblem;
import io.holdfast.relay.config.HoldfastConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code holdfast run --config FILE}: runs the relay in the foreground, logging to standard output, until
 * SIGTERM or SIGINT; then drains (new INVITEs get 503 with Retry-After, calls in progress finish or are
 * ended after {@code drain-timeout}) and exits 0. The signal starts the JVM's shutdown: a shutdown hook
 * wakes the main thread, waits while it drains, and ends the process with status 0 (the JVM would report
 * 128 + the signal otherwise), so that systemd sees a clean stop.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs holdfast in the foreground with a configuration file, logging to standard output.",
            "SIGTERM or SIGINT drains: new calls get 503 with Retry-After, calls in progress finish or are ended",
            "after drain-timeout, then holdfast exits."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by SIGTERM or SIGINT after draining",
            "1:the configuration has problems (one line each on standard error), or holdfast could not start",
            "2:usage error"})
final class RunCommand implements Callable<Integer> {
    private static final int EXIT_CLEAN = 0;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "the YAML configuration, for example /etc/holdfast/holdfast.yaml")
    private Path file;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            HoldfastConfig config;
            try {
                config = ConfigLoader.load(file);
            } catch (IOException e) {
                err.println("holdfast run: cannot read " + file + ": " + UnreadableFile.reason(e));
                return CommandLine.ExitCode.SOFTWARE;
            }
            RelayRunner runner = RelayRunner.start(config, HoldfastRelay.builder(config));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnSignal(runner), "holdfast-shutdown"));
            runner.runUntilStopped();
            return EXIT_CLEAN;
        } catch (ConfigException e) {
            for (ConfigProblem problem : e.problems()) {
                err.println(problem);
            }
            return CommandLine.ExitCode.SOFTWARE;
        } catch (UnknownHostException e) {
            err.println("holdfast run: a region's host does not resolve: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        } catch (IOException e) {
            err.println("holdfast run: cannot open the events file: " + UnreadableFile.reason(e));
            return CommandLine.ExitCode.SOFTWARE;
        } catch (IllegalStateException | IllegalArgumentException e) {
            err.println("holdfast run: cannot start: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        } finally {
            err.flush();
        }
    }

    /** In the shutdown hook: lets the main thread drain and stop, then ends the process with status 0. */
    private static void stopOnSignal(RelayRunner runner) {
        runner.requestStop();
        try {
            runner.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_CLEAN);
    }
}
