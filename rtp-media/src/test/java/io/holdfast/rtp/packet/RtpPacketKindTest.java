package io.holdfast.rtp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RtpPacketKindTest {

    private static RtpPacketKind classify(int first, int second) {
        final byte[] bytes = {(byte) first, (byte) second, 0, 0, 0, 0, 0, 0};
        return RtpPacketKind.classify(Unpooled.wrappedBuffer(bytes), 0, bytes.length);
    }

    @Test
    void shouldClassifyRtcpWhenSecondOctetIsInRfc5761Range() {
        assertThat(classify(0x80, 192)).isEqualTo(RtpPacketKind.RTCP);
        assertThat(classify(0x81, 200)).isEqualTo(RtpPacketKind.RTCP);
        assertThat(classify(0x80, 223)).isEqualTo(RtpPacketKind.RTCP);
    }

    @Test
    void shouldClassifyRtpWhenSecondOctetIsOutsideRtcpRange() {
        assertThat(classify(0x80, 191)).isEqualTo(RtpPacketKind.RTP);
        assertThat(classify(0x80, 224)).isEqualTo(RtpPacketKind.RTP);
        assertThat(classify(0x80, 0)).isEqualTo(RtpPacketKind.RTP);
        assertThat(classify(0x80, 0x80 | 96)).isEqualTo(RtpPacketKind.RTP);
    }

    @Test
    void shouldClassifyNotRtpWhenFirstOctetIsStunOrDtls() {
        assertThat(classify(0x00, 0x01)).isEqualTo(RtpPacketKind.NOT_RTP);
        assertThat(classify(22, 0xFE)).isEqualTo(RtpPacketKind.NOT_RTP);
        assertThat(classify(0xC0, 0)).isEqualTo(RtpPacketKind.NOT_RTP);
        assertThat(classify(0x7F, 0)).isEqualTo(RtpPacketKind.NOT_RTP);
    }

    @Test
    void shouldClassifyNotRtpWhenDatagramIsShorterThanFourOctets() {
        assertThat(RtpPacketKind.classify(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 0, 0}), 0, 3))
                .isEqualTo(RtpPacketKind.NOT_RTP);
    }
}
