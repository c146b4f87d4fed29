package io.holdfast.rtp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpTimestampTest {

    @Test
    void shouldWrapWhenArithmeticCrossesThirtyTwoBits() {
        assertThat(RtpTimestamp.add(0xFFFF_FF60L, 160)).isZero();
        assertThat(RtpTimestamp.add(0xFFFF_FFFFL, 1)).isZero();
        assertThat(RtpTimestamp.add(100, -160)).isEqualTo(0xFFFF_FFC4L);
        assertThat(RtpTimestamp.difference(0, 0xFFFF_FF60L)).isEqualTo(160);
        assertThat(RtpTimestamp.difference(0xFFFF_FF60L, 0)).isEqualTo(-160);
        assertThat(RtpTimestamp.isNewer(80, 0xFFFF_FFF0L)).isTrue();
        assertThat(RtpTimestamp.isNewer(0xFFFF_FFF0L, 80)).isFalse();
    }

    @Test
    void shouldConvertBetweenNanosAndUnitsWhenClockRateIsGiven() {
        assertThat(RtpTimestamp.fromNanos(20_000_000L, 8000)).isEqualTo(160);
        assertThat(RtpTimestamp.fromNanos(20_000_000L, 48000)).isEqualTo(960);
        assertThat(RtpTimestamp.fromNanos(3_600_000_000_000L, 48000)).isEqualTo(172_800_000L);
        assertThat(RtpTimestamp.fromNanos(124_999L, 8000)).isZero();
        assertThat(RtpTimestamp.fromNanos(125_000L, 8000)).isEqualTo(1);
        assertThat(RtpTimestamp.toNanos(160, 8000)).isEqualTo(20_000_000L);
        assertThat(RtpTimestamp.toNanos(8001, 8000)).isEqualTo(1_000_125_000L);
    }

    @Test
    void shouldRoundToNearestFrameWhenUnitsFallBetweenFrames() {
        assertThat(RtpTimestamp.roundToFrames(239, 160)).isEqualTo(160);
        assertThat(RtpTimestamp.roundToFrames(240, 160)).isEqualTo(320);
        assertThat(RtpTimestamp.roundToFrames(0, 160)).isEqualTo(160);
        assertThat(RtpTimestamp.roundToFrames(1600, 160)).isEqualTo(1600);
    }
}
