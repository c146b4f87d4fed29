package io.holdfast.benchmarks.rtp;

import io.holdfast.benchmarks.rtp.RelayProcess.RelayStats;
import io.holdfast.benchmarks.rtp.RelayProcess.SessionPorts;
import io.holdfast.rtp.relay.MediaTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One bounded run of the media load: starts a relay process, binds a sending and a receiving UDP channel per stream
 * on 127.0.0.1, opens one relay session per stream (caller = the sending channel, upstream = the receiving one),
 * sends at the given rate for the warm-up and then for the measured window, and returns what it saw. Everything it
 * starts is stopped before {@link #run()} returns. Runs on the harness's main thread.
 */
final class LoadRun {

    /** What one run is asked to do. */
    record Plan(int ratePps, int streamRatePps, Duration warmup, Duration duration, MediaTransport transport,
            int relayLoops, int generatorThreads, int receiverThreads, Duration tick, List<String> relayJvmOptions,
            String relayClassPath, List<String> relayArguments, boolean countSyscalls) {

        int streams() {
            return Math.max(1, ratePps / streamRatePps);
        }

        long intervalNs() {
            return TimeUnit.SECONDS.toNanos(1) / streamRatePps;
        }
    }

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration START_DELAY = Duration.ofMillis(200);
    private static final Duration DRAIN_QUIET = Duration.ofMillis(300);
    private static final Duration DRAIN_MAX = Duration.ofSeconds(10);
    private static final Duration LOOP_TASK_TIMEOUT = Duration.ofSeconds(30);
    /** The relay exits by itself this long after the planned end of the run, whatever happens to the harness. */
    private static final Duration RELAY_LIFETIME_MARGIN = Duration.ofMinutes(3);

    private final Plan plan;
    private final List<LoadGenerator> generators = new ArrayList<>();
    private final List<LoadReceiver> receivers = new ArrayList<>();
    private final List<EventLoop> receiverLoops = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    LoadRun(Plan plan) {
        this.plan = plan;
    }

    /** Runs the plan and returns its result. */
    LoadResult run() {
        final String loadBefore = loadAverage();
        final int streams = plan.streams();
        final long intervalNs = plan.intervalNs();
        final long totalNs = plan.warmup().toNanos() + plan.duration().toNanos();
        final int maxPacketsPerStream = (int) Math.min(Integer.MAX_VALUE, totalNs / intervalNs + 2);
        final EventLoopGroup generatorGroup = new MultiThreadIoEventLoopGroup(plan.generatorThreads(),
                new DefaultThreadFactory("load-send", true), plan.transport().ioHandlerFactory());
        final EventLoopGroup receiverGroup = new MultiThreadIoEventLoopGroup(plan.receiverThreads(),
                new DefaultThreadFactory("load-receive", true), plan.transport().ioHandlerFactory());
        final List<String> relayArguments = new ArrayList<>(plan.relayArguments());
        relayArguments.add("--transport=" + plan.transport());
        relayArguments.add("--loops=" + plan.relayLoops());
        relayArguments.add("--max-lifetime=" + Duration.ofNanos(totalNs).plus(RELAY_LIFETIME_MARGIN));
        try (RelayProcess relay = RelayProcess.start(plan.relayJvmOptions(), plan.relayClassPath(), relayArguments)) {
            for (int i = 0; i < plan.generatorThreads(); i++) {
                generators.add(new LoadGenerator(generatorGroup.next(), intervalNs, maxPacketsPerStream));
            }
            for (int i = 0; i < plan.receiverThreads(); i++) {
                receivers.add(new LoadReceiver(intervalNs));
                receiverLoops.add(receiverGroup.next());
            }
            final Channel[] senders = new Channel[streams];
            final Channel[] sinks = new Channel[streams];
            for (int i = 0; i < streams; i++) {
                final LoadReceiver receiver = receivers.get(i % receivers.size());
                senders[i] = bind(generators.get(i % generators.size()).loop(), null);
                sinks[i] = bind(receiverLoops.get(i % receiverLoops.size()), receiver);
                relay.requestSession(i, port(senders[i]), port(sinks[i]));
            }
            relay.flush();
            for (int i = 0; i < streams; i++) {
                final SessionPorts ports = relay.awaitOpened();
                final int index = (int) ports.id();
                senders[index].connect(new InetSocketAddress(LOOPBACK, ports.callerPort())).syncUninterruptibly();
                sinks[index].connect(new InetSocketAddress(LOOPBACK, ports.upstreamPort())).syncUninterruptibly();
            }
            for (int i = 0; i < streams; i++) {
                generators.get(i % generators.size()).add(senders[i], i * intervalNs / streams, 0x10000 + i);
            }

            final long firstNs = System.nanoTime() + START_DELAY.toNanos();
            for (LoadGenerator generator : generators) {
                onLoop(generator.loop(), () -> {
                    generator.start(firstNs, plan.tick().toNanos());
                    return null;
                });
            }
            parkUntil(firstNs + plan.warmup().toNanos());
            final RelayStats before = relay.stats();
            final SyscallCounter syscalls = plan.countSyscalls() ? SyscallCounter.start(relay.pid(), plan.duration())
                    : null;
            final long windowStartNs = System.nanoTime();
            for (LoadGenerator generator : generators) {
                onLoop(generator.loop(), () -> {
                    generator.measuring(true);
                    return null;
                });
            }
            parkUntil(windowStartNs + plan.duration().toNanos());
            for (LoadGenerator generator : generators) {
                onLoop(generator.loop(), () -> {
                    generator.measuring(false);
                    return null;
                });
            }
            final long windowNs = System.nanoTime() - windowStartNs;
            final RelayStats after = relay.stats();
            final SyscallCounter.Counts counts = syscalls == null ? SyscallCounter.Counts.NONE : syscalls.finish();
            for (LoadGenerator generator : generators) {
                onLoop(generator.loop(), () -> {
                    generator.stop();
                    return null;
                });
            }
            drain();
            return collect(streams, windowNs, before, after, counts, loadBefore);
        } finally {
            for (Channel channel : channels) {
                channel.close();
            }
            generatorGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            receiverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private LoadResult collect(int streams, long windowNs, RelayStats before, RelayStats after,
            SyscallCounter.Counts counts, String load) {
        long sentMeasured = 0;
        long maxLagNs = 0;
        long lagOverOneMs = 0;
        for (LoadGenerator generator : generators) {
            sentMeasured += onLoop(generator.loop(), generator::sentMeasured);
            maxLagNs = Math.max(maxLagNs, onLoop(generator.loop(), generator::maxLagNs));
            lagOverOneMs += onLoop(generator.loop(), generator::lagOverOneMs);
        }
        long receivedMeasured = 0;
        long outOfOrder = 0;
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int i = 0; i < receivers.size(); i++) {
            final LoadReceiver receiver = receivers.get(i);
            final EventLoop loop = receiverLoops.get(i);
            receivedMeasured += onLoop(loop, receiver::receivedMeasured);
            outOfOrder += onLoop(loop, receiver::outOfOrder);
            latency.add(onLoop(loop, receiver::latencyCopy));
        }
        final long forwarded = after.rtpForwarded() - before.rtpForwarded();
        return new LoadResult(plan.ratePps(), streams, windowNs, sentMeasured, receivedMeasured, outOfOrder,
                after.dropped(), forwarded, after.loopCpuNs() - before.loopCpuNs(),
                after.processCpuNs() - before.processCpuNs(), after.gcCount() - before.gcCount(), latency, maxLagNs,
                lagOverOneMs, counts.syscalls(), counts.contextSwitches(),
                after.fellBehind() < 0 ? -1 : after.fellBehind() - before.fellBehind(), load);
    }

    /** Waits, after the last send, until nothing more arrives for a while (bounded): late packets are not lost. */
    private void drain() {
        final long deadlineNs = System.nanoTime() + DRAIN_MAX.toNanos();
        long last = -1;
        for (long received = totalReceived(); received != last && deadlineNs - System.nanoTime() > 0;
                received = totalReceived()) {
            last = received;
            parkUntil(System.nanoTime() + DRAIN_QUIET.toNanos());
        }
    }

    private long totalReceived() {
        long received = 0;
        for (int i = 0; i < receivers.size(); i++) {
            received += onLoop(receiverLoops.get(i), receivers.get(i)::received);
        }
        return received;
    }

    private Channel bind(EventLoop loop, LoadReceiver receiver) {
        final Bootstrap bootstrap = new Bootstrap().group(loop)
                .channelFactory(plan.transport().channelFactory(LOOPBACK))
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048).maxMessagesPerRead(1))
                .handler(receiver == null ? new ChannelInboundHandlerAdapter() : receiver.handler());
        final Channel channel = bootstrap.bind(new InetSocketAddress(LOOPBACK, 0)).syncUninterruptibly().channel();
        channels.add(channel);
        return channel;
    }

    private static int port(Channel channel) {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    private static <T> T onLoop(EventLoop loop, Callable<T> task) {
        try {
            return loop.submit(task).get(LOOP_TASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a harness loop task failed", e);
        }
    }

    private static void parkUntil(long deadlineNs) {
        for (long leftNs = deadlineNs - System.nanoTime(); leftNs > 0; leftNs = deadlineNs - System.nanoTime()) {
            LockSupport.parkNanos(leftNs);
        }
    }

    /** Returns the 1-, 5- and 15-minute load averages, as /proc/loadavg gives them, or "?" off Linux. */
    static String loadAverage() {
        try {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | UncheckedIOException e) {
            return "?";
        }
    }
}
