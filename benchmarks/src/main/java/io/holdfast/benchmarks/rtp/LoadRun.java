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
import io.netty.channel.epoll.EpollChannelOption;
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
 * One bounded run of the media load: starts a relay process, binds the harness's sending and receiving UDP sockets
 * on 127.0.0.1 (one each per stream, or a few shared by all streams so that the generator sends with
 * {@code sendmmsg} and the receiver reads with {@code recvmmsg}), opens one relay session per stream (caller = the
 * stream's sending socket, upstream = its receiving socket), sends at the given rate (or flat out) for the warm-up
 * and then for the measured window, and returns what it saw. Without relay ({@code direct}) the streams go straight
 * from the sending to the receiving sockets: the harness's own latency and capacity. Everything it starts is stopped
 * before {@link #run()} returns. Runs on the harness's main thread.
 */
final class LoadRun {

    /** What one run is asked to do. */
    record Plan(int ratePps, int streamRatePps, Duration warmup, Duration duration, MediaTransport transport,
            int relayLoops, int generatorThreads, int receiverThreads, Duration tick, List<String> relayJvmOptions,
            String relayClassPath, List<String> relayArguments, boolean countSyscalls, int senderSockets,
            int sinkSockets, boolean direct, boolean flatOut, String relayCpus) {

        int streams() {
            return Math.max(1, ratePps / streamRatePps);
        }

        /** Sending sockets: {@code senderSockets} per generator thread, or one per stream when 0. */
        int senderSocketCount() {
            return senderSockets == 0 ? streams() : Math.min(streams(), senderSockets * generatorThreads);
        }

        /** Receiving sockets: {@code sinkSockets} per receiver thread, or one per stream when 0. */
        int sinkSocketCount() {
            return sinkSockets == 0 ? streams() : Math.min(streams(), sinkSockets * receiverThreads);
        }

        /** Returns what the run's first column says: the offered rate, and what is not the default set-up. */
        String label() {
            return (flatOut ? "flat out" : Integer.toString(ratePps)) + (direct ? " (no relay)" : "");
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
    /** Names of the relay's event-loop threads (MediaLoadRelay), as Linux truncates them. */
    private static final String RELAY_LOOP_THREADS = "relay-loop";
    /** Names of the harness's generator and receiver threads. */
    private static final String[] HARNESS_THREADS = {"load-send", "load-receive"};
    /** Send and receive buffer of every harness socket (the kernel caps it at net.core.[rw]mem_max). */
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;
    /** Room for one datagram of a shared receiving socket read with recvmmsg. */
    private static final int SHARED_DATAGRAM_BYTES = 256;
    /** Datagrams one recvmmsg can return. */
    private static final int DATAGRAMS_PER_RECVMMSG = 64;
    /** recvmmsg calls per readiness event of a shared receiving socket. */
    private static final int SHARED_READS_PER_EVENT = 16;
    /** Bound of the packets a flat-out run sends, per second of the run (whatever the machine can do). */
    private static final long FLAT_OUT_MAX_PPS = 2_000_000L;
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
        final int maxPacketsPerStream = (int) Math.min(Integer.MAX_VALUE, plan.flatOut()
                ? FLAT_OUT_MAX_PPS * TimeUnit.NANOSECONDS.toSeconds(totalNs + TimeUnit.SECONDS.toNanos(1)) / streams
                : totalNs / intervalNs + 2);
        final EventLoopGroup generatorGroup = new MultiThreadIoEventLoopGroup(plan.generatorThreads(),
                new DefaultThreadFactory("load-send", true), plan.transport().ioHandlerFactory());
        final EventLoopGroup receiverGroup = new MultiThreadIoEventLoopGroup(plan.receiverThreads(),
                new DefaultThreadFactory("load-receive", true), plan.transport().ioHandlerFactory());
        final List<String> relayArguments = new ArrayList<>(plan.relayArguments());
        relayArguments.add("--transport=" + plan.transport());
        relayArguments.add("--loops=" + plan.relayLoops());
        relayArguments.add("--max-lifetime=" + Duration.ofNanos(totalNs).plus(RELAY_LIFETIME_MARGIN));
        try (RelayProcess relay = plan.direct() ? null : RelayProcess.start(plan.relayJvmOptions(),
                plan.relayClassPath(), relayArguments, plan.relayCpus())) {
            for (int i = 0; i < plan.generatorThreads(); i++) {
                generators.add(new LoadGenerator(generatorGroup.next(), intervalNs, maxPacketsPerStream));
            }
            for (int i = 0; i < plan.receiverThreads(); i++) {
                receivers.add(new LoadReceiver(streams));
                receiverLoops.add(receiverGroup.next());
            }
            final Channel[] senders = new Channel[plan.senderSocketCount()];
            for (int i = 0; i < senders.length; i++) {
                senders[i] = bind(generators.get(i % generators.size()).loop(), null, false);
            }
            final Channel[] sinks = new Channel[plan.sinkSocketCount()];
            for (int i = 0; i < sinks.length; i++) {
                sinks[i] = bind(receiverLoops.get(i % receiverLoops.size()), receivers.get(i % receivers.size()),
                        sinks.length < streams);
            }
            final InetSocketAddress[] targets = new InetSocketAddress[streams];
            if (relay == null) {
                for (int i = 0; i < streams; i++) {
                    targets[i] = new InetSocketAddress(LOOPBACK, port(sinks[i % sinks.length]));
                }
            } else {
                for (int i = 0; i < streams; i++) {
                    relay.requestSession(i, port(senders[i % senders.length]), port(sinks[i % sinks.length]));
                }
                relay.flush();
                for (int i = 0; i < streams; i++) {
                    final SessionPorts ports = relay.awaitOpened();
                    targets[(int) ports.id()] = new InetSocketAddress(LOOPBACK, ports.callerPort());
                }
            }
            for (int i = 0; i < streams; i++) {
                final int socket = i % senders.length;
                generators.get(socket % generators.size()).add(senders[socket], targets[i], i * intervalNs / streams,
                        0x10000 + i, i);
            }

            final long firstNs = System.nanoTime() + START_DELAY.toNanos();
            for (LoadGenerator generator : generators) {
                onLoop(generator.loop(), () -> {
                    generator.start(firstNs, plan.tick().toNanos(), plan.flatOut());
                    return null;
                });
            }
            parkUntil(firstNs + plan.warmup().toNanos());
            final RelayStats before = relay == null ? RelayStats.NONE : relay.stats();
            final SchedStat relaySchedBefore = relay == null ? SchedStat.NONE
                    : SchedStat.of(relay.pid(), RELAY_LOOP_THREADS);
            final SchedStat harnessSchedBefore = SchedStat.of(ProcessHandle.current().pid(), HARNESS_THREADS);
            final long relayDropsBefore = relay == null ? -1 : SocketDrops.of(relay.pid());
            final long harnessDropsBefore = SocketDrops.of(ProcessHandle.current().pid());
            final SyscallCounter syscalls = plan.countSyscalls() && relay != null
                    ? SyscallCounter.start(relay.pid(), plan.duration()) : null;
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
            long loopWindowNs = 0;
            for (LoadGenerator generator : generators) {
                loopWindowNs = Math.max(loopWindowNs, onLoop(generator.loop(), generator::measuredNs));
            }
            final long windowNs = loopWindowNs > 0 ? loopWindowNs : System.nanoTime() - windowStartNs;
            final SchedStat relaySched = relay == null ? SchedStat.NONE
                    : SchedStat.of(relay.pid(), RELAY_LOOP_THREADS).since(relaySchedBefore);
            final SchedStat harnessSched = SchedStat.of(ProcessHandle.current().pid(), HARNESS_THREADS)
                    .since(harnessSchedBefore);
            final RelayStats after = relay == null ? RelayStats.NONE : relay.stats();
            final SyscallCounter.Counts counts = syscalls == null ? SyscallCounter.Counts.NONE : syscalls.finish();
            for (LoadGenerator generator : generators) {
                onLoop(generator.loop(), () -> {
                    generator.stop();
                    return null;
                });
            }
            drain();
            final long[] socketDrops = {
                relayDropsBefore < 0 ? -1 : SocketDrops.of(relay.pid()) - relayDropsBefore,
                harnessDropsBefore < 0 ? -1 : SocketDrops.of(ProcessHandle.current().pid()) - harnessDropsBefore};
            return collect(streams, windowNs, before, after, counts, relaySched, harnessSched, socketDrops,
                    loadBefore);
        } finally {
            for (Channel channel : channels) {
                channel.close();
            }
            generatorGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            receiverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private LoadResult collect(int streams, long windowNs, RelayStats before, RelayStats after,
            SyscallCounter.Counts counts, SchedStat relaySched, SchedStat harnessSched, long[] socketDrops,
            String load) {
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
        final Histogram scheduleLatency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int i = 0; i < receivers.size(); i++) {
            final LoadReceiver receiver = receivers.get(i);
            final EventLoop loop = receiverLoops.get(i);
            receivedMeasured += onLoop(loop, receiver::receivedMeasured);
            outOfOrder += onLoop(loop, receiver::outOfOrder);
            latency.add(onLoop(loop, receiver::latencyCopy));
            scheduleLatency.add(onLoop(loop, receiver::scheduleLatencyCopy));
        }
        final long forwarded = after.rtpForwarded() - before.rtpForwarded();
        return new LoadResult(plan.label(), plan.flatOut() ? 0 : plan.ratePps(), streams, windowNs, sentMeasured,
                receivedMeasured, outOfOrder, after.dropped(), forwarded, after.loopCpuNs() - before.loopCpuNs(),
                after.processCpuNs() - before.processCpuNs(), after.gcCount() - before.gcCount(), latency,
                scheduleLatency, maxLagNs, lagOverOneMs, counts.syscalls(), counts.contextSwitches(),
                after.fellBehind() < 0 ? -1 : after.fellBehind() - before.fellBehind(), relaySched.waitNs(),
                harnessSched.waitNs(), harnessSched.cpuNs(),
                after.jitMs() < 0 || before.jitMs() < 0 ? -1 : after.jitMs() - before.jitMs(), socketDrops[0],
                socketDrops[1], load);
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

    /**
     * Binds a harness socket on {@code loop}: a sending one when {@code receiver} is null, else a receiving one that
     * reads with {@code recvmmsg} (epoll) when {@code shared} by several streams.
     */
    private Channel bind(EventLoop loop, LoadReceiver receiver, boolean shared) {
        final Bootstrap bootstrap = new Bootstrap().group(loop)
                .channelFactory(plan.transport().channelFactory(LOOPBACK))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                .handler(receiver == null ? new ChannelInboundHandlerAdapter() : receiver.handler());
        if (shared && plan.transport() == MediaTransport.EPOLL) {
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, SHARED_DATAGRAM_BYTES)
                    .option(ChannelOption.RECVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(SHARED_DATAGRAM_BYTES * DATAGRAMS_PER_RECVMMSG)
                                    .maxMessagesPerRead(SHARED_READS_PER_EVENT));
        } else {
            bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048)
                    .maxMessagesPerRead(shared ? SHARED_READS_PER_EVENT : 1));
        }
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
