package io.holdfast.rtp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.rtp.packet.RtcpCompoundBuilder.Block;
import io.holdfast.rtp.packet.RtpValidation.Result;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RtpValidationTest {

    private final RtpHeader header = new RtpHeader();
    private final RtcpPacket rtcp = new RtcpPacket();

    private Result rtp(RtpPacketBuilder builder) {
        final ByteBuf buf = builder.build();
        try {
            return RtpValidation.validateRtp(header.wrap(buf));
        } finally {
            buf.release();
        }
    }

    private Result rtp(byte[] bytes) {
        return RtpValidation.validateRtp(header.wrap(Unpooled.wrappedBuffer(bytes)));
    }

    private Result rtcp(RtcpCompoundBuilder builder) {
        final ByteBuf buf = builder.build();
        try {
            return RtpValidation.validateRtcp(rtcp.wrap(buf));
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldAcceptRtpWhenHeaderIsWellFormed() {
        assertThat(rtp(new RtpPacketBuilder())).isEqualTo(Result.VALID);
        assertThat(rtp(new RtpPacketBuilder().payloadLength(0))).isEqualTo(Result.VALID);
        assertThat(rtp(new RtpPacketBuilder().csrcs(1, 2, 3).extension(0x1000, 3).padding(4)))
                .isEqualTo(Result.VALID);
    }

    @Test
    void shouldRejectRtpWhenShorterThanFixedHeader() {
        assertThat(rtp(new byte[] {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0})).isEqualTo(Result.TOO_SHORT);
    }

    @Test
    void shouldRejectRtpWhenVersionIsNotTwo() {
        assertThat(rtp(new RtpPacketBuilder().version(1))).isEqualTo(Result.BAD_VERSION);
        assertThat(rtp(new RtpPacketBuilder().version(3))).isEqualTo(Result.BAD_VERSION);
    }

    @Test
    void shouldRejectRtpWhenPayloadTypeCollidesWithRtcp() {
        assertThat(rtp(new RtpPacketBuilder().payloadType(72))).isEqualTo(Result.PAYLOAD_TYPE_RTCP_CONFLICT);
        assertThat(rtp(new RtpPacketBuilder().payloadType(73))).isEqualTo(Result.PAYLOAD_TYPE_RTCP_CONFLICT);
        assertThat(rtp(new RtpPacketBuilder().payloadType(76))).isEqualTo(Result.PAYLOAD_TYPE_RTCP_CONFLICT);
        assertThat(rtp(new RtpPacketBuilder().payloadType(71))).isEqualTo(Result.VALID);
        assertThat(rtp(new RtpPacketBuilder().payloadType(77))).isEqualTo(Result.VALID);
    }

    @Test
    void shouldRejectRtpWhenCsrcListRunsPastEnd() {
        assertThat(rtp(new RtpPacketBuilder().csrcs(1, 2).payloadLength(0))).isEqualTo(Result.VALID);
        final byte[] bytes = new RtpPacketBuilder().csrcs(1, 2).payloadLength(0).bytes();
        bytes[0] = (byte) 0x83;
        assertThat(rtp(bytes)).isEqualTo(Result.CSRC_OVERFLOW);
    }

    @Test
    void shouldRejectRtpWhenExtensionHeaderRunsPastEnd() {
        final byte[] bytes = new RtpPacketBuilder().payloadLength(2).bytes();
        bytes[0] = (byte) 0x90;
        assertThat(rtp(bytes)).isEqualTo(Result.EXTENSION_OVERFLOW);
    }

    @Test
    void shouldRejectRtpWhenExtensionLengthRunsPastEnd() {
        final byte[] exact = new RtpPacketBuilder().extension(0xBEDE, 2).payloadLength(0).bytes();
        assertThat(rtp(exact)).isEqualTo(Result.VALID);
        exact[15] = 3;
        assertThat(rtp(exact)).isEqualTo(Result.EXTENSION_OVERFLOW);
    }

    @Test
    void shouldRejectRtpWhenPaddingCountIsZero() {
        final byte[] bytes = new RtpPacketBuilder().payloadLength(4).padding(4).bytes();
        bytes[bytes.length - 1] = 0;
        assertThat(rtp(bytes)).isEqualTo(Result.BAD_PADDING);
    }

    @Test
    void shouldRejectRtpWhenPaddingCountExceedsBody() {
        final byte[] bytes = new RtpPacketBuilder().csrcs(1).payloadLength(4).padding(4).bytes();
        bytes[bytes.length - 1] = 9;
        assertThat(rtp(bytes)).isEqualTo(Result.BAD_PADDING);
        bytes[bytes.length - 1] = 8;
        assertThat(rtp(bytes)).isEqualTo(Result.VALID);
    }

    @Test
    void shouldAcceptRtcpWhenCompoundIsSrSdesBye() {
        final Block block = new Block(7, 0, 0, 100, 0, 0, 0);
        assertThat(rtcp(new RtcpCompoundBuilder().sr(1, 2, 3, 4, 5, block).sdesCname("a@b", 1).bye(1)))
                .isEqualTo(Result.VALID);
        assertThat(rtcp(new RtcpCompoundBuilder().rr(1).xr(1, 3).app(1, 1, "HFST", 2))).isEqualTo(Result.VALID);
    }

    @Test
    void shouldRejectRtcpWhenShorterThanHeaderAndSsrc() {
        assertThat(rtcp(new RtcpCompoundBuilder().header(0, 0, 201, 0))).isEqualTo(Result.TOO_SHORT);
    }

    @Test
    void shouldRejectRtcpWhenFirstPacketIsNotAReport() {
        assertThat(rtcp(new RtcpCompoundBuilder().sdesCname("x", 1).rr(1))).isEqualTo(Result.RTCP_FIRST_NOT_REPORT);
        assertThat(rtcp(new RtcpCompoundBuilder().bye(1))).isEqualTo(Result.RTCP_FIRST_NOT_REPORT);
    }

    @Test
    void shouldRejectRtcpWhenAnyPacketVersionIsNotTwo() {
        final ByteBuf buf = new RtcpCompoundBuilder().rr(1).bye(1).build();
        try {
            buf.setByte(8, 0x41);
            assertThat(RtpValidation.validateRtcp(rtcp.wrap(buf))).isEqualTo(Result.BAD_VERSION);
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldRejectRtcpWhenPaddingIsOnAPacketThatIsNotLast() {
        final ByteBuf buf = new RtcpCompoundBuilder().rr(1).bye(1).build();
        try {
            buf.setByte(0, 0xA0);
            assertThat(RtpValidation.validateRtcp(rtcp.wrap(buf))).isEqualTo(Result.RTCP_PADDING_NOT_LAST);
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldAcceptRtcpWhenLastPacketIsPadded() {
        assertThat(rtcp(new RtcpCompoundBuilder().rr(1).header(1, 1, 203, 2).raw(0, 0, 0, 1, 0, 0, 0, 4)))
                .isEqualTo(Result.VALID);
        assertThat(rtcp(new RtcpCompoundBuilder().rr(1).header(1, 1, 203, 2).raw(0, 0, 0, 1, 0, 0, 0, 0)))
                .isEqualTo(Result.BAD_PADDING);
        assertThat(rtcp(new RtcpCompoundBuilder().rr(1).header(1, 1, 203, 2).raw(0, 0, 0, 1, 0, 0, 0, 12)))
                .isEqualTo(Result.BAD_PADDING);
    }

    @Test
    void shouldRejectRtcpWhenLengthsDoNotAddUp() {
        assertThat(rtcp(new RtcpCompoundBuilder().rr(1).header(0, 1, 203, 2).raw(0, 0, 0, 1)))
                .isEqualTo(Result.RTCP_LENGTH_MISMATCH);
        assertThat(rtcp(new RtcpCompoundBuilder().rr(1).raw(0, 0)))
                .isEqualTo(Result.RTCP_LENGTH_MISMATCH);
        assertThat(rtcp(new RtcpCompoundBuilder().header(0, 0, 201, 5).raw(0, 0, 0, 1)))
                .isEqualTo(Result.RTCP_LENGTH_MISMATCH);
    }

    @Test
    void shouldRejectRtcpWhenReportCountExceedsPacket() {
        assertThat(rtcp(new RtcpCompoundBuilder().header(0, 1, 201, 1).raw(0, 0, 0, 1)))
                .isEqualTo(Result.RTCP_BODY_OVERFLOW);
        assertThat(rtcp(new RtcpCompoundBuilder().header(0, 0, 200, 1).raw(0, 0, 0, 1)))
                .isEqualTo(Result.RTCP_BODY_OVERFLOW);
        assertThat(rtcp(new RtcpCompoundBuilder().rr(1).header(0, 3, 203, 2).raw(0, 0, 0, 1, 0, 0, 0, 2)))
                .isEqualTo(Result.RTCP_BODY_OVERFLOW);
    }

    @Test
    void shouldRejectRtcpWhenSdesChunkRunsPastPacket() {
        assertThat(rtcp(new RtcpCompoundBuilder().rr(1).header(0, 1, 202, 2).raw(0, 0, 0, 1, 1, 9, 65, 65)))
                .isEqualTo(Result.RTCP_BODY_OVERFLOW);
        assertThat(rtcp(new RtcpCompoundBuilder().rr(1).header(0, 2, 202, 2).raw(0, 0, 0, 1, 1, 1, 65, 0)))
                .isEqualTo(Result.RTCP_BODY_OVERFLOW);
        assertThat(rtcp(new RtcpCompoundBuilder().rr(1).header(0, 1, 202, 2).raw(0, 0, 0, 1, 1, 1, 65, 0)))
                .isEqualTo(Result.VALID);
    }
}
