package io.holdfast.rtp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.rtp.packet.RtcpCompoundBuilder;
import io.holdfast.rtp.packet.RtcpPacket;
import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.packet.RtpPacketBuilder;
import io.holdfast.rtp.packet.RtpSequenceNumber;
import io.holdfast.rtp.packet.RtpTimestamp;
import io.holdfast.rtp.stats.MediaCounter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Media sessions on real sockets over loopback, with epoll (when available) and NIO. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MediaSessionIT {

    private static final int CALLER_PAYLOAD = 0x55;
    private static final int REGION_PAYLOAD = 0x77;
    private static final int ATTACKER_PAYLOAD = 0x66;
    private static final int RECEIVE_TIMEOUT_MS = 2000;
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(5);

    private record Fault(long sessionId, MediaSide side, MediaFault fault) {
    }

    private final BlockingQueue<Fault> faults = new LinkedBlockingQueue<>();
    private final List<UdpPeer> peers = new ArrayList<>();
    private EventLoopGroup group;
    private MediaLoop loop;

    static Stream<MediaTransport> transports() {
        return Epoll.isAvailable() ? Stream.of(MediaTransport.EPOLL, MediaTransport.NIO) : Stream.of(MediaTransport.NIO);
    }

    @AfterEach
    void stop() throws Exception {
        if (loop != null) {
            onLoop(() -> {
                loop.close();
                return null;
            });
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        peers.forEach(UdpPeer::close);
    }

    private static MediaConfig config(LatchPolicy callerPolicy, Duration learningWindow, Duration upstreamTimeout,
            boolean rtcpMux) {
        return new MediaConfig(InetAddress.getLoopbackAddress(), 0, 0, rtcpMux, Duration.ZERO, callerPolicy,
                LatchPolicy.STRICT_SIGNALLED, learningWindow, upstreamTimeout, Duration.ofSeconds(30),
                Duration.ofSeconds(1), 1024);
    }

    private static MediaConfig config(LatchPolicy callerPolicy) {
        return config(callerPolicy, Duration.ofMillis(500), Duration.ofSeconds(10), false);
    }

    private void start(MediaTransport transport, MediaConfig config) {
        group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        loop = new MediaLoop(group.next(), transport, config, 0, 1, SystemNanoClock.INSTANCE,
                (session, side, fault, nowNs) -> faults.add(new Fault(session.id(), side, fault)));
        loop.start();
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return loop.eventLoop().submit(task).get(5, TimeUnit.SECONDS);
    }

    private MediaSession open(long id, InetSocketAddress callerRtp, InetSocketAddress callerRtcp,
            InetSocketAddress upstreamRtp, InetSocketAddress upstreamRtcp) throws Exception {
        return loop.openSession(id, new MediaSessionSpec(8000, 101, callerRtp, callerRtcp, upstreamRtp, upstreamRtcp,
                1)).get(5, TimeUnit.SECONDS);
    }

    private UdpPeer peer() throws IOException {
        final UdpPeer peer = new UdpPeer();
        peers.add(peer);
        return peer;
    }

    private static byte[] rtp(long ssrc, int seq, long ts, int payload) {
        return new RtpPacketBuilder().ssrc(ssrc).sequence(seq).timestamp(ts).payloadByte(payload).bytes();
    }

    /** What a peer received: the RTP header fields and the first payload byte. */
    private record Received(long ssrc, int seq, long ts, boolean marker, int payload) {

        static Received of(byte[] datagram) {
            final RtpHeader header = new RtpHeader().wrap(Unpooled.wrappedBuffer(datagram));
            return new Received(header.ssrc(), header.sequenceNumber(), header.timestamp(), header.marker(),
                    datagram[header.payloadIndex()] & 0xFF);
        }
    }

    private static Received receive(UdpPeer peer) throws IOException {
        final byte[] datagram = peer.receive(RECEIVE_TIMEOUT_MS);
        assertThat(datagram).as("datagram within %d ms", RECEIVE_TIMEOUT_MS).isNotNull();
        return Received.of(datagram);
    }

    /** Receives until nothing more comes within {@code quietMs}; returns everything. */
    private static List<Received> drain(UdpPeer peer, int quietMs) throws IOException {
        final List<Received> all = new ArrayList<>();
        for (byte[] datagram = peer.receive(quietMs); datagram != null; datagram = peer.receive(quietMs)) {
            all.add(Received.of(datagram));
        }
        return all;
    }

    private void awaitCounter(MediaCounter counter, long atLeast) {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (loop.counters().get(counter) < atLeast && deadlineNs - System.nanoTime() > 0) {
            LockSupport.parkNanos(POLL_NS);
        }
        assertThat(loop.counters().get(counter)).isGreaterThanOrEqualTo(atLeast);
    }

    private void awaitLatched(MediaSession session, MediaSide side) throws Exception {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (onLoop(() -> session.endpoint(side).rtpLatch.state()) != RemoteLatch.State.LATCHED
                && deadlineNs - System.nanoTime() > 0) {
            LockSupport.parkNanos(POLL_NS);
        }
        assertThat(onLoop(() -> session.endpoint(side).rtpLatch.state())).isEqualTo(RemoteLatch.State.LATCHED);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldRelayBothWaysWhenSignalledPeersSend(MediaTransport transport) throws Exception {
        start(transport, config(LatchPolicy.LEARN_WITHIN_WINDOW));
        final UdpPeer caller = peer();
        final UdpPeer region = peer();
        final MediaSession session = open(1, caller.address(), null, region.address(), null);

        caller.send(rtp(0xCA11, 1, 0, CALLER_PAYLOAD), session.localPort(MediaSide.CALLER));
        final Received atRegion = receive(region);
        region.send(rtp(0x4E61, 100, 8000, REGION_PAYLOAD), session.localPort(MediaSide.UPSTREAM));
        final Received atCaller = receive(caller);

        assertThat(atRegion).isEqualTo(new Received(session.stream(MediaSide.CALLER).rewriter().outgoingSsrc(), 1, 0,
                false, CALLER_PAYLOAD));
        assertThat(atCaller).isEqualTo(new Received(session.callerFacingRewriter().outgoingSsrc(), 100, 8000, false,
                REGION_PAYLOAD));
        assertThat(onLoop(() -> session.latchedRemote(MediaSide.CALLER))).isEqualTo(caller.address());
        assertThat(loop.counters().get(MediaCounter.RTP_FORWARDED)).isEqualTo(2);
        assertThat(session.localRtcpPort(MediaSide.CALLER)).isPositive()
                .isNotEqualTo(session.localPort(MediaSide.CALLER));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldKeepOneContinuousStreamWhenRetargetedMidStream(MediaTransport transport) throws Exception {
        start(transport, config(LatchPolicy.STRICT_SIGNALLED));
        final UdpPeer caller = peer();
        final UdpPeer regionA = peer();
        final UdpPeer regionB = peer();
        final MediaSession session = open(2, caller.address(), null, regionA.address(), null);
        final int upstreamPort = session.localPort(MediaSide.UPSTREAM);
        final List<Received> seen = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            regionA.send(rtp(0xAAAA, 65530 + i, 0xFFFF_FC00L + 160L * i, REGION_PAYLOAD), upstreamPort);
            seen.add(receive(caller));
        }
        final long lastSentNs = System.nanoTime();

        onLoop(() -> {
            session.retarget(regionB.address(), null, 2, loop.clock().nanoTime());
            return null;
        });
        regionA.send(rtp(0xAAAA, 20, 0xFFFF_FC00L + 3200, REGION_PAYLOAD), upstreamPort);
        for (int i = 0; i < 20; i++) {
            regionB.send(rtp(0xBBBB, 7 + i, 999_999 + 160L * i, REGION_PAYLOAD + 1), upstreamPort);
            seen.add(receive(caller));
        }
        final long firstBReceivedBoundNs = System.nanoTime();
        seen.addAll(drain(caller, 200));

        assertThat(seen).hasSize(40);
        assertThat(seen).extracting(Received::ssrc).containsOnly(session.callerFacingRewriter().outgoingSsrc());
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).seq()).isEqualTo(RtpSequenceNumber.next(seen.get(i - 1).seq()));
            assertThat(seen.get(i).marker()).isEqualTo(i == 20);
            assertThat(seen.get(i).payload()).isEqualTo(i < 20 ? REGION_PAYLOAD : REGION_PAYLOAD + 1);
        }
        final long jump = RtpTimestamp.difference(seen.get(20).ts(), seen.get(19).ts());
        final long elapsedUnits = RtpTimestamp.fromNanos(firstBReceivedBoundNs - lastSentNs, 8000);
        assertThat(jump).isBetween(160L, elapsedUnits + 160);
        assertThat(RtpTimestamp.difference(seen.get(39).ts(), seen.get(20).ts())).isEqualTo(19 * 160);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldNeverForwardForeignSourcesWhenRemotesAreStrict(MediaTransport transport) throws Exception {
        start(transport, config(LatchPolicy.STRICT_SIGNALLED));
        final UdpPeer caller = peer();
        final UdpPeer region = peer();
        final UdpPeer attacker = peer();
        final MediaSession session = open(3, caller.address(), null, null, null);
        final int callerPort = session.localPort(MediaSide.CALLER);
        final int upstreamPort = session.localPort(MediaSide.UPSTREAM);
        for (int i = 0; i < 5; i++) {
            attacker.send(rtp(0x6666, i, 160L * i, ATTACKER_PAYLOAD), callerPort);
            attacker.send(rtp(0x6666, i, 160L * i, ATTACKER_PAYLOAD), upstreamPort);
        }
        awaitCounter(MediaCounter.RTP_DROPPED_FOREIGN_SOURCE, 5);

        onLoop(() -> {
            session.signalRemote(MediaSide.UPSTREAM, region.address(), null, loop.clock().nanoTime());
            return null;
        });
        for (int i = 0; i < 5; i++) {
            caller.send(rtp(0xCA11, i, 160L * i, CALLER_PAYLOAD), callerPort);
            region.send(rtp(0x4E61, i, 160L * i, REGION_PAYLOAD), upstreamPort);
            attacker.send(rtp(0x6666, 10 + i, 1600 + 160L * i, ATTACKER_PAYLOAD), callerPort);
            attacker.send(rtp(0x6666, 10 + i, 1600 + 160L * i, ATTACKER_PAYLOAD), upstreamPort);
        }

        final List<Received> atRegion = drain(region, 300);
        final List<Received> atCaller = drain(caller, 300);
        assertThat(atRegion).extracting(Received::payload).containsExactly(CALLER_PAYLOAD, CALLER_PAYLOAD,
                CALLER_PAYLOAD, CALLER_PAYLOAD, CALLER_PAYLOAD);
        assertThat(atCaller).extracting(Received::payload).containsExactly(REGION_PAYLOAD, REGION_PAYLOAD,
                REGION_PAYLOAD, REGION_PAYLOAD, REGION_PAYLOAD);
        assertThat(attacker.receive(100)).isNull();
        assertThat(loop.counters().get(MediaCounter.RTP_DROPPED_FOREIGN_SOURCE)).isEqualTo(5);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldLearnNattedCallerOnlyInsideWindowWhenLearningIsAllowed(MediaTransport transport) throws Exception {
        start(transport, config(LatchPolicy.LEARN_WITHIN_WINDOW, Duration.ofMillis(300), Duration.ofSeconds(10),
                false));
        final UdpPeer nattedCaller = peer();
        final UdpPeer region = peer();
        final UdpPeer attacker = peer();
        final MediaSession session = open(4, UdpPeer.closedAddress(), null, region.address(), null);
        final int callerPort = session.localPort(MediaSide.CALLER);

        nattedCaller.send(rtp(0xCA11, 1, 0, CALLER_PAYLOAD), callerPort);
        assertThat(receive(region).payload()).isEqualTo(CALLER_PAYLOAD);
        region.send(rtp(0x4E61, 1, 0, REGION_PAYLOAD), session.localPort(MediaSide.UPSTREAM));
        assertThat(receive(nattedCaller).payload()).isEqualTo(REGION_PAYLOAD);
        attacker.send(rtp(0x6666, 1, 0, ATTACKER_PAYLOAD), callerPort);
        awaitLatched(session, MediaSide.CALLER);
        for (int i = 0; i < 5; i++) {
            attacker.send(rtp(0x6666, 2 + i, 160L * i, ATTACKER_PAYLOAD), callerPort);
            nattedCaller.send(rtp(0xCA11, 2 + i, 160L + 160L * i, CALLER_PAYLOAD), callerPort);
        }

        assertThat(drain(region, 300)).extracting(Received::payload).containsOnly(CALLER_PAYLOAD).hasSize(5);
        assertThat(onLoop(() -> session.latchedRemote(MediaSide.CALLER))).isEqualTo(nattedCaller.address());
        assertThat(attacker.receive(100)).isNull();
        assertThat(loop.counters().get(MediaCounter.REMOTE_LATCHED)).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldReportPortUnreachableWhenUpstreamPortIsClosed(MediaTransport transport) throws Exception {
        start(transport, config(LatchPolicy.STRICT_SIGNALLED));
        final UdpPeer caller = peer();
        final MediaSession session = open(5, caller.address(), null, UdpPeer.closedAddress(), null);

        Fault fault = null;
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int seq = 0; fault == null && deadlineNs - System.nanoTime() > 0; seq++) {
            caller.send(rtp(0xCA11, seq, 160L * seq, CALLER_PAYLOAD), session.localPort(MediaSide.CALLER));
            fault = faults.poll(20, TimeUnit.MILLISECONDS);
        }

        assertThat(fault).isEqualTo(new Fault(5, MediaSide.UPSTREAM, MediaFault.PORT_UNREACHABLE));
        assertThat(loop.counters().get(MediaCounter.MEDIA_PORT_UNREACHABLE)).isPositive();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldNotReportTheOldUpstreamsPortUnreachableAgainstTheNewOneWhenRetargetedWithTheErrorPending(
            MediaTransport transport) throws Exception {
        start(transport, config(LatchPolicy.STRICT_SIGNALLED));
        final UdpPeer caller = peer();
        final UdpPeer region = peer();
        final MediaSession session = open(6, caller.address(), null, UdpPeer.closedAddress(), null);
        final int callerPort = session.localPort(MediaSide.CALLER);
        Fault first = null;
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int seq = 0; first == null && deadlineNs - System.nanoTime() > 0; seq++) {
            caller.send(rtp(0xCA11, seq, 160L * seq, CALLER_PAYLOAD), callerPort);
            first = faults.poll(20, TimeUnit.MILLISECONDS);
        }
        assertThat(first).isEqualTo(new Fault(6, MediaSide.UPSTREAM, MediaFault.PORT_UNREACHABLE));

        // One more packet to the closed port, its ICMP error still pending on the socket when the retarget comes.
        onLoop(() -> {
            final ByteBuf late = Unpooled.wrappedBuffer(rtp(0xCA11, 500, 160L * 500, CALLER_PAYLOAD));
            session.onDatagram(session.endpoint(MediaSide.CALLER), false, new DatagramPacket(
                    late, new InetSocketAddress(InetAddress.getLoopbackAddress(), callerPort), caller.address()));
            session.flushPending();
            session.retarget(region.address(), null, 2, loop.clock().nanoTime());
            return null;
        });
        for (int seq = 501; seq < 511; seq++) {
            caller.send(rtp(0xCA11, seq, 160L * seq, CALLER_PAYLOAD), callerPort);
            assertThat(receive(region).payload()).isEqualTo(CALLER_PAYLOAD);
        }

        assertThat(faults.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldReportMediaTimeoutWhenUpstreamStopsWhileCallerSends(MediaTransport transport) throws Exception {
        start(transport, config(LatchPolicy.STRICT_SIGNALLED, Duration.ZERO, Duration.ofMillis(100), false));
        final UdpPeer caller = peer();
        final UdpPeer region = peer();
        final MediaSession session = open(6, caller.address(), null, region.address(), null);
        region.send(rtp(0x4E61, 1, 0, REGION_PAYLOAD), session.localPort(MediaSide.UPSTREAM));
        receive(caller);

        Fault fault = null;
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int seq = 0; fault == null && deadlineNs - System.nanoTime() > 0; seq++) {
            caller.send(rtp(0xCA11, seq, 160L * seq, CALLER_PAYLOAD), session.localPort(MediaSide.CALLER));
            fault = faults.poll(20, TimeUnit.MILLISECONDS);
        }

        assertThat(fault).isEqualTo(new Fault(6, MediaSide.UPSTREAM, MediaFault.MEDIA_TIMEOUT));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldRelayRtcpWithMappedSsrcsWhenPortsArePaired(MediaTransport transport) throws Exception {
        start(transport, config(LatchPolicy.STRICT_SIGNALLED));
        final UdpPeer caller = peer();
        final UdpPeer callerRtcp = peer();
        final UdpPeer region = peer();
        final UdpPeer regionRtcp = peer();
        final MediaSession session = open(7, caller.address(), callerRtcp.address(), region.address(),
                regionRtcp.address());
        caller.send(rtp(0xCA11, 1, 0, CALLER_PAYLOAD), session.localPort(MediaSide.CALLER));
        receive(region);
        final ByteBuf sr = new RtcpCompoundBuilder().sr(0xCA11, 0x0000_1111_2222_0000L, 0, 1, 160)
                .sdesCname("caller", 0xCA11).build();
        final byte[] srBytes = new byte[sr.readableBytes()];
        sr.readBytes(srBytes);
        sr.release();

        callerRtcp.send(srBytes, session.localRtcpPort(MediaSide.CALLER));
        final byte[] relayed = regionRtcp.receive(RECEIVE_TIMEOUT_MS);

        assertThat(relayed).isNotNull();
        final RtcpPacket rtcp = new RtcpPacket().wrap(Unpooled.wrappedBuffer(relayed));
        rtcp.first();
        final long toUpstream = session.stream(MediaSide.CALLER).rewriter().outgoingSsrc();
        assertThat(rtcp.ssrc()).isEqualTo(toUpstream);
        rtcp.next();
        assertThat(rtcp.sdesChunkSsrc(rtcp.firstSdesChunk())).isEqualTo(toUpstream);
        assertThat(loop.counters().get(MediaCounter.RTCP_FORWARDED)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldRelayRtpAndRtcpOnOnePortWhenRtcpIsMuxed(MediaTransport transport) throws Exception {
        start(transport, config(LatchPolicy.STRICT_SIGNALLED, Duration.ZERO, Duration.ofSeconds(10), true));
        final UdpPeer caller = peer();
        final UdpPeer region = peer();
        final MediaSession session = open(8, caller.address(), null, region.address(), null);
        final ByteBuf rr = new RtcpCompoundBuilder().rr(0x4E61).build();
        final byte[] rrBytes = new byte[rr.readableBytes()];
        rr.readBytes(rrBytes);
        rr.release();

        region.send(rtp(0x4E61, 1, 0, REGION_PAYLOAD), session.localPort(MediaSide.UPSTREAM));
        region.send(rrBytes, session.localPort(MediaSide.UPSTREAM));

        assertThat(session.localRtcpPort(MediaSide.UPSTREAM)).isEqualTo(session.localPort(MediaSide.UPSTREAM));
        assertThat(receive(caller).payload()).isEqualTo(REGION_PAYLOAD);
        final byte[] relayed = caller.receive(RECEIVE_TIMEOUT_MS);
        assertThat(relayed).isNotNull();
        assertThat(new RtcpPacket().wrap(Unpooled.wrappedBuffer(relayed)).ssrc())
                .isEqualTo(session.callerFacingRewriter().outgoingSsrc());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldContinueCallerStreamWhenPromptFramesReplaceUpstream(MediaTransport transport) throws Exception {
        start(transport, config(LatchPolicy.STRICT_SIGNALLED));
        final UdpPeer caller = peer();
        final UdpPeer regionA = peer();
        final UdpPeer regionB = peer();
        final MediaSession session = open(9, caller.address(), null, regionA.address(), null);
        final int upstreamPort = session.localPort(MediaSide.UPSTREAM);
        final List<Received> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            regionA.send(rtp(0xAAAA, 100 + i, 160L * i, REGION_PAYLOAD), upstreamPort);
            seen.add(receive(caller));
        }

        onLoop(() -> {
            session.forwarding(MediaSide.UPSTREAM, false);
            for (int i = 0; i < 3; i++) {
                final ByteBuf frame = Unpooled.directBuffer(172).writeZero(172);
                new RtpHeader().wrap(frame).writeFixedHeader(0, false, 0, 0, 0);
                frame.setByte(12, 0x11);
                assertThat(session.sendToCaller(frame, 160, i == 0, loop.clock().nanoTime())).isTrue();
            }
            return null;
        });
        for (int i = 0; i < 3; i++) {
            seen.add(receive(caller));
        }
        regionA.send(rtp(0xAAAA, 103, 480, REGION_PAYLOAD), upstreamPort);
        assertThat(caller.receive(200)).isNull();
        onLoop(() -> {
            session.retarget(regionB.address(), null, 2, loop.clock().nanoTime());
            return null;
        });
        regionB.send(rtp(0xBBBB, 9, 90_000, REGION_PAYLOAD + 1), upstreamPort);
        seen.add(receive(caller));

        assertThat(seen).extracting(Received::ssrc).containsOnly(session.callerFacingRewriter().outgoingSsrc());
        assertThat(seen).extracting(Received::seq).containsExactly(100, 101, 102, 103, 104, 105, 106);
        assertThat(seen).extracting(Received::payload).containsExactly(REGION_PAYLOAD, REGION_PAYLOAD,
                REGION_PAYLOAD, 0x11, 0x11, 0x11, REGION_PAYLOAD + 1);
        assertThat(seen).extracting(Received::marker).containsExactly(false, false, false, true, false, false, true);
        assertThat(seen.get(4).ts() - seen.get(3).ts()).isEqualTo(160);
        assertThat(loop.counters().get(MediaCounter.LOCAL_FRAMES_SENT)).isEqualTo(3);
        assertThat(loop.counters().get(MediaCounter.RTP_DROPPED_FORWARDING_OFF)).isEqualTo(1);
    }
}
