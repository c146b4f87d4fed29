package io.holdfast.rtp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.packet.RtpSequenceNumber;
import io.holdfast.rtp.stats.MediaCounter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 200 concurrent sessions on two relay loops, each with a caller and a region sending 50 packets/s for 10 s in
 * both directions over loopback: every packet must arrive, in order, under one SSRC. The only long test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MediaLoadIT {

    private static final int SESSIONS = 200;
    private static final int PACKETS_PER_STREAM = 500;
    private static final long PACKET_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int RELAY_LOOPS = 2;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final MediaTransport transport = MediaTransport.best();
    private final List<MediaLoop> loops = new ArrayList<>();
    private final List<Peer> peers = new ArrayList<>();
    private final List<ScheduledFuture<?>> pacers = new ArrayList<>();
    private EventLoopGroup relayGroup;
    private EventLoopGroup peerGroup;

    /** One caller or region: sends a paced RTP stream to its session port and checks the stream it receives. */
    private static final class Peer extends SimpleChannelInboundHandler<DatagramPacket> {
        private final RtpHeader header = new RtpHeader();
        private final long ssrc;
        private Channel channel;
        private InetSocketAddress target;
        private int sent;
        private volatile int received;
        private volatile int outOfOrder;
        private volatile int foreignSsrc;
        private long firstSsrc = -1;
        private int expectedSeq = -1;

        Peer(long ssrc) {
            this.ssrc = ssrc;
        }

        void sendNext() {
            if (sent == PACKETS_PER_STREAM || target == null) {
                return;
            }
            final ByteBuf buf = channel.alloc().directBuffer(172);
            header.wrap(buf.writeZero(172), 0, 172).writeFixedHeader(0, false, 40_000 + sent, 160L * sent, ssrc);
            channel.writeAndFlush(new DatagramPacket(buf, target), channel.voidPromise());
            sent++;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            header.wrap(packet.content());
            if (firstSsrc < 0) {
                firstSsrc = header.ssrc();
            } else if (header.ssrc() != firstSsrc) {
                foreignSsrc++;
            }
            final int seq = header.sequenceNumber();
            if (expectedSeq >= 0 && seq != expectedSeq) {
                outOfOrder++;
            }
            expectedSeq = RtpSequenceNumber.next(seq);
            received++;
        }
    }

    @AfterEach
    void stop() {
        pacers.forEach(pacer -> pacer.cancel(false));
        for (MediaLoop loop : loops) {
            loop.eventLoop().submit(loop::close).syncUninterruptibly();
        }
        if (peerGroup != null) {
            peerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (relayGroup != null) {
            relayGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void shouldRelayEveryPacketInOrderWhenTwoHundredSessionsStreamForTenSeconds() throws Exception {
        relayGroup = new MultiThreadIoEventLoopGroup(RELAY_LOOPS, transport.ioHandlerFactory());
        peerGroup = new MultiThreadIoEventLoopGroup(2, transport.ioHandlerFactory());
        final MediaConfig config = new MediaConfig(LOOPBACK, 0, 0, false, Duration.ZERO,
                LatchPolicy.STRICT_SIGNALLED, LatchPolicy.STRICT_SIGNALLED, Duration.ZERO, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(1), 4096);
        for (int i = 0; i < RELAY_LOOPS; i++) {
            final MediaLoop loop = new MediaLoop(relayGroup.next(), transport, config, i, RELAY_LOOPS,
                    SystemNanoClock.INSTANCE, (session, side, fault, nowNs) -> { });
            loop.start();
            loops.add(loop);
        }
        final List<Peer> callers = new ArrayList<>();
        final List<Peer> regions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            callers.add(bindPeer(0xCA00_0000L + i));
            regions.add(bindPeer(0x4E00_0000L + i));
        }
        for (int i = 0; i < SESSIONS; i++) {
            final Peer caller = callers.get(i);
            final Peer region = regions.get(i);
            final MediaSession session = loops.get(i % RELAY_LOOPS).openSession(i, new MediaSessionSpec(8000, -1,
                    (InetSocketAddress) caller.channel.localAddress(), null,
                    (InetSocketAddress) region.channel.localAddress(), null, 1)).get(5, TimeUnit.SECONDS);
            final InetSocketAddress callerTarget = new InetSocketAddress(LOOPBACK, session.localPort(MediaSide.CALLER));
            final InetSocketAddress regionTarget = new InetSocketAddress(LOOPBACK,
                    session.localPort(MediaSide.UPSTREAM));
            caller.channel.eventLoop().submit(() -> caller.target = callerTarget).syncUninterruptibly();
            region.channel.eventLoop().submit(() -> region.target = regionTarget).syncUninterruptibly();
        }

        for (int i = 0; i < 2; i++) {
            final EventLoop peerLoop = peerGroup.next();
            final List<Peer> onLoop = new ArrayList<>();
            for (Peer peer : peers) {
                if (peer.channel.eventLoop() == peerLoop) {
                    onLoop.add(peer);
                }
            }
            pacers.add(peerLoop.scheduleAtFixedRate(() -> onLoop.forEach(Peer::sendNext), 0, PACKET_INTERVAL_NS,
                    TimeUnit.NANOSECONDS));
        }
        // The senders and the relay share the machine's cores: on a loaded machine the senders fall behind their
        // schedule and the relay's loops wait for a CPU with packets queued in their sockets, which is not loss.
        // So the wait ends once everything was sent and nothing more arrived for 5 s (or at a hard cap), not at
        // a fixed time after the start or after the last send.
        final long hardDeadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(110);
        long drainDeadlineNs = 0;
        long lastReceived = -1;
        while (!allReceived() && hardDeadlineNs - System.nanoTime() > 0
                && (drainDeadlineNs == 0 || drainDeadlineNs - System.nanoTime() > 0)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            final long received = totalReceived();
            if (received != lastReceived) {
                lastReceived = received;
                drainDeadlineNs = 0;
            }
            if (drainDeadlineNs == 0 && allSent()) {
                drainDeadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            }
        }

        for (Peer peer : peers) {
            assertThat(peer.received).as("packets received by %08x", peer.ssrc).isEqualTo(PACKETS_PER_STREAM);
            assertThat(peer.outOfOrder).as("out of order at %08x", peer.ssrc).isZero();
            assertThat(peer.foreignSsrc).as("second SSRC at %08x", peer.ssrc).isZero();
        }
        long forwarded = 0;
        for (MediaLoop loop : loops) {
            forwarded += loop.counters().get(MediaCounter.RTP_FORWARDED);
            assertThat(loop.counters().get(MediaCounter.RTP_DROPPED_MALFORMED)).isZero();
            assertThat(loop.counters().get(MediaCounter.RTP_DROPPED_FOREIGN_SOURCE)).isZero();
            assertThat(loop.counters().get(MediaCounter.MEDIA_DROPPED_NOT_WRITABLE)).isZero();
            assertThat(loop.counters().get(MediaCounter.RTP_DROPPED_NO_TARGET)).isZero();
        }
        assertThat(forwarded).isEqualTo(2L * SESSIONS * PACKETS_PER_STREAM);
    }

    private Peer bindPeer(long ssrc) {
        final Peer peer = new Peer(ssrc);
        peer.channel = new Bootstrap().group(peerGroup).channelFactory(transport.channelFactory(LOOPBACK))
                .handler(peer).bind(new InetSocketAddress(LOOPBACK, 0)).syncUninterruptibly().channel();
        peers.add(peer);
        return peer;
    }

    private boolean allSent() {
        for (Peer peer : peers) {
            if (peer.channel.eventLoop().submit(() -> peer.sent).syncUninterruptibly().getNow() < PACKETS_PER_STREAM) {
                return false;
            }
        }
        return true;
    }

    private long totalReceived() {
        long received = 0;
        for (Peer peer : peers) {
            received += peer.received;
        }
        return received;
    }

    private boolean allReceived() {
        for (Peer peer : peers) {
            if (peer.received < PACKETS_PER_STREAM) {
                return false;
            }
        }
        return true;
    }
}
