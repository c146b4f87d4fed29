package io.holdfast.benchmarks.rtp;

import io.holdfast.rtp.relay.LatchPolicy;
import io.holdfast.rtp.relay.MediaConfig;
import io.holdfast.rtp.relay.MediaLoop;
import io.holdfast.rtp.relay.MediaSession;
import io.holdfast.rtp.relay.MediaSessionSpec;
import io.holdfast.rtp.relay.MediaSide;
import io.holdfast.rtp.relay.MediaTransport;
import io.holdfast.rtp.stats.MediaCounter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.SystemNanoClock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The relay side of {@link MediaLoadHarness}, run in its own JVM so that its CPU time is its own: {@link MediaLoop}s
 * on a native event-loop group, sessions opened on request, and the CPU time of its event-loop threads and of the
 * whole process reported on request.
 *
 * <p>It speaks a line protocol with the harness: commands on standard input, answers on standard output, each answer
 * prefixed with {@value #PREFIX} (anything else on standard output, e.g. a log line, is not an answer):
 * <pre>
 *   open ID CALLER_PORT UPSTREAM_PORT  →  @relay opened ID RELAY_CALLER_PORT RELAY_UPSTREAM_PORT | @relay failed ID why
 *   stats                              →  @relay stats LOOP_CPU_NS PROCESS_CPU_NS RTP_RECEIVED RTP_FORWARDED DROPPED
 *                                          GC_COUNT GC_MS FELL_BEHIND JIT_MS
 *   quit                               →  exits
 * </pre>
 * Peers are on 127.0.0.1, signalled, latched strictly (connected channels from the start), with rtcp-mux. It exits on
 * {@code quit}, when standard input closes (the harness died), or after {@code --max-lifetime}, whichever comes
 * first. Threads: the main thread reads commands and drains the sample rings; sessions live on their loops.
 */
@Command(name = "media-load-relay", mixinStandardHelpOptions = true,
        description = "Relay process of the media load harness (started by MediaLoadHarness).")
public final class MediaLoadRelay implements Runnable {

    /** Prefix of every answer line. */
    static final String PREFIX = "@relay";

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int SAMPLE_DRAIN_LIMIT = 4096;

    @Option(names = "--transport", description = "EPOLL or NIO (default: ${DEFAULT-VALUE})")
    private MediaTransport transport = MediaTransport.EPOLL;

    @Option(names = "--loops", description = "Relay event loops (default: ${DEFAULT-VALUE})")
    private int loopCount = 1;

    @Option(names = "--port-range", description = "Relay media ports FIRST-LAST, outside the ephemeral range "
            + "(default: ${DEFAULT-VALUE})")
    private String portRange = "20000-31999";

    @Option(names = "--max-lifetime", description = "Exit after this long whatever happens (default: ${DEFAULT-VALUE})")
    private Duration maxLifetime = Duration.ofMinutes(10);

    private final List<Thread> loopThreads = new CopyOnWriteArrayList<>();

    /** Runs the relay process. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new MediaLoadRelay()).execute(args));
    }

    @Override
    public void run() {
        final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("relay-watchdog", true));
        watchdog.schedule(() -> {
            System.err.println("media-load-relay: max lifetime " + maxLifetime + " reached, exiting");
            Runtime.getRuntime().halt(2);
        }, maxLifetime.toMillis(), TimeUnit.MILLISECONDS);

        final String[] range = portRange.split("-", 2);
        final MediaConfig config = new MediaConfig(LOOPBACK, Integer.parseInt(range[0]), Integer.parseInt(range[1]),
                true, Duration.ZERO, LatchPolicy.STRICT_SIGNALLED, LatchPolicy.STRICT_SIGNALLED, Duration.ZERO,
                Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(1), 65536);
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(loopCount,
                new DefaultThreadFactory("relay-loop", true) {
                    @Override
                    protected Thread newThread(Runnable r, String name) {
                        final Thread thread = super.newThread(r, name);
                        loopThreads.add(thread);
                        return thread;
                    }
                }, transport.ioHandlerFactory());
        final MediaLoop[] loops = new MediaLoop[loopCount];
        for (int i = 0; i < loopCount; i++) {
            loops[i] = new MediaLoop(group.next(), transport, config, i, loopCount,
                    SystemNanoClock.INSTANCE, (session, side, fault, nowNs) -> { });
            loops[i].start();
        }
        final PrintStream out = System.out;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            out.println(PREFIX + " ready " + ProcessHandle.current().pid());
            out.flush();
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                final String[] words = line.trim().split(" ");
                switch (words[0]) {
                    case "open" -> open(loops, Long.parseLong(words[1]), Integer.parseInt(words[2]),
                            Integer.parseInt(words[3]), out);
                    case "stats" -> stats(loops, out);
                    default -> out.println(PREFIX + " error unknown command: " + line);
                }
                out.flush();
                for (MediaLoop loop : loops) {
                    loop.samples().drain((streamId, tag, kind, value, timeNs) -> { }, SAMPLE_DRAIN_LIMIT);
                }
            }
        } catch (IOException e) {
            System.err.println("media-load-relay: reading commands failed: " + e);
        } finally {
            for (MediaLoop loop : loops) {
                loop.eventLoop().submit(loop::close).awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            watchdog.shutdownNow();
        }
    }

    private static void open(MediaLoop[] loops, long id, int callerPort, int upstreamPort, PrintStream out) {
        final MediaLoop loop = loops[(int) (id % loops.length)];
        final Future<MediaSession> opened = loop.openSession(id, new MediaSessionSpec(8000, -1,
                new InetSocketAddress(LOOPBACK, callerPort), null, new InetSocketAddress(LOOPBACK, upstreamPort), null,
                1));
        opened.addListener(future -> {
            if (future.isSuccess()) {
                final MediaSession session = opened.getNow();
                out.println(PREFIX + " opened " + id + " " + session.localPort(MediaSide.CALLER) + " "
                        + session.localPort(MediaSide.UPSTREAM));
            } else {
                out.println(PREFIX + " failed " + id + " " + future.cause());
            }
            out.flush();
        });
    }

    /** Returns the JIT compilers' accumulated time (ms), or -1 when the JVM does not report it. */
    private static long jitMs() {
        final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    private void stats(MediaLoop[] loops, PrintStream out) {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long loopCpuNs = 0;
        for (Thread thread : loopThreads) {
            loopCpuNs += threads.getThreadCpuTime(thread.getId());
        }
        final long processCpuNs = ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        long received = 0;
        long forwarded = 0;
        long dropped = 0;
        long fellBehind = 0;
        for (MediaLoop loop : loops) {
            fellBehind += loop.counters().get(MediaCounter.MEDIA_LOOP_FELL_BEHIND);
            received += loop.counters().get(MediaCounter.RTP_RECEIVED);
            forwarded += loop.counters().get(MediaCounter.RTP_FORWARDED);
            dropped += loop.counters().get(MediaCounter.MEDIA_DROPPED_NOT_WRITABLE)
                    + loop.counters().get(MediaCounter.RTP_DROPPED_NO_TARGET)
                    + loop.counters().get(MediaCounter.RTP_DROPPED_MALFORMED)
                    + loop.counters().get(MediaCounter.RTP_DROPPED_FOREIGN_SOURCE);
        }
        long gcCount = 0;
        long gcMs = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMs += Math.max(0, gc.getCollectionTime());
        }
        out.println(PREFIX + " stats " + loopCpuNs + " " + processCpuNs + " " + received + " " + forwarded + " "
                + dropped + " " + gcCount + " " + gcMs + " " + fellBehind + " " + jitMs());
    }
}
