package io.holdfast.relay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.relay.time.ManualNanoClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RouteChangeEventTest {
    private static final HashedCallId CALL = TestEvents.HASHER.hash("call-1");

    @Test
    void shouldCarryTheClockMeasurementsWhenBuilt() {
        ManualNanoClock clock = new ManualNanoClock();

        RouteChangeEvent event = TestEvents.mediaTimeoutFailover(clock, "call-1");

        assertThat(event.time()).isEqualTo(Instant.ofEpochMilli(clock.epochMillis()));
        assertThat(event.callId()).isEqualTo(CALL);
        assertThat(event.category()).isEqualTo(CauseCategory.INFRA);
        assertThat(event.detection()).isEqualTo(Duration.ofMillis(61));
        assertThat(event.promptStart()).isEqualTo(Duration.ofMillis(4));
        assertThat(event.reanchor()).isEqualTo(Duration.ofMillis(184));
        assertThat(event.callerHeardGap()).isEqualTo(Duration.ofMillis(65));
        assertThat(event.attempt()).isEqualTo(1);
        assertThat(event.escalationReason()).isNull();
    }

    @Test
    void shouldLeaveMeasurementsAbsentWhenACallEnds() {
        RouteChangeEvent event = TestEvents.callEnd(new ManualNanoClock(), "call-1", "west");

        assertThat(event.detection()).isNull();
        assertThat(event.callerHeardGap()).isNull();
        assertThat(event.toRegion()).isNull();
        assertThat(event.attempt()).isZero();
        assertThat(event.category()).isEqualTo(CauseCategory.NORMAL);
    }

    @Test
    void shouldRefuseWhenAnIntentFailureWouldMoveACall() {
        assertThatThrownBy(() -> RouteChangeEvent.builder(0, CALL, CauseTag.INTENT_NOT_UNDERSTOOD, RouteOutcome.REANCHORED)
                .from("east").to("west").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an intent failure never moves a call to a region: INTENT_NOT_UNDERSTOOD REANCHORED");
        assertThat(RouteChangeEvent.builder(0, CALL, CauseTag.INTENT_HUMAN_REQUESTED, RouteOutcome.ESCALATED)
                .from("east").escalationReason("caller asked for a person").build().category())
                .isEqualTo(CauseCategory.INTENT);
    }

    @Test
    void shouldRefuseWhenAPartIsOutOfRange() {
        assertThatThrownBy(() -> RouteChangeEvent.builder(-1, CALL, CauseTag.CALLER_HANGUP, RouteOutcome.ENDED).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteChangeEvent.builder(0, CALL, CauseTag.MEDIA_TIMEOUT, RouteOutcome.REANCHORED)
                .detectionNs(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("detection is negative");
        assertThatThrownBy(() -> RouteChangeEvent.builder(0, CALL, CauseTag.MEDIA_TIMEOUT, RouteOutcome.REANCHORED)
                .attempt(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteChangeEvent.builder(0, CALL, CauseTag.MEDIA_TIMEOUT, RouteOutcome.ESCALATED)
                .escalationReason("x".repeat(RouteChangeEvent.MAX_ESCALATION_REASON_LENGTH + 1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteChangeEvent.builder(0, CALL, CauseTag.MEDIA_TIMEOUT, RouteOutcome.REANCHORED)
                .from(" ").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteChangeEvent.builder(0, null, CauseTag.MEDIA_TIMEOUT, RouteOutcome.REANCHORED).build())
                .isInstanceOf(NullPointerException.class);
    }
}
