package io.holdfast.rtp.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MediaConfigTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static MediaConfig config(int first, int last, boolean mux, Duration window, int ring) {
        return new MediaConfig(LOOPBACK, first, last, mux, Duration.ofSeconds(30), LatchPolicy.LEARN_WITHIN_WINDOW,
                LatchPolicy.STRICT_SIGNALLED, window, Duration.ofMillis(60), Duration.ofSeconds(30),
                Duration.ofSeconds(1), ring);
    }

    @Test
    void shouldUseDocumentedDefaultsWhenBuiltFromDefaults() {
        final MediaConfig config = MediaConfig.defaults(LOOPBACK);

        assertThat(config.latchPolicy(MediaSide.CALLER)).isEqualTo(LatchPolicy.LEARN_WITHIN_WINDOW);
        assertThat(config.latchPolicy(MediaSide.UPSTREAM)).isEqualTo(LatchPolicy.STRICT_SIGNALLED);
        assertThat(config.learningWindow()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.mediaTimeout(MediaSide.UPSTREAM)).isEqualTo(Duration.ofMillis(60));
        assertThat(config.ephemeralPorts()).isFalse();
    }

    @Test
    void shouldNameKeyAndFixWhenPortRangeIsInvalid() {
        assertThatThrownBy(() -> config(40000, 30000, false, Duration.ofSeconds(3), 64))
                .hasMessageContaining("media.port-range 40000-30000").hasMessageContaining("give");
        assertThatThrownBy(() -> config(30001, 30001, false, Duration.ofSeconds(3), 64))
                .hasMessageContaining("no even/odd RTP/RTCP pair");
        assertThat(config(30001, 30001, true, Duration.ofSeconds(3), 64).rtcpMux()).isTrue();
        assertThat(config(0, 0, false, Duration.ofSeconds(3), 64).ephemeralPorts()).isTrue();
    }

    @Test
    void shouldRejectLearningWindowWhenLongEnoughToLatchLateInCall() {
        assertThatThrownBy(() -> config(30000, 30099, false, Duration.ofSeconds(31), 64))
                .hasMessageContaining("media.learning-window").hasMessageContaining("RTP Bleed");
    }

    @Test
    void shouldRejectSampleRingWhenTooSmall() {
        assertThatThrownBy(() -> config(30000, 30099, false, Duration.ofSeconds(3), 8))
                .hasMessageContaining("media.sample-ring-capacity 8");
    }
}
