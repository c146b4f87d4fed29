package io.holdfast.benchmarks.failover;

import io.holdfast.benchmarks.sim.AgentVoice;
import io.holdfast.benchmarks.sim.CallerCall;
import io.holdfast.benchmarks.sim.RegionSimulator;
import io.holdfast.relay.config.ConfigLoader;
import io.holdfast.relay.config.FailoverConfig;
import io.holdfast.relay.config.FailoverMode;
import io.holdfast.relay.config.HoldfastConfig;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.events.RouteOutcome;
import io.holdfast.rtp.prompt.PromptCodec;
import io.holdfast.sip.message.SipUri;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The mid-call failover benchmark: for each mode, holdfast on the built-in configuration moved to free loopback ports
 * ({@link FailoverRig}), then one call at a time: the call runs on the primary for {@code --talk-ms}, the primary
 * dies ({@link RegionSimulator#die()}: its sockets close, so holdfast sees ICMP port unreachable or silence), and the
 * failover is read from the caller's recording and holdfast's route-change event ({@link FailoverTrace}); the caller
 * hangs up and the primary is started again on its port. Bounded by {@code --failovers} per mode and
 * {@code --max-seconds} per mode. Standard output gets markdown for {@code benchmarks/RESULTS.md}, standard error the
 * progress. Runs on the main thread.
 */
@Command(name = "failover-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Mid-call failover on loopback: detection, prompt start, re-anchor and caller-heard gap.")
public final class FailoverBenchmark implements Callable<Integer> {
    private static final Duration STEP_WAIT = Duration.ofSeconds(5);
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final String CALLER_USER = "bench-caller";

    @Option(names = "--failovers", description = "Failovers per mode (default: ${DEFAULT-VALUE})")
    private int failovers = 200;

    @Option(names = "--modes", split = ",", description = "Modes, comma-separated (default: cold,warm)")
    private List<String> modes = List.of("cold", "warm");

    @Option(names = "--talk-ms", description = "How long each call runs on the primary before it dies "
            + "(default: ${DEFAULT-VALUE})")
    private int talkMs = 300;

    @Option(names = "--max-seconds", description = "Time bound per mode (default: ${DEFAULT-VALUE})")
    private int maxSeconds = 600;

    @Option(names = "--events-dir", description = "Where each mode's events file goes (default: a new temporary "
            + "directory)")
    private Path eventsDirectory;

    /** Runs the benchmark. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new FailoverBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (failovers < 1 || failovers > 100_000 || talkMs < 100 || talkMs > 60_000 || maxSeconds < 1) {
            System.err.println("--failovers 1..100000, --talk-ms 100..60000, --max-seconds >= 1");
            return CommandLine.ExitCode.USAGE;
        }
        Path directory = eventsDirectory != null ? Files.createDirectories(eventsDirectory)
                : Files.createTempDirectory("holdfast-failover-");
        PrintStream out = System.out;
        int missed = 0;
        for (String name : modes) {
            FailoverMode mode = FailoverMode.valueOf(name.trim().toUpperCase(Locale.ROOT));
            FailoverStats stats = runMode(mode, directory.resolve("events-" + name.trim() + ".jsonl"));
            out.println(stats.markdown());
            out.flush();
            missed += stats.missed();
        }
        System.err.println("events files: " + directory);
        return missed == 0 ? 0 : 1;
    }

    private FailoverStats runMode(FailoverMode mode, Path events) throws IOException, InterruptedException {
        HoldfastConfig base = ConfigLoader.loadDefault();
        FailoverConfig failover = base.failover();
        HoldfastConfig withMode = new HoldfastConfig(base.sip(), base.media(), base.regions(),
                new FailoverConfig(mode, failover.mediaTimeout(), failover.maxAttempts(), failover.budget(),
                        failover.prompt(), failover.escalationPrompt()),
                base.escalation(), base.admin(), base.events(), base.drainTimeout());
        HoldfastConfig config = FailoverRig.onFreePorts(withMode, events);
        FailoverStats stats = new FailoverStats(mode);
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        try (FailoverRig rig = FailoverRig.start(config)) {
            for (int i = 0; i < failovers && System.nanoTime() - deadlineNs < 0; i++) {
                failOverOnce(rig, stats);
                if ((i + 1) % 10 == 0) {
                    System.err.printf("%s: %d/%d failovers, %d missed%n", mode, i + 1, failovers, stats.missed());
                }
            }
        }
        return stats;
    }

    /** One call: on the primary, the primary dies, the failover is read, the call ends, the primary comes back. */
    private void failOverOnce(FailoverRig rig, FailoverStats stats) throws InterruptedException {
        if (rig.primary().isDead()) {
            rig.restartRegion(0);
        }
        rig.clearEvents();
        RegionSimulator primary = rig.primary();
        RegionSimulator secondary = rig.secondary();
        InetSocketAddress holdfast = rig.holdfastSipAddress();
        CallerCall call = rig.caller().call(SipUri.sip("agent", holdfast.getAddress().getHostAddress(),
                holdfast.getPort()), holdfast, CALLER_USER);
        try {
            if (!answered(call)) {
                stats.miss("not answered");
                return;
            }
            AgentVoice oldVoice = rig.voiceOf(primary);
            long talkUntilNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(talkMs);
            await(talkUntilNs, () -> false);
            if (call.received().matching(p -> isFrameOf(oldVoice, p.payload())).isEmpty()) {
                stats.miss("primary not heard");
                return;
            }
            primary.die();
            long diedNs = primary.diedAtNs();
            Optional<RouteChangeEvent> event = rig.nextEvent(e -> e.outcome() != RouteOutcome.ATTEMPT_FAILED,
                    STEP_WAIT);
            AgentVoice newVoice = rig.voiceOf(secondary);
            await(System.nanoTime() + STEP_WAIT.toNanos(), () -> call.state() != CallerCall.State.CONFIRMED
                    || FailoverTrace.of(call.received(), oldVoice, newVoice, diedNs, Optional.empty())
                            .firstNewFrameNs() != FailoverTrace.NEVER);
            FailoverTrace trace = FailoverTrace.of(call.received(), oldVoice, newVoice, diedNs, event);
            if (event.isEmpty()) {
                stats.miss("no event");
            } else if (event.get().outcome() != RouteOutcome.REANCHORED) {
                stats.miss(event.get().outcome().wireName());
            } else if (!trace.isComplete()) {
                stats.miss("reanchored, not heard");
            } else {
                stats.record(trace);
            }
        } finally {
            end(rig, call);
        }
    }

    private static boolean answered(CallerCall call) throws InterruptedException {
        try {
            return call.answerStatus().get(STEP_WAIT.toMillis(), TimeUnit.MILLISECONDS) == 200;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static void end(FailoverRig rig, CallerCall call) throws InterruptedException {
        try {
            call.hangUp().get(STEP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("a BYE got no answer: " + e);
        }
        await(System.nanoTime() + STEP_WAIT.toNanos(), () -> rig.relay().liveCalls() == 0);
    }

    private static boolean isFrameOf(AgentVoice voice, byte[] payload) {
        return voice.isFrameOf(PromptCodec.PCMU, payload) || voice.isFrameOf(PromptCodec.PCMA, payload);
    }

    private static void await(long untilNs, BooleanSupplier condition) {
        long leftNs;
        while (!condition.getAsBoolean() && (leftNs = untilNs - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(leftNs, POLL_NS));
        }
    }
}
