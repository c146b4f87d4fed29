package io.holdfast.rtp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.rtp.packet.RtpSequenceNumber.Update;
import org.junit.jupiter.api.Test;

class RtpSequenceNumberTest {

    private final RtpSequenceNumber sequence = new RtpSequenceNumber();

    @Test
    void shouldWrapWhenArithmeticCrossesSixteenBits() {
        assertThat(RtpSequenceNumber.next(65535)).isZero();
        assertThat(RtpSequenceNumber.add(65530, 10)).isEqualTo(4);
        assertThat(RtpSequenceNumber.add(3, -5)).isEqualTo(65534);
        assertThat(RtpSequenceNumber.difference(0, 65535)).isEqualTo(1);
        assertThat(RtpSequenceNumber.difference(65535, 0)).isEqualTo(-1);
        assertThat(RtpSequenceNumber.difference(10, 5)).isEqualTo(5);
        assertThat(RtpSequenceNumber.isNewer(2, 65000)).isTrue();
        assertThat(RtpSequenceNumber.isNewer(65000, 2)).isFalse();
        assertThat(RtpSequenceNumber.isNewer(7, 7)).isFalse();
    }

    @Test
    void shouldHoldSourceOnProbationWhenOnlyOnePacketWasSeen() {
        assertThat(sequence.update(1000)).isEqualTo(Update.PROBATION);
        assertThat(sequence.isValid()).isFalse();
        assertThat(sequence.update(1001)).isEqualTo(Update.IN_ORDER);
        assertThat(sequence.isValid()).isTrue();
        assertThat(sequence.base()).isEqualTo(1001);
        assertThat(sequence.extendedHighest()).isEqualTo(1001);
    }

    @Test
    void shouldRestartProbationWhenProbationPacketsAreNotSequential() {
        assertThat(sequence.update(10)).isEqualTo(Update.PROBATION);
        assertThat(sequence.update(12)).isEqualTo(Update.PROBATION);
        assertThat(sequence.update(13)).isEqualTo(Update.IN_ORDER);
        assertThat(sequence.base()).isEqualTo(13);
    }

    @Test
    void shouldCountCycleWhenSequenceWraps() {
        sequence.update(65534);
        sequence.update(65535);

        assertThat(sequence.update(0)).isEqualTo(Update.IN_ORDER);
        assertThat(sequence.wraps()).isEqualTo(1);
        assertThat(sequence.extendedHighest()).isEqualTo(65536);
        assertThat(sequence.update(5)).isEqualTo(Update.IN_ORDER);
        assertThat(sequence.extendedHighest()).isEqualTo(65541);
    }

    @Test
    void shouldClassifyLateWhenPacketIsWithinMisorderDistance() {
        sequence.update(100);
        sequence.update(101);
        sequence.update(110);

        assertThat(sequence.update(105)).isEqualTo(Update.LATE);
        assertThat(sequence.update(110 - RtpSequenceNumber.MAX_MISORDER + 1)).isEqualTo(Update.LATE);
        assertThat(sequence.highest()).isEqualTo(110);
    }

    @Test
    void shouldTreatGapAsLossWhenJumpIsBelowMaxDropout() {
        sequence.update(1);
        sequence.update(2);

        assertThat(sequence.update(2 + RtpSequenceNumber.MAX_DROPOUT - 1)).isEqualTo(Update.IN_ORDER);
    }

    @Test
    void shouldResynchroniseWhenTwoSequentialPacketsFollowLargeJump() {
        sequence.update(1);
        sequence.update(2);

        assertThat(sequence.update(40000)).isEqualTo(Update.BAD_JUMP);
        assertThat(sequence.highest()).isEqualTo(2);
        assertThat(sequence.update(40001)).isEqualTo(Update.RESTARTED);
        assertThat(sequence.base()).isEqualTo(40001);
        assertThat(sequence.extendedHighest()).isEqualTo(40001);
        assertThat(sequence.update(40002)).isEqualTo(Update.IN_ORDER);
    }

    @Test
    void shouldStayPutWhenLargeJumpIsNotFollowedBySequentialPacket() {
        sequence.update(1);
        sequence.update(2);

        assertThat(sequence.update(40000)).isEqualTo(Update.BAD_JUMP);
        assertThat(sequence.update(50000)).isEqualTo(Update.BAD_JUMP);
        assertThat(sequence.update(3)).isEqualTo(Update.IN_ORDER);
        assertThat(sequence.highest()).isEqualTo(3);
    }

    @Test
    void shouldExtendLatePacketAcrossWrapWhenHighestHasWrapped() {
        sequence.update(65534);
        sequence.update(65535);
        sequence.update(1);

        assertThat(sequence.extend(65535)).isEqualTo(65535);
        assertThat(sequence.extend(0)).isEqualTo(65536);
        assertThat(sequence.extend(1)).isEqualTo(65537);
    }

    @Test
    void shouldStartProbationAgainWhenReset() {
        sequence.update(1);
        sequence.update(2);
        sequence.reset();

        assertThat(sequence.update(500)).isEqualTo(Update.PROBATION);
    }
}
