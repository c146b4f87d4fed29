package io.holdfast.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DirectionTest {

    @ParameterizedTest
    @EnumSource(Direction.class)
    void shouldRoundTripTokenWhenLookedUp(Direction d) {
        assertThat(Direction.fromToken(d.token())).isSameAs(d);
        assertThat(Direction.of(d.sends(), d.receives())).isSameAs(d);
    }

    @Test
    void shouldGiveNullWhenTokenIsNotADirection() {
        assertThat(Direction.fromToken("rtcp-mux")).isNull();
        assertThat(Direction.fromToken("SENDRECV")).isNull();
    }

    @Test
    void shouldMirrorOneWayOffersWhenAnswererWantsEverything() {
        assertThat(Direction.SENDONLY.answer(Direction.SENDRECV)).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.RECVONLY.answer(Direction.SENDRECV)).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.INACTIVE.answer(Direction.SENDRECV)).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.SENDRECV.answer(Direction.SENDRECV)).isEqualTo(Direction.SENDRECV);
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void shouldNeverSendWhatTheOffererDoesNotReceiveWhenAnswering(Direction offered) {
        for (Direction wanted : Direction.values()) {
            Direction answered = offered.answer(wanted);
            assertThat(!answered.sends() || offered.receives() && wanted.sends()).isTrue();
            assertThat(!answered.receives() || offered.sends() && wanted.receives()).isTrue();
        }
    }
}
