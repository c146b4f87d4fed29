package io.holdfast.rtp.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.rtp.stats.MediaCounter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MediaLoopTest {

    private final CachedNanoClock clock = new CachedNanoClock();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterEach
    void shutdown() {
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    }

    private MediaLoop loop(int firstPort, int lastPort) {
        final MediaConfig config = new MediaConfig(InetAddress.getLoopbackAddress(), firstPort, lastPort, false,
                Duration.ofSeconds(30), LatchPolicy.STRICT_SIGNALLED, LatchPolicy.STRICT_SIGNALLED, Duration.ZERO,
                Duration.ofMillis(60), Duration.ofSeconds(30), Duration.ofSeconds(1), 64);
        return new MediaLoop(group.next(), MediaTransport.NIO, config, 0, 1, clock, (s, side, fault, nowNs) -> { });
    }

    @Test
    void shouldFailOpeningWithoutBindingWhenPortsAreExhausted() {
        final MediaLoop loop = loop(20000, 20001);

        final Future<MediaSession> opened = loop.openSession(1, new MediaSessionSpec(8000, -1, null, null, null, null,
                1)).awaitUninterruptibly();

        assertThat(opened.cause()).isInstanceOf(MediaPortsExhaustedException.class);
        assertThat(loop.counters().get(MediaCounter.PORTS_EXHAUSTED)).isEqualTo(1);
        assertThat(loop.sessionCount()).isZero();
        assertThat(loop.ports().inUse()).isZero();
        assertThat(loop.ports().quarantined()).isEqualTo(1);
    }

    @Test
    void shouldRefuseSecondSessionWhenIdIsTaken() {
        final MediaLoop loop = loop(0, 0);
        loop.createSession(1, new MediaSessionSpec(8000, -1, null, null, null, null, 1));

        assertThatThrownBy(() -> loop.createSession(1, new MediaSessionSpec(8000, -1, null, null, null, null, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
    }

    @Test
    void shouldForgetSessionWhenClosed() {
        final MediaLoop loop = loop(0, 0);
        final MediaSession first = loop.createSession(1, new MediaSessionSpec(8000, -1, null, null, null, null, 1));
        final MediaSession second = loop.createSession(2, new MediaSessionSpec(8000, -1, null, null, null, null, 1));
        final MediaSession third = loop.createSession(3, new MediaSessionSpec(8000, -1, null, null, null, null, 1));

        first.close();
        first.close();

        assertThat(loop.sessionCount()).isEqualTo(2);
        assertThat(loop.session(1)).isNull();
        assertThat(loop.session(2)).isSameAs(second);
        assertThat(loop.session(3)).isSameAs(third);
        assertThat(loop.counters().get(MediaCounter.SESSIONS_CLOSED)).isEqualTo(1);
        loop.close();
        assertThat(loop.sessionCount()).isZero();
        assertThat(third.state()).isEqualTo(MediaSession.State.CLOSED);
    }

    @Test
    void shouldGiveEachStreamItsOwnIdWhenSampled() {
        final MediaSession session = loop(0, 0).createSession(21,
                new MediaSessionSpec(8000, -1, null, null, null, null, 1));

        assertThat(session.streamId(MediaSide.CALLER)).isEqualTo(42);
        assertThat(session.streamId(MediaSide.UPSTREAM)).isEqualTo(43);
        assertThat(session.localPort(MediaSide.CALLER)).isEqualTo(-1);
        assertThat(session.callerFacingRewriter()).isSameAs(session.stream(MediaSide.UPSTREAM).rewriter());
    }
}
