package io.holdfast.rtp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.rtp.packet.RtpPacketBuilder;
import io.holdfast.rtp.ring.MediaSampleKind;
import io.holdfast.rtp.stats.MediaCounter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MediaTimeoutSweeperTest {

    private static final long MS = 1_000_000L;
    private static final long UPSTREAM_TIMEOUT_NS = 60 * MS;
    private static final long CALLER_TIMEOUT_NS = 30_000 * MS;

    private record Fault(long sessionId, MediaSide side, MediaFault fault, long nowNs) {
    }

    private final CachedNanoClock clock = new CachedNanoClock();
    private final List<Fault> faults = new ArrayList<>();
    private EventLoopGroup group;
    private MediaLoop loop;
    private MediaSession session;
    private int callerSeq;
    private int upstreamSeq;

    @BeforeEach
    void createLoop() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        final MediaConfig config = new MediaConfig(InetAddress.getLoopbackAddress(), 0, 0, false, Duration.ZERO,
                LatchPolicy.LEARN_WITHIN_WINDOW, LatchPolicy.STRICT_SIGNALLED, Duration.ofSeconds(3),
                Duration.ofNanos(UPSTREAM_TIMEOUT_NS), Duration.ofNanos(CALLER_TIMEOUT_NS), Duration.ofSeconds(1), 64);
        loop = new MediaLoop(group.next(), MediaTransport.NIO, config, 0, 1, clock,
                (s, side, fault, nowNs) -> faults.add(new Fault(s.id(), side, fault, nowNs)));
        session = loop.createSession(7, new MediaSessionSpec(8000, 101, new InetSocketAddress("192.0.2.1", 4000), null,
                new InetSocketAddress("192.0.2.2", 5000), null, 3));
    }

    @AfterEach
    void shutdown() {
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    }

    private void packet(MediaSide side) {
        final int seq = side == MediaSide.CALLER ? callerSeq++ : upstreamSeq++;
        final ByteBuf buf = new RtpPacketBuilder().ssrc(side == MediaSide.CALLER ? 1 : 2).sequence(seq)
                .timestamp(seq * 160L).build();
        try {
            session.stream(side).forwardRtp(buf, clock.nanoTime());
        } finally {
            buf.release();
        }
    }

    private void sweep() {
        loop.sweeper().sweep(clock.nanoTime());
    }

    @Test
    void shouldReportUpstreamTimeoutWhenCallerStillSends() {
        packet(MediaSide.CALLER);
        packet(MediaSide.UPSTREAM);
        clock.advance(40 * MS);
        packet(MediaSide.CALLER);

        clock.advance(UPSTREAM_TIMEOUT_NS - 40 * MS);
        sweep();
        assertThat(faults).isEmpty();

        clock.advance(1);
        sweep();
        assertThat(faults).containsExactly(new Fault(7, MediaSide.UPSTREAM, MediaFault.MEDIA_TIMEOUT, 60 * MS + 1));
        assertThat(loop.counters().get(MediaCounter.MEDIA_TIMEOUTS)).isEqualTo(1);
        final List<MediaSampleKind> kinds = new ArrayList<>();
        loop.samples().drain((id, tag, kind, value, time) -> {
            kinds.add(kind);
            assertThat(id).isEqualTo(session.streamId(MediaSide.UPSTREAM));
            assertThat(tag).isEqualTo(3);
            assertThat(value).isEqualTo(60.000001);
        }, 10);
        assertThat(kinds).containsExactly(MediaSampleKind.MEDIA_TIMEOUT);
    }

    @Test
    void shouldReportOnceUntilStreamResumesWhenSilenceGoesOn() {
        packet(MediaSide.UPSTREAM);
        clock.advance(61 * MS);
        packet(MediaSide.CALLER);
        sweep();
        clock.advance(10 * MS);
        packet(MediaSide.CALLER);
        sweep();
        assertThat(faults).hasSize(1);

        packet(MediaSide.UPSTREAM);
        clock.advance(UPSTREAM_TIMEOUT_NS);
        packet(MediaSide.CALLER);
        sweep();
        assertThat(faults).hasSize(1);
        clock.advance(1);
        sweep();
        assertThat(faults).hasSize(2);
    }

    @Test
    void shouldNotReportWhenOppositeDirectionIsSilentToo() {
        packet(MediaSide.CALLER);
        packet(MediaSide.UPSTREAM);

        clock.advance(UPSTREAM_TIMEOUT_NS + 1);
        sweep();

        assertThat(faults).isEmpty();
    }

    @Test
    void shouldCountSilenceFromSessionStartWhenUpstreamNeverSent() {
        clock.advance(UPSTREAM_TIMEOUT_NS);
        packet(MediaSide.CALLER);
        sweep();
        assertThat(faults).isEmpty();

        clock.advance(1);
        sweep();

        assertThat(faults).containsExactly(new Fault(7, MediaSide.UPSTREAM, MediaFault.MEDIA_TIMEOUT,
                UPSTREAM_TIMEOUT_NS + 1));
    }

    @Test
    void shouldCountSilenceFromRetargetWhenUpstreamIsReplaced() {
        packet(MediaSide.UPSTREAM);
        clock.advance(50 * MS);
        session.retarget(new InetSocketAddress("192.0.2.3", 6000), null, 4, clock.nanoTime());
        clock.advance(UPSTREAM_TIMEOUT_NS);
        packet(MediaSide.CALLER);
        sweep();
        assertThat(faults).isEmpty();

        clock.advance(1);
        sweep();

        assertThat(faults).containsExactly(new Fault(7, MediaSide.UPSTREAM, MediaFault.MEDIA_TIMEOUT, 110 * MS + 1));
        assertThat(session.upstreamTag()).isEqualTo(4);
        assertThat(loop.counters().get(MediaCounter.RETARGETS)).isEqualTo(1);
    }

    @Test
    void shouldReportCallerTimeoutWhenUpstreamStillSends() {
        packet(MediaSide.CALLER);
        clock.advance(CALLER_TIMEOUT_NS);
        packet(MediaSide.UPSTREAM);
        sweep();
        clock.advance(1);
        sweep();

        assertThat(faults).containsExactly(new Fault(7, MediaSide.CALLER, MediaFault.MEDIA_TIMEOUT,
                CALLER_TIMEOUT_NS + 1));
    }

    @Test
    void shouldVisitEverySessionWhenListenerClosesTheOneReported() {
        loop = new MediaLoop(group.next(), MediaTransport.NIO, loop.config(), 0, 1, clock, (s, side, fault, nowNs) -> {
            faults.add(new Fault(s.id(), side, fault, nowNs));
            s.close();
        });
        session = loop.createSession(7, new MediaSessionSpec(8000, 101, null, null, null, null, 3));
        final MediaSession second = loop.createSession(8, new MediaSessionSpec(8000, 101, null, null, null, null, 3));
        clock.advance(UPSTREAM_TIMEOUT_NS + 1);
        packet(MediaSide.CALLER);
        feed(second, MediaSide.CALLER);

        sweep();

        assertThat(faults).extracting(Fault::sessionId).containsExactly(7L, 8L);
        assertThat(loop.sessionCount()).isZero();
        assertThat(session.state()).isEqualTo(MediaSession.State.CLOSED);
        assertThat(second.state()).isEqualTo(MediaSession.State.CLOSED);
    }

    @Test
    void shouldSampleQualityOfEveryStreamWhenSamplerRuns() {
        packet(MediaSide.CALLER);
        packet(MediaSide.CALLER);
        packet(MediaSide.UPSTREAM);
        clock.advance(1_000 * MS);

        loop.sampler().sample(clock.nanoTime());

        // the two caller packets (timestamps 0 and 160) arrived together: |D| = 160, J = 160 / 16 = 10 units = 1.25 ms
        final List<String> samples = new ArrayList<>();
        loop.samples().drain((id, tag, kind, value, time) -> samples.add(id + " " + kind + " " + value), 100);
        assertThat(samples).containsExactly(
                "14 PACKETS_RECEIVED 2.0", "14 JITTER_MS 1.25", "14 LOSS_FRACTION 0.0",
                "15 PACKETS_RECEIVED 1.0", "15 JITTER_MS 0.0", "15 LOSS_FRACTION 0.0");
    }

    private void feed(MediaSession target, MediaSide side) {
        final ByteBuf buf = new RtpPacketBuilder().ssrc(9).sequence(callerSeq++).build();
        try {
            target.stream(side).forwardRtp(buf, clock.nanoTime());
        } finally {
            buf.release();
        }
    }
}
