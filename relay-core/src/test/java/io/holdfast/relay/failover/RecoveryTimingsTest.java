package io.holdfast.relay.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.relay.events.CallIdHasher;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.events.RouteOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecoveryTimingsTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 5_000 * MS;

    private static RouteChangeEvent event(RecoveryTimings timings) {
        return timings.applyTo(RouteChangeEvent.builder(0, CallIdHasher.withRandomKey().hash("c@h"),
                CauseTag.MEDIA_TIMEOUT, RouteOutcome.REANCHORED)).build();
    }

    @Test
    void shouldMeasureFromLastPacketWhenUpstreamSentOne() {
        RecoveryTimings timings = new RecoveryTimings(T0, T0 + 65 * MS);
        timings.promptStarted(T0 + 65 * MS + 200_000);
        timings.promptStarted(T0 + 90 * MS);
        timings.reanchored(T0 + 110 * MS);

        RouteChangeEvent event = event(timings);

        assertThat(event.detection()).isEqualTo(Duration.ofMillis(65));
        assertThat(event.promptStart()).isEqualTo(Duration.ofNanos(200_000));
        assertThat(event.callerHeardGap()).isEqualTo(Duration.ofNanos(65 * MS + 200_000));
        assertThat(event.reanchor()).isEqualTo(Duration.ofMillis(45));
        assertThat(timings.promptStartDelayNs()).isEqualTo(200_000);
        assertThat(timings.reanchorDelayNs()).isEqualTo(45 * MS);
    }

    @Test
    void shouldMeasureFromDetectionWhenUpstreamNeverSent() {
        RecoveryTimings timings = new RecoveryTimings(RecoveryTimings.NONE, T0);
        timings.promptStarted(T0 + MS);

        RouteChangeEvent event = event(timings);

        assertThat(event.detection()).isEqualTo(Duration.ZERO);
        assertThat(event.callerHeardGap()).isEqualTo(Duration.ofMillis(1));
        assertThat(event.reanchor()).isNull();
    }

    @Test
    void shouldLeavePromptFieldsOutWhenNoPromptPlayed() {
        RecoveryTimings timings = new RecoveryTimings(T0, T0 + 10 * MS);

        RouteChangeEvent event = event(timings);

        assertThat(event.promptStart()).isNull();
        assertThat(event.callerHeardGap()).isNull();
        assertThat(timings.promptStartDelayNs()).isEqualTo(RecoveryTimings.NONE);
    }
}
