package io.holdfast.benchmarks.demo;

import io.holdfast.benchmarks.failover.FailoverRig;
import io.holdfast.relay.config.ConfigException;
import io.holdfast.relay.config.ConfigLoader;
import io.holdfast.relay.config.ConfigProblem;
import io.holdfast.relay.config.EventsConfig;
import io.holdfast.relay.config.FailoverConfig;
import io.holdfast.relay.config.FailoverMode;
import io.holdfast.relay.config.HoldfastConfig;
import io.holdfast.relay.config.RegionConfig;
import io.holdfast.relay.events.IncidentReport;
import io.holdfast.sip.message.SipUri;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code holdfast demo}: holdfast on the built-in default configuration (two regions on loopback), a simulated region
 * at each region's URI, a simulated human agent at the escalation URI and a simulated caller. One call; the primary
 * reports a resume context by INFO; the primary is killed mid-call; the demo prints what the caller lives through as
 * it happens ({@link DemoCall}), then the incident report of the run's events file. Exit 0 when the call moved to
 * the second region, 1 when it did not (or the demo could not start), 2 for usage errors.
 *
 * <p>Ports: by default the demo uses the built-in configuration's own ports (SIP 5060, regions 5080 and 5090,
 * escalation 5100), so what it prints is what the README's configuration does; when one is taken it stops with a
 * message naming the port and its key, and {@code --free-ports} moves everything to free ports instead. Silently
 * moving would print addresses the reader cannot match with the configuration.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Shows a mid-call failover on the built-in configuration (about 10 s).",
            "Runs holdfast, two simulated regions (east, west), a simulated human agent",
            "and a simulated caller, all on 127.0.0.1. East answers the call and reports",
            "its resume context, then east is killed. The demo prints what the caller",
            "hears as it happens (hold prompt, gap, the call re-anchored on west, the",
            "context west received), then the incident report of the run's events."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the call failed over to the second region",
            "1:the failover did not happen, or the demo could not start (a port in use, for example)",
            "2:usage error"})
final class DemoCommand implements Callable<Integer> {
    static final int EXIT_FAILOVER_MISSED = 1;
    private static final long MIN_KILL_AFTER_MS = 1_000;
    private static final long MAX_KILL_AFTER_MS = 60_000;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--free-ports",
            description = "run holdfast, the regions and the agent on free ports instead of the configuration's")
    private boolean freePorts;

    @Option(names = "--mode", paramLabel = "cold|warm",
            description = "the failover mode (default: the configuration's; cold in the built-in one)")
    private String mode;

    @Option(names = "--kill-after-ms", paramLabel = "MS", defaultValue = "3000",
            description = "how long the call runs on the primary before it is killed (default ${DEFAULT-VALUE})")
    private long killAfterMs;

    @Option(names = "--events", paramLabel = "FILE",
            description = "where the run's route-change events go; a new file (default: a new temporary directory)")
    private Path eventsFile;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (killAfterMs < MIN_KILL_AFTER_MS || killAfterMs > MAX_KILL_AFTER_MS) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--kill-after-ms must be from "
                        + MIN_KILL_AFTER_MS + " to " + MAX_KILL_AFTER_MS + ", was " + killAfterMs);
            }
            HoldfastConfig config = configuration(err);
            if (config == null) {
                return EXIT_FAILOVER_MISSED;
            }
            boolean failedOver;
            try (FailoverRig rig = FailoverRig.start(config)) {
                failedOver = new DemoCall(rig, out, Duration.ofMillis(killAfterMs)).run();
            } catch (IllegalStateException e) {
                err.println("holdfast demo: cannot start: " + e.getMessage());
                return EXIT_FAILOVER_MISSED;
            }
            out.println();
            out.print(IncidentReport.read(config.events().file()).render());
            out.println();
            out.println(failedOver
                    ? "holdfast demo: the call failed over from " + config.regions().get(0).name() + " to "
                            + config.regions().get(1).name() + " (exit 0)."
                    : "holdfast demo: the failover did not happen (exit " + EXIT_FAILOVER_MISSED + ").");
            return failedOver ? CommandLine.ExitCode.OK : EXIT_FAILOVER_MISSED;
        } catch (IOException e) {
            err.println("holdfast demo: " + e.getMessage());
            return EXIT_FAILOVER_MISSED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The built-in default with the demo's events file, mode and ports; null after printing why it cannot run. */
    private HoldfastConfig configuration(PrintWriter err) throws IOException {
        HoldfastConfig config;
        try {
            config = ConfigLoader.loadDefault();
        } catch (ConfigException e) {
            for (ConfigProblem problem : e.problems()) {
                err.println(problem);
            }
            return null;
        }
        Path events = eventsFile;
        if (events == null) {
            events = Files.createTempDirectory("holdfast-demo-").resolve("events.jsonl");
        } else if (Files.exists(events)) {
            err.println("holdfast demo: " + events + " exists; the report is of this run only, so give a new file");
            return null;
        }
        FailoverConfig failover = config.failover();
        if (mode != null) {
            FailoverMode chosen = parseMode(mode);
            failover = new FailoverConfig(chosen, failover.mediaTimeout(), failover.maxAttempts(), failover.budget(),
                    failover.prompt(), failover.escalationPrompt());
        }
        config = new HoldfastConfig(config.sip(), config.media(), config.regions(), failover, config.escalation(),
                config.admin(), new EventsConfig(events, config.events().queueCapacity()), config.drainTimeout());
        if (config.regions().size() < 2) {
            err.println("holdfast demo: the configuration has " + config.regions().size()
                    + " region; a failover needs two");
            return null;
        }
        if (freePorts) {
            return FailoverRig.onFreePorts(config, events);
        }
        List<String> taken = takenPorts(config);
        if (!taken.isEmpty()) {
            for (String problem : taken) {
                err.println("holdfast demo: " + problem);
            }
            err.println("holdfast demo: stop what holds them, or run 'holdfast demo --free-ports' to use free ports");
            return null;
        }
        return config;
    }

    private FailoverMode parseMode(String text) {
        for (FailoverMode candidate : FailoverMode.values()) {
            if (candidate.name().equalsIgnoreCase(text)) {
                return candidate;
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "--mode is cold or warm, was " + text);
    }

    /** The configuration's SIP ports that something else holds, each with the key that names it. */
    private static List<String> takenPorts(HoldfastConfig config) {
        List<String> taken = new ArrayList<>();
        checkPort(config.sip().listen(), "sip.listen", taken);
        for (RegionConfig region : config.regions()) {
            checkPort(address(region.uri()), "region " + region.name() + " (" + region.uri() + ")", taken);
        }
        config.escalation().ifPresent(e -> checkPort(address(e.uri()), "escalation.uri (" + e.uri() + ")", taken));
        return taken;
    }

    private static InetSocketAddress address(SipUri uri) {
        return new InetSocketAddress(uri.host(), uri.port() == SipUri.NO_PORT ? 5060 : uri.port());
    }

    private static void checkPort(InetSocketAddress address, String key, List<String> taken) {
        InetAddress host = address.getAddress();
        String where = (host == null ? address.getHostString() : host.getHostAddress()) + ":" + address.getPort();
        try (DatagramSocket udp = new DatagramSocket(null); ServerSocket tcp = new ServerSocket()) {
            udp.bind(address);
            tcp.setReuseAddress(true);
            tcp.bind(address);
        } catch (IOException e) {
            taken.add(where + " (" + key + ") is in use: " + e.getMessage());
        }
    }
}
