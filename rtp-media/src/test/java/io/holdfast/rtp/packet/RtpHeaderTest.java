package io.holdfast.rtp.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RtpHeaderTest {

    private final RtpHeader header = new RtpHeader();
    private ByteBuf buf;

    @AfterEach
    void release() {
        if (buf != null) {
            buf.release();
        }
    }

    @Test
    void shouldReadFixedFieldsWhenPacketIsHandBuilt() {
        buf = Unpooled.wrappedBuffer(new byte[] {
            (byte) 0x80, (byte) 0x88, (byte) 0xFF, (byte) 0xFE,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0,
            (byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF,
            1, 2, 3, 4});
        header.wrap(buf);

        assertThat(header.version()).isEqualTo(2);
        assertThat(header.padding()).isFalse();
        assertThat(header.extension()).isFalse();
        assertThat(header.csrcCount()).isZero();
        assertThat(header.marker()).isTrue();
        assertThat(header.payloadType()).isEqualTo(8);
        assertThat(header.sequenceNumber()).isEqualTo(65534);
        assertThat(header.timestamp()).isEqualTo(0xFFFF_FFF0L);
        assertThat(header.ssrc()).isEqualTo(0xDEAD_BEEFL);
        assertThat(header.headerLength()).isEqualTo(12);
        assertThat(header.payloadLength()).isEqualTo(4);
        assertThat(header.payloadIndex()).isEqualTo(12);
    }

    @Test
    void shouldWriteFieldsInPlaceWhenSettersAreCalled() {
        buf = new RtpPacketBuilder().payloadType(0).sequence(7).timestamp(160).ssrc(1).payloadLength(4).build();
        header.wrap(buf);

        header.marker(true).payloadType(101).sequenceNumber(65535).timestamp(0xFFFF_FFFFL).ssrc(0x8000_0001L);

        assertThat((int) buf.getUnsignedByte(0)).isEqualTo(0x80);
        assertThat((int) buf.getUnsignedByte(1)).isEqualTo(0x80 | 101);
        assertThat(buf.getUnsignedShort(2)).isEqualTo(65535);
        assertThat(buf.getUnsignedInt(4)).isEqualTo(0xFFFF_FFFFL);
        assertThat(buf.getUnsignedInt(8)).isEqualTo(0x8000_0001L);
        header.marker(false);
        assertThat(header.payloadType()).isEqualTo(101);
        assertThat(header.marker()).isFalse();
        header.payloadType(0);
        assertThat(header.marker()).isFalse();
        assertThat((int) buf.getUnsignedByte(12)).isEqualTo(0x55);
    }

    @Test
    void shouldReadCsrcsAndExtensionWhenBothArePresent() {
        buf = new RtpPacketBuilder().csrcs(0x11111111L, 0xF2222222L).extension(0xBEDE, 2).payloadLength(20).build();
        header.wrap(buf);

        assertThat(header.csrcCount()).isEqualTo(2);
        assertThat(header.csrc(0)).isEqualTo(0x11111111L);
        assertThat(header.csrc(1)).isEqualTo(0xF2222222L);
        assertThat(header.extension()).isTrue();
        assertThat(header.extensionOffset()).isEqualTo(20);
        assertThat(header.extensionProfile()).isEqualTo(0xBEDE);
        assertThat(header.extensionLengthWords()).isEqualTo(2);
        assertThat(header.headerLength()).isEqualTo(12 + 8 + 4 + 8);
        assertThat(header.payloadLength()).isEqualTo(20);
        header.csrc(1, 0x33333333L);
        assertThat(buf.getUnsignedInt(16)).isEqualTo(0x33333333L);
    }

    @Test
    void shouldExcludePaddingFromPayloadWhenPaddingBitIsSet() {
        buf = new RtpPacketBuilder().payloadLength(10).padding(6).build();
        header.wrap(buf);

        assertThat(header.padding()).isTrue();
        assertThat(header.paddingLength()).isEqualTo(6);
        assertThat(header.payloadLength()).isEqualTo(10);
        assertThat(header.length()).isEqualTo(28);
    }

    @Test
    void shouldUseAbsoluteOffsetWhenPacketDoesNotStartAtIndexZero() {
        buf = new RtpPacketBuilder().leadingBytes(5).sequence(4242).ssrc(99).payloadLength(3).build();
        header.wrap(buf);

        assertThat(header.offset()).isEqualTo(5);
        assertThat(header.sequenceNumber()).isEqualTo(4242);
        assertThat(header.ssrc()).isEqualTo(99);
        assertThat(header.payloadIndex()).isEqualTo(17);
        assertThat(buf.readerIndex()).isEqualTo(5);
    }

    @Test
    void shouldReuseViewWhenWrappedOverAnotherPacket() {
        buf = new RtpPacketBuilder().sequence(1).build();
        final ByteBuf other = new RtpPacketBuilder().sequence(2).build();
        try {
            assertThat(header.wrap(buf).sequenceNumber()).isEqualTo(1);
            assertThat(header.wrap(other).sequenceNumber()).isEqualTo(2);
        } finally {
            other.release();
        }
    }

    @Test
    void shouldWriteVersionTwoHeaderWhenWritingFixedHeader() {
        buf = Unpooled.buffer(32).writeZero(32);
        header.wrap(buf, 0, 32).writeFixedHeader(0, true, 65535, 0xFFFF_FFFFL, 0xCAFE_BABEL);

        assertThat(RtpValidation.validateRtp(header)).isEqualTo(RtpValidation.Result.VALID);
        assertThat(header.marker()).isTrue();
        assertThat(header.payloadType()).isZero();
        assertThat(header.sequenceNumber()).isEqualTo(65535);
        assertThat(header.timestamp()).isEqualTo(0xFFFF_FFFFL);
        assertThat(header.ssrc()).isEqualTo(0xCAFE_BABEL);
    }

    @Test
    void shouldRejectCsrcIndexWhenOutsideList() {
        buf = new RtpPacketBuilder().csrcs(1).build();
        header.wrap(buf);

        assertThatThrownBy(() -> header.csrc(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
