package io.holdfast.rtp.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.packet.RtpPacketBuilder;
import io.holdfast.rtp.packet.RtpSequenceNumber;
import io.holdfast.rtp.packet.RtpTimestamp;
import io.holdfast.rtp.prompt.EncodedPrompt;
import io.holdfast.rtp.prompt.PromptCodec;
import io.holdfast.rtp.prompt.PromptFrameSink;
import io.holdfast.rtp.prompt.PromptPlayer;
import io.holdfast.rtp.prompt.PromptTicker;
import io.holdfast.rtp.prompt.ShippedPrompt;
import io.holdfast.rtp.stats.MediaCounter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hold prompt played by a real {@link PromptPlayer} on a real {@link PromptTicker} through a
 * {@link CallerPromptSink} into a session on loopback sockets: relayed audio, then the prompt, then a new upstream,
 * as one stream at the caller. {@code MediaSessionIT} covers {@link MediaSession#sendToCaller} with hand-made frames
 * and no pacing; this adds the player, the ticker's 20 ms pace and the timestamp bounds at both ends of the prompt.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallerPromptSinkIT {

    private static final int REGION_A_PAYLOAD = 0x77;
    private static final int REGION_B_PAYLOAD = 0x78;
    private static final int RELAYED_BEFORE = 10;
    private static final int PROMPT_FRAMES = 25;
    private static final int RELAYED_AFTER = 10;
    private static final int RECEIVE_TIMEOUT_MS = 2000;
    private static final long FRAME_NS = EncodedPrompt.FRAME_DURATION_NS;
    private static final long PACE_TOLERANCE_NS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int CLOCK_RATE_HZ = 8000;
    private static final long HALF_FRAME_UNITS = EncodedPrompt.FRAME_SAMPLES / 2;

    private final List<UdpPeer> peers = new ArrayList<>();
    private EventLoopGroup group;
    private MediaLoop loop;
    private PromptTicker ticker;
    private CallerPromptSink sink;

    static Stream<MediaTransport> transports() {
        return Epoll.isAvailable() ? Stream.of(MediaTransport.EPOLL, MediaTransport.NIO) : Stream.of(MediaTransport.NIO);
    }

    /** One datagram at the caller: its header fields, payload and arrival time. */
    private record Arrival(long ssrc, int seq, long ts, boolean marker, byte[] payload, long atNs) {

        static Arrival of(byte[] datagram, long atNs) {
            final RtpHeader header = new RtpHeader().wrap(Unpooled.wrappedBuffer(datagram));
            return new Arrival(header.ssrc(), header.sequenceNumber(), header.timestamp(), header.marker(),
                    Arrays.copyOfRange(datagram, header.payloadIndex(), datagram.length), atNs);
        }

        boolean isFilledWith(int value) {
            for (byte b : payload) {
                if ((b & 0xFF) != value) {
                    return false;
                }
            }
            return payload.length > 0;
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (loop != null) {
            onLoop(() -> {
                if (sink != null) {
                    sink.close();
                }
                if (ticker != null) {
                    ticker.close();
                }
                loop.close();
                return null;
            });
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        peers.forEach(UdpPeer::close);
    }

    private void start(MediaTransport transport) {
        final MediaConfig config = new MediaConfig(InetAddress.getLoopbackAddress(), 0, 0, false, Duration.ZERO,
                LatchPolicy.STRICT_SIGNALLED, LatchPolicy.STRICT_SIGNALLED, Duration.ZERO, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(1), 1024);
        group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        loop = new MediaLoop(group.next(), transport, config, 0, 1, SystemNanoClock.INSTANCE,
                (session, side, fault, nowNs) -> { });
        loop.start();
        ticker = PromptTicker.start(loop.eventLoop());
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return loop.eventLoop().submit(task).get(5, TimeUnit.SECONDS);
    }

    private UdpPeer peer() throws IOException {
        final UdpPeer peer = new UdpPeer();
        peers.add(peer);
        return peer;
    }

    private MediaSession open(InetSocketAddress caller, InetSocketAddress upstream) throws Exception {
        return loop.openSession(1, new MediaSessionSpec(8000, 101, caller, null, upstream, null, 1))
                .get(5, TimeUnit.SECONDS);
    }

    private static Arrival receive(UdpPeer peer) throws IOException {
        final byte[] datagram = peer.receive(RECEIVE_TIMEOUT_MS);
        final long atNs = System.nanoTime();
        assertThat(datagram).as("datagram within %d ms", RECEIVE_TIMEOUT_MS).isNotNull();
        return Arrival.of(datagram, atNs);
    }

    private static byte[] rtp(long ssrc, int seq, long ts, int payload) {
        return new RtpPacketBuilder().ssrc(ssrc).sequence(seq).timestamp(ts).payloadByte(payload).bytes();
    }

    private static void parkUntil(long deadlineNs) {
        for (long leftNs = deadlineNs - System.nanoTime(); leftNs > 0; leftNs = deadlineNs - System.nanoTime()) {
            LockSupport.parkNanos(leftNs);
        }
    }

    private static byte[] frameBytes(EncodedPrompt prompt, int index) {
        final ByteBuf frame = prompt.frame(index);
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    /**
     * The largest timestamp step the rewriter may take across a gap that lasted at most {@code elapsedNs}: the gap
     * rounded to whole frames (so up to half a frame more), and never less than one frame (the next frame follows
     * on). The relay's own gap is bounded by ours: from our send of the last relayed packet (or the sink call of the
     * last prompt frame) to the next packet's arrival.
     */
    private static long atMostElapsed(long elapsedNs) {
        return Math.max(EncodedPrompt.FRAME_SAMPLES,
                RtpTimestamp.fromNanos(elapsedNs, CLOCK_RATE_HZ) + HALF_FRAME_UNITS);
    }

    private static long median(List<Long> values) {
        final long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldPlayPromptAsOneContinuousStreamWhenUpstreamStopsAndNewUpstreamTakesOver(MediaTransport transport)
            throws Exception {
        start(transport);
        final UdpPeer caller = peer();
        final UdpPeer regionA = peer();
        final UdpPeer regionB = peer();
        final MediaSession session = open(caller.address(), regionA.address());
        final int upstreamPort = session.localPort(MediaSide.UPSTREAM);
        final EncodedPrompt prompt = ShippedPrompt.PLEASE_HOLD_RECONNECT.load().encoded(PromptCodec.PCMU);
        assertThat(prompt.frameCount()).isGreaterThan(PROMPT_FRAMES + 5);
        final List<Long> promptSinkCallsNs = new ArrayList<>();
        final PromptPlayer player = onLoop(() -> {
            sink = new CallerPromptSink(session, PromptCodec.PCMU);
            final PromptFrameSink recording = (payload, samples, firstFrame) -> {
                promptSinkCallsNs.add(System.nanoTime());
                sink.sendFrame(payload, samples, firstFrame);
            };
            return new PromptPlayer(recording, ticker);
        });
        final List<Arrival> seen = new ArrayList<>();

        long lastASentNs = 0;
        final long firstSendNs = System.nanoTime();
        for (int i = 0; i < RELAYED_BEFORE; i++) {
            parkUntil(firstSendNs + i * FRAME_NS);
            lastASentNs = System.nanoTime();
            regionA.send(rtp(0xAAAA, 1000 + i, 50_000 + 160L * i, REGION_A_PAYLOAD), upstreamPort);
            seen.add(receive(caller));
        }
        onLoop(() -> {
            session.forwarding(MediaSide.UPSTREAM, false);
            player.start(prompt);
            return null;
        });
        for (int i = 0; i < PROMPT_FRAMES; i++) {
            seen.add(receive(caller));
        }
        final int sinkCallsBeforeStop = onLoop(() -> {
            player.stop();
            session.retarget(regionB.address(), null, 2, loop.clock().nanoTime());
            return promptSinkCallsNs.size();
        });
        final long firstBSendNs = System.nanoTime();
        int fromB = 0;
        for (int i = 0; fromB < RELAYED_AFTER; i++) {
            if (i < RELAYED_AFTER) {
                parkUntil(firstBSendNs + i * FRAME_NS);
                regionB.send(rtp(0xBBBB, 7 + i, 900_000 + 160L * i, REGION_B_PAYLOAD), upstreamPort);
            }
            final Arrival arrival = receive(caller);
            seen.add(arrival);
            fromB += arrival.isFilledWith(REGION_B_PAYLOAD) ? 1 : 0;
        }
        assertThat(caller.receive(100)).isNull();

        final int promptEnd = seen.size() - RELAYED_AFTER;
        final List<Arrival> relayedBefore = seen.subList(0, RELAYED_BEFORE);
        final List<Arrival> promptFrames = seen.subList(RELAYED_BEFORE, promptEnd);
        final List<Arrival> relayedAfter = seen.subList(promptEnd, seen.size());
        assertThat(relayedBefore).allMatch(a -> a.isFilledWith(REGION_A_PAYLOAD));
        assertThat(relayedAfter).allMatch(a -> a.isFilledWith(REGION_B_PAYLOAD));
        assertThat(promptFrames).hasSize(sinkCallsBeforeStop);
        for (int i = 0; i < promptFrames.size(); i++) {
            assertThat(promptFrames.get(i).payload()).as("prompt frame %d", i).isEqualTo(frameBytes(prompt, i));
        }

        assertThat(seen).extracting(Arrival::ssrc).containsOnly(session.callerFacingRewriter().outgoingSsrc());
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).seq()).as("sequence at %d", i)
                    .isEqualTo(RtpSequenceNumber.next(seen.get(i - 1).seq()));
            assertThat(seen.get(i).marker()).as("marker at %d", i).isEqualTo(i == RELAYED_BEFORE || i == promptEnd);
        }
        for (int i = 1; i < promptFrames.size(); i++) {
            assertThat(RtpTimestamp.difference(promptFrames.get(i).ts(), promptFrames.get(i - 1).ts()))
                    .isEqualTo(EncodedPrompt.FRAME_SAMPLES);
        }

        final List<Long> gapsNs = new ArrayList<>();
        for (int i = 1; i < promptFrames.size(); i++) {
            gapsNs.add(promptFrames.get(i).atNs() - promptFrames.get(i - 1).atNs());
        }
        assertThat(median(gapsNs)).as("median prompt inter-arrival (ns)")
                .isBetween(FRAME_NS - PACE_TOLERANCE_NS, FRAME_NS + PACE_TOLERANCE_NS);

        final Arrival lastRelayed = relayedBefore.get(RELAYED_BEFORE - 1);
        final Arrival firstPrompt = promptFrames.get(0);
        final long startJump = RtpTimestamp.difference(firstPrompt.ts(), lastRelayed.ts());
        assertThat(startJump).isBetween((long) EncodedPrompt.FRAME_SAMPLES,
                atMostElapsed(firstPrompt.atNs() - lastASentNs));
        final Arrival lastPrompt = promptFrames.get(promptFrames.size() - 1);
        final Arrival firstAfter = relayedAfter.get(0);
        final long lastPromptSinkCallNs = promptSinkCallsNs.get(sinkCallsBeforeStop - 1);
        final long endJump = RtpTimestamp.difference(firstAfter.ts(), lastPrompt.ts());
        assertThat(endJump).isBetween((long) EncodedPrompt.FRAME_SAMPLES,
                atMostElapsed(firstAfter.atNs() - lastPromptSinkCallNs));
        assertThat(RtpTimestamp.difference(relayedAfter.get(RELAYED_AFTER - 1).ts(), firstAfter.ts()))
                .isEqualTo((RELAYED_AFTER - 1) * 160L);

        assertThat(sink.framesSent()).isEqualTo(sinkCallsBeforeStop);
        assertThat(sink.framesDropped()).isZero();
        assertThat(sink.buffersReplaced()).isZero();
        assertThat(loop.counters().get(MediaCounter.LOCAL_FRAMES_SENT)).isEqualTo(sinkCallsBeforeStop);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldDropFramesWhenSinkIsClosed(MediaTransport transport) throws Exception {
        start(transport);
        final UdpPeer caller = peer();
        final MediaSession session = open(caller.address(), peer().address());
        final ByteBuf payload = Unpooled.buffer(EncodedPrompt.FRAME_BYTES).writeZero(EncodedPrompt.FRAME_BYTES);

        onLoop(() -> {
            sink = new CallerPromptSink(session, PromptCodec.PCMA);
            sink.sendFrame(payload, EncodedPrompt.FRAME_SAMPLES, true);
            sink.close();
            sink.sendFrame(payload, EncodedPrompt.FRAME_SAMPLES, false);
            return null;
        });
        final byte[] received = caller.receive(RECEIVE_TIMEOUT_MS);

        assertThat(received).isNotNull().hasSize(CallerPromptSink.PACKET_LENGTH);
        assertThat(new RtpHeader().wrap(Unpooled.wrappedBuffer(received)).payloadType())
                .isEqualTo(PromptCodec.PCMA.payloadType());
        assertThat(caller.receive(100)).isNull();
        assertThat(sink.framesSent()).isOne();
        assertThat(sink.framesDropped()).isOne();
        assertThat(payload.refCnt()).isOne();
        payload.release();
    }

    /**
     * Paranoid leak detection records every retain (an allocation), so it is switched off while this test takes its
     * buffers, and restored after; the sink's buffer is still released by {@link #stop()}.
     */
    @ParameterizedTest
    @MethodSource("transports")
    void shouldAllocateNothingPerFrameWhenPacketBufferIsReused(MediaTransport transport) throws Exception {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean allocations = (com.sun.management.ThreadMXBean) threads;
        assumeTrue(allocations.isThreadAllocatedMemorySupported() && allocations.isThreadAllocatedMemoryEnabled());
        start(transport);
        final UdpPeer caller = peer();
        final MediaSession session = open(caller.address(), peer().address());
        final EncodedPrompt prompt = ShippedPrompt.PLEASE_HOLD_RECONNECT.load().encoded(PromptCodec.PCMU);
        final ByteBuf payload = prompt.frame(0);
        final int frames = 2000;
        final ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        final long allocated;
        try {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
            allocated = onLoop(() -> {
                sink = new CallerPromptSink(session, PromptCodec.PCMU);
                for (int i = 0; i < frames; i++) {
                    sink.sendFrame(payload, EncodedPrompt.FRAME_SAMPLES, i == 0);
                }
                final long threadId = Thread.currentThread().getId();
                final long before = allocations.getThreadAllocatedBytes(threadId);
                for (int i = 0; i < frames; i++) {
                    sink.sendFrame(payload, EncodedPrompt.FRAME_SAMPLES, false);
                }
                return allocations.getThreadAllocatedBytes(threadId) - before;
            });
        } finally {
            ResourceLeakDetector.setLevel(level);
            payload.release();
        }

        assertThat(sink.framesSent()).isEqualTo(2L * frames);
        assertThat(sink.buffersReplaced()).isZero();
        // well under one byte per frame: what the JVM itself may allocate on the thread, not per-frame garbage
        assertThat(allocated).isLessThan(frames);
    }
}
