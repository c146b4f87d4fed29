package io.holdfast.benchmarks.rtp;

import io.holdfast.rtp.relay.MediaTransport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The loopback load harness of the media plane (a main class, not a test): drives N RTP streams through a holdfast
 * relay running in its own JVM ({@link MediaLoadRelay}) and reports, per rate, the achieved packets/s, the loss, the
 * one-way latency percentiles (HdrHistogram) and the relay's CPU time per packet.
 *
 * <p>One stream = one relay session (rtcp-mux, strict latching, a caller-facing and an upstream-facing port of its
 * own), 172-byte G.711 packets at {@code --stream-rate} packets/s (50 by default); {@code rate / stream-rate} streams
 * make the total rate. On the harness's side the streams share a few sockets by default, so that it sends with
 * {@code sendmmsg} and receives with {@code recvmmsg} and can offer several hundred thousand packets/s from one
 * thread; {@code --sender-sockets 0 --sink-sockets 0} gives every stream its own sending and receiving socket, as
 * the C generator did. The relay does the same work either way (one receive from the stream's port, one send
 * from its other port). {@code --no-relay} measures the harness alone, {@code --flat-out} sends without a schedule.
 * Everything binds 127.0.0.1 only; each run is bounded in time (warm-up + duration) and in packets (the generator
 * stops after the planned count), and every process and thread it started is stopped when it returns.
 *
 * <p>{@code --c-generator PATH} replaces the harness's Java generator and receiver by the C load generator
 * ({@code benchmarks/loadgen/rtp-loadgen.c}, built by {@code run-media-load-c.sh}; one socket per stream on each side,
 * as the reference measurements), driven from {@link CGeneratorRun}; the table is the same.
 *
 * <p>Why a separate relay process: its CPU time is then its own (the harness's generator and receiver threads,
 * their garbage and their JIT compilations are not in it), measured both for its event-loop threads (ThreadMXBean)
 * and for the whole process (GC and JIT included). The harness and the relay still share the machine's cores: on a
 * 2-core machine the generator and receiver compete with the relay, so the figures are a lower bound of what the
 * relay does alone.
 *
 * <p>Standard output gets a markdown table (one row per rate, the median over {@code --runs}); standard error gets
 * every run's summary. {@code --search} looks for the highest lossless rate instead. An option given twice takes its
 * last value (the run script appends the caller's options after its own). Runs on the main thread.
 */
@Command(name = "media-load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Loopback load harness for the holdfast media relay.")
public final class MediaLoadHarness implements Callable<Integer> {

    /** Logging configuration of the relay process: warnings only, on standard error. */
    static final String LOG_CONFIG = "io/holdfast/benchmarks/rtp/media-load-logback.xml";

    /** Sessions the relay's default port range (10000-32767, two ports each) holds. */
    private static final int MAX_STREAMS = 11_000;
    private static final int MAX_RATE = 1_000_000;
    private static final double SEARCH_GROWTH = 1.5;
    private static final int SEARCH_ROUNDING = 5000;

    @Option(names = "--rates", split = ",", description = "Total packets/s to run, comma-separated "
            + "(default: ${DEFAULT-VALUE})")
    private List<Integer> rates = List.of(10_000, 50_000, 100_000);

    @Option(names = "--runs", description = "Runs per rate; the table shows medians (default: ${DEFAULT-VALUE})")
    private int runs = 1;

    @Option(names = "--stream-rate", description = "Packets/s per stream (default: ${DEFAULT-VALUE})")
    private int streamRate = 50;

    @Option(names = "--warmup-s", description = "Seconds of load before measuring (default: ${DEFAULT-VALUE})")
    private int warmupSeconds = 5;

    @Option(names = "--duration-s", description = "Seconds measured (default: ${DEFAULT-VALUE})")
    private int durationSeconds = 10;

    @Option(names = "--transport", description = "EPOLL or NIO, relay and harness "
            + "(default: ${DEFAULT-VALUE})")
    private MediaTransport transport = MediaTransport.EPOLL;

    @Option(names = "--relay-loops", description = "Relay event loops (default: ${DEFAULT-VALUE})")
    private int relayLoops = 1;

    @Option(names = "--generator-threads", description = "Sending event loops (default: ${DEFAULT-VALUE})")
    private int generatorThreads = 1;

    @Option(names = "--receiver-threads", description = "Receiving event loops (default: ${DEFAULT-VALUE})")
    private int receiverThreads = 1;

    @Option(names = "--tick-us", description = "Generator tick in µs: packets due are sent on each tick "
            + "(default: ${DEFAULT-VALUE})")
    private int tickMicros = 100;

    @Option(names = "--relay-jvm-opt", description = "Option for the relay JVM, repeatable "
            + "(default: -Xms512m -Xmx512m -Dio.netty.leakDetection.level=disabled, as bin/holdfast runs it)")
    private List<String> relayJvmOptions = new ArrayList<>();

    @Option(names = "--relay-opt", description = "Argument for MediaLoadRelay, repeatable")
    private List<String> relayOptions = new ArrayList<>();

    @Option(names = "--relay-classpath", description = "Class path of the relay process (default: the harness's "
            + "own), e.g. another build's benchmarks.jar to compare two relays under the same harness")
    private String relayClassPath;

    @Option(names = "--count-syscalls", description = "Count the relay's syscalls and context switches in the "
            + "window with perf stat (Linux, root or perf_event_paranoid <= 1)")
    private boolean countSyscalls;

    @Option(names = "--sender-sockets", description = "Sending sockets per generator thread, shared by its streams "
            + "(packets due together leave in one sendmmsg); 0 = one socket per stream (default: ${DEFAULT-VALUE})")
    private int senderSockets = 1;

    @Option(names = "--sink-sockets", description = "Receiving sockets per receiver thread, shared by the streams "
            + "(read with recvmmsg); 0 = one socket per stream (default: ${DEFAULT-VALUE})")
    private int sinkSockets = 4;

    @Option(names = "--no-relay", description = "Send straight to the receiving sockets: the harness's own latency "
            + "floor and capacity, to subtract from the relay's figures")
    private boolean direct;

    @Option(names = "--flat-out", description = "Send as fast as the generator can instead of at --rates (each rate "
            + "only sets the number of streams, rate / --stream-rate); the table's achieved pps is the throughput")
    private boolean flatOut;

    @Option(names = "--relay-cpus", description = "CPUs the relay process runs on (taskset -c list, e.g. 0), to "
            + "pin it apart from the harness (run the harness itself under taskset -c for the other CPUs)")
    private String relayCpus;

    @Option(names = "--c-generator", description = "Path of the compiled C load generator (benchmarks/loadgen/"
            + "rtp-loadgen.c, built by run-media-load-c.sh): it sends and receives instead of the harness's Java "
            + "generator and receiver (one socket per stream); --generator-threads, --receiver-threads, "
            + "--sender-sockets and --sink-sockets then do not apply")
    private String cGenerator;

    @Option(names = "--c-sinks", description = "With --c-generator: receiving sockets shared by the streams, 0 = one "
            + "per stream (default: ${DEFAULT-VALUE})")
    private int cSinks;

    @Option(names = "--c-batch", description = "With --c-generator and --flat-out: packets of a stream per sendmmsg "
            + "(default: ${DEFAULT-VALUE})")
    private int cBatch = 1;

    @Option(names = "--c-poll-receiver", description = "With --c-generator: its receiver polls instead of sleeping, "
            + "so the relay's sends do not pay for waking it up (as on a real network, where the receiver is elsewhere)")
    private boolean cPollReceiver;

    @Option(names = "--generator-cpus", description = "With --c-generator: CPUs the generator runs on (taskset -c "
            + "list, e.g. 1)")
    private String generatorCpus;

    @Option(names = "--search", description = "Find the highest lossless rate instead of running --rates")
    private boolean search;

    @Option(names = "--search-from", description = "First rate of the search (default: ${DEFAULT-VALUE})")
    private int searchFrom = 100_000;

    @Option(names = "--search-max", description = "Highest rate the search tries (default: ${DEFAULT-VALUE})")
    private int searchMax = 300_000;

    @Option(names = "--search-steps", description = "Bisection steps after the first lossy rate "
            + "(default: ${DEFAULT-VALUE})")
    private int searchSteps = 3;

    /** Runs the harness. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new MediaLoadHarness()).setOverwrittenOptionsAllowed(true).execute(args));
    }

    @Override
    public Integer call() {
        final PrintStream out = System.out;
        validate();
        out.println(LoadResult.MARKDOWN_HEADER);
        if (search) {
            search(out);
        } else {
            for (int rate : rates) {
                final List<LoadResult> results = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    results.add(runOnce(rate, Duration.ofSeconds(durationSeconds)));
                }
                out.println(LoadResult.medianRow(results));
                out.flush();
            }
        }
        return 0;
    }

    private void validate() {
        final List<Integer> all = new ArrayList<>(rates);
        all.add(searchMax);
        for (int rate : all) {
            if (rate <= 0 || rate > MAX_RATE) {
                throw new CommandLine.ParameterException(new CommandLine(this), "rate " + rate
                        + " is out of range: give 1.." + MAX_RATE);
            }
            if (rate / streamRate > MAX_STREAMS) {
                throw new CommandLine.ParameterException(new CommandLine(this), "rate " + rate + " at "
                        + streamRate + " packets/s per stream needs " + rate / streamRate + " streams, more than "
                        + MAX_STREAMS + " (the relay's port range): raise --stream-rate");
            }
        }
        if (senderSockets < 0 || sinkSockets < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--sender-sockets and --sink-sockets must be 0 (one per stream) or more");
        }
        if (cSinks < 0 || cBatch < 1 || cBatch > 64) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--c-sinks must be 0 (one per stream) or more, --c-batch within 1..64");
        }
        if (search && (flatOut || direct)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--search looks for the relay's lossless rate: not with --flat-out or --no-relay");
        }
        if (warmupSeconds < 0 || durationSeconds <= 0 || durationSeconds > 600 || warmupSeconds > 600) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--warmup-s and --duration-s must be within 0..600 (duration at least 1)");
        }
    }

    /**
     * Grows the rate by half until a run does not carry it ({@link LoadResult#sustained()}: a loss, or less than 95 %
     * of the offered rate arrived because the machine could not even generate it), or the maximum is reached, then
     * bisects between the last carried and the first failed rate. One run per step, each printed as a row.
     */
    private void search(PrintStream out) {
        final Duration duration = Duration.ofSeconds(durationSeconds);
        int lossless = 0;
        int lossy = 0;
        for (int rate = searchFrom; lossy == 0 && rate <= searchMax; ) {
            final LoadResult result = runOnce(rate, duration);
            out.println(result.markdownRow());
            out.flush();
            if (result.sustained()) {
                lossless = rate;
                final int next = round((int) Math.min(searchMax, rate * SEARCH_GROWTH));
                rate = next == rate ? searchMax + 1 : next;
            } else {
                lossy = rate;
            }
        }
        for (int step = 0; step < searchSteps && lossy != 0 && lossy - lossless > SEARCH_ROUNDING; step++) {
            final int rate = round((lossless + lossy) / 2);
            if (rate <= lossless || rate >= lossy) {
                break;
            }
            final LoadResult result = runOnce(rate, duration);
            out.println(result.markdownRow());
            out.flush();
            if (result.sustained()) {
                lossless = rate;
            } else {
                lossy = rate;
            }
        }
        out.println();
        out.println("Highest lossless rate found: " + lossless + " packets/s"
                + (lossy == 0 ? " (carried every rate up to --search-max)" : " (first rate not carried: " + lossy
                + " packets/s: a loss, or under " + Math.round(LoadResult.SUSTAINED_SHARE * 100)
                + " % of it arrived)"));
    }

    private static int round(int rate) {
        return Math.max(SEARCH_ROUNDING, rate / SEARCH_ROUNDING * SEARCH_ROUNDING);
    }

    private LoadResult runOnce(int rate, Duration duration) {
        final List<String> jvm = new ArrayList<>();
        if (relayJvmOptions.isEmpty()) {
            jvm.add("-Xms512m");
            jvm.add("-Xmx512m");
            jvm.add("-Dio.netty.leakDetection.level=disabled");
        } else {
            jvm.addAll(relayJvmOptions);
        }
        jvm.add("-Dlogback.configurationFile=" + LOG_CONFIG);
        final LoadRun.Plan plan = new LoadRun.Plan(rate, streamRate, Duration.ofSeconds(warmupSeconds), duration,
                transport, relayLoops, generatorThreads, receiverThreads, Duration.ofNanos(tickMicros * 1000L), jvm,
                relayClassPath, relayOptions, countSyscalls, senderSockets, sinkSockets, direct, flatOut, relayCpus);
        final LoadResult result = cGenerator == null ? new LoadRun(plan).run()
                : new CGeneratorRun(plan, cGenerator, generatorCpus, cSinks, cBatch, cPollReceiver).run();
        System.err.println(result.summary());
        return result;
    }
}
