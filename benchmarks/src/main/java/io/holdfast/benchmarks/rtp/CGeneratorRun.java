package io.holdfast.benchmarks.rtp;

import io.holdfast.benchmarks.rtp.RelayProcess.RelayStats;
import io.holdfast.benchmarks.rtp.RelayProcess.SessionPorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One bounded run of the media load driven by the C load generator instead of the harness's Java generator: starts
 * the relay process (as {@link LoadRun} does), starts {@code rtp-loadgen} (one sending socket per stream, one
 * receiving socket per stream or a few shared), opens one relay session per stream (caller = the stream's sending
 * socket, upstream = its receiving socket), tells the generator the relay's caller-facing ports, samples the relay's
 * counters, CPU times and the scheduler's figures when the generator says its window starts and ends, and returns
 * the generator's report as a {@link LoadResult} (the same table as the Java generator's runs; the "harness" columns
 * are the C generator's threads). Without relay ({@code direct}) the streams go straight to the receiving sockets.
 * Everything it starts is stopped before {@link #run()} returns. Runs on the harness's main thread.
 */
final class CGeneratorRun {

    /** Names of the C generator's sending and receiving threads. */
    private static final String[] GENERATOR_THREADS = {"lg-send", "lg-recv"};
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WINDOW_MARGIN = Duration.ofSeconds(30);
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration LIFETIME_MARGIN = Duration.ofMinutes(2);

    private final LoadRun.Plan plan;
    private final String executable;
    private final String generatorCpus;
    private final int sinks;
    private final int batch;
    private final boolean pollReceiver;

    /**
     * @param plan what to run (its generator and receiver thread and socket counts do not apply)
     * @param executable the compiled {@code rtp-loadgen}
     * @param generatorCpus the CPUs the generator runs on ({@code taskset -c} list), or null for any
     * @param sinks receiving sockets shared by the streams, 0 for one per stream
     * @param batch packets of a stream per {@code sendmmsg} flat out
     * @param pollReceiver whether the generator's receiver polls instead of sleeping between datagrams
     */
    CGeneratorRun(LoadRun.Plan plan, String executable, String generatorCpus, int sinks, int batch,
            boolean pollReceiver) {
        this.plan = plan;
        this.executable = executable;
        this.generatorCpus = generatorCpus;
        this.sinks = sinks;
        this.batch = batch;
        this.pollReceiver = pollReceiver;
    }

    /** Runs the plan and returns its result. */
    LoadResult run() {
        final String loadBefore = LoadRun.loadAverage();
        final int streams = plan.streams();
        final long totalNs = plan.warmup().toNanos() + plan.duration().toNanos();
        final List<String> arguments = new ArrayList<>(List.of("--streams=" + streams,
                "--rate=" + (plan.flatOut() ? 0 : plan.ratePps()), "--stream-rate=" + plan.streamRatePps(),
                "--warmup-ms=" + plan.warmup().toMillis(), "--duration-ms=" + plan.duration().toMillis(),
                "--tick-us=" + plan.tick().toNanos() / 1000, "--sinks=" + sinks, "--batch=" + batch,
                "--lifetime-s=" + Duration.ofNanos(totalNs).plus(LIFETIME_MARGIN).toSeconds()));
        if (pollReceiver) {
            arguments.add("--poll-receiver");
        }
        try (RelayProcess relay = plan.direct() ? null : LoadRun.startRelay(plan, totalNs);
                GeneratorProcess generator = GeneratorProcess.start(executable, arguments, generatorCpus)) {
            final GeneratorProcess.StreamPorts[] ports = generator.awaitPorts(streams, SETUP_TIMEOUT);
            final int[] targets = new int[streams];
            if (relay == null) {
                for (int i = 0; i < streams; i++) {
                    targets[i] = ports[i].sinkPort();
                }
            } else {
                for (int i = 0; i < streams; i++) {
                    relay.requestSession(i, ports[i].sendPort(), ports[i].sinkPort());
                }
                relay.flush();
                for (int i = 0; i < streams; i++) {
                    final SessionPorts opened = relay.awaitOpened();
                    targets[(int) opened.id()] = opened.callerPort();
                }
            }
            generator.go(targets);
            generator.await("window-start", plan.warmup().plus(WINDOW_MARGIN));
            final RelayStats before = relay == null ? RelayStats.NONE : relay.stats();
            final SchedStat relaySchedBefore = relay == null ? SchedStat.NONE
                    : SchedStat.of(relay.pid(), LoadRun.RELAY_LOOP_THREADS);
            final SchedStat generatorSchedBefore = SchedStat.of(generator.pid(), GENERATOR_THREADS);
            final long relayDropsBefore = relay == null ? -1 : SocketDrops.of(relay.pid());
            final long generatorDropsBefore = SocketDrops.of(generator.pid());
            final SyscallCounter syscalls = plan.countSyscalls() && relay != null
                    ? SyscallCounter.start(relay.pid(), plan.duration()) : null;
            generator.await("window-end", plan.duration().plus(WINDOW_MARGIN));
            final SchedStat relaySched = relay == null ? SchedStat.NONE
                    : SchedStat.of(relay.pid(), LoadRun.RELAY_LOOP_THREADS).since(relaySchedBefore);
            final SchedStat generatorSched = SchedStat.of(generator.pid(), GENERATOR_THREADS)
                    .since(generatorSchedBefore);
            final RelayStats after = relay == null ? RelayStats.NONE : relay.stats();
            final SyscallCounter.Counts counts = syscalls == null ? SyscallCounter.Counts.NONE : syscalls.finish();
            final String[] report = generator.awaitReport(REPORT_TIMEOUT);
            final Histogram latency = GeneratorSummary.histogram(report[0]);
            final Histogram schedule = GeneratorSummary.histogram(report[1]);
            final GeneratorSummary summary = GeneratorSummary.parse(report[2]);
            System.err.println("C generator: " + report[2]);
            final long relayDrops = relayDropsBefore < 0 ? -1 : SocketDrops.of(relay.pid()) - relayDropsBefore;
            final long generatorDrops = generatorDropsBefore < 0 ? -1
                    : SocketDrops.of(generator.pid()) - generatorDropsBefore;
            return new LoadResult(plan.label() + " (C gen)", plan.flatOut() ? 0 : plan.ratePps(), streams,
                    summary.windowNs(), summary.sent(), summary.received(), summary.reordered(), after.dropped(),
                    after.rtpForwarded() - before.rtpForwarded(), after.loopCpuNs() - before.loopCpuNs(),
                    after.processCpuNs() - before.processCpuNs(), after.gcCount() - before.gcCount(), latency,
                    schedule, summary.maxLagNs(), summary.lateSends(), counts.syscalls(), counts.contextSwitches(),
                    after.fellBehind() < 0 ? -1 : after.fellBehind() - before.fellBehind(), relaySched.waitNs(),
                    generatorSched.waitNs(), generatorSched.cpuNs(),
                    after.jitMs() < 0 || before.jitMs() < 0 ? -1 : after.jitMs() - before.jitMs(), relayDrops,
                    generatorDrops, loadBefore);
        }
    }
}
