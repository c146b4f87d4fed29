package io.holdfast.rtp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.rtp.packet.RtcpCompoundBuilder.Block;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RtcpPacketTest {

    private final RtcpPacket rtcp = new RtcpPacket();
    private ByteBuf buf;

    @AfterEach
    void release() {
        buf.release();
    }

    @Test
    void shouldWalkEveryPacketWhenCompoundHasFive() {
        buf = new RtcpCompoundBuilder().sr(1, 0, 0, 0, 0).sdesCname("c", 1).app(3, 1, "HFST", 1).xr(1, 2).bye(1)
                .build();
        rtcp.wrap(buf);

        final StringBuilder types = new StringBuilder();
        int walked = 0;
        for (boolean more = rtcp.first(); more; more = rtcp.next()) {
            types.append(rtcp.type()).append(' ');
            walked++;
        }

        assertThat(types.toString()).isEqualTo("SR SDES APP XR BYE ");
        assertThat(walked).isEqualTo(5);
        assertThat(rtcp.next()).isFalse();
    }

    @Test
    void shouldReadSenderInfoAndReportBlocksWhenPacketIsSr() {
        final Block first = new Block(0xAAAA_0001L, 64, -3, 0x0001_0005L, 80, 0x1234_5678L, 0x0002_8000L);
        final Block second = new Block(0xBBBB_0002L, 255, 0x7F_FFFF, 0xFFFF_FFFFL, 0, 0, 0);
        buf = new RtcpCompoundBuilder().sr(0xCAFE_F00DL, 0x0102_0304_0506_0708L, 0xFFFF_FF00L, 500, 80_000,
                first, second).build();
        rtcp.wrap(buf);

        assertThat(rtcp.first()).isTrue();
        assertThat(rtcp.type()).isEqualTo(RtcpPacketType.SR);
        assertThat(rtcp.packetType()).isEqualTo(200);
        assertThat(rtcp.version()).isEqualTo(2);
        assertThat(rtcp.padding()).isFalse();
        assertThat(rtcp.packetLength()).isEqualTo(28 + 48);
        assertThat(rtcp.lengthWords()).isEqualTo(18);
        assertThat(rtcp.isLast()).isTrue();
        assertThat(rtcp.ssrc()).isEqualTo(0xCAFE_F00DL);
        assertThat(rtcp.ntpTimestamp()).isEqualTo(0x0102_0304_0506_0708L);
        assertThat(rtcp.ntpMiddle32()).isEqualTo(0x0304_0506L);
        assertThat(rtcp.rtpTimestamp()).isEqualTo(0xFFFF_FF00L);
        assertThat(rtcp.senderPacketCount()).isEqualTo(500);
        assertThat(rtcp.senderOctetCount()).isEqualTo(80_000);
        assertThat(rtcp.reportCount()).isEqualTo(2);
        assertThat(rtcp.reportSsrc(0)).isEqualTo(0xAAAA_0001L);
        assertThat(rtcp.reportFractionLost(0)).isEqualTo(64);
        assertThat(rtcp.reportCumulativeLost(0)).isEqualTo(-3);
        assertThat(rtcp.reportHighestSequence(0)).isEqualTo(0x0001_0005L);
        assertThat(rtcp.reportJitter(0)).isEqualTo(80);
        assertThat(rtcp.reportLastSr(0)).isEqualTo(0x1234_5678L);
        assertThat(rtcp.reportDelaySinceLastSr(0)).isEqualTo(0x0002_8000L);
        assertThat(rtcp.reportSsrc(1)).isEqualTo(0xBBBB_0002L);
        assertThat(rtcp.reportFractionLost(1)).isEqualTo(255);
        assertThat(rtcp.reportCumulativeLost(1)).isEqualTo(0x7F_FFFF);
        assertThat(rtcp.reportHighestSequence(1)).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void shouldReadReportBlockAtOffsetEightWhenPacketIsRr() {
        buf = new RtcpCompoundBuilder().rr(5, new Block(6, 1, 2, 3, 4, 5, 6)).build();
        rtcp.wrap(buf).first();

        assertThat(rtcp.type()).isEqualTo(RtcpPacketType.RR);
        assertThat(rtcp.reportSsrc(0)).isEqualTo(6);
        assertThat(rtcp.reportDelaySinceLastSr(0)).isEqualTo(6);
    }

    @Test
    void shouldRewriteSsrcsInPlaceWhenSettersAreCalled() {
        buf = new RtcpCompoundBuilder().sr(1, 0, 100, 0, 0, new Block(2, 0, 0, 0, 0, 0, 0))
                .sdesCname("cn", 1, 3).bye(1, 4).build();
        rtcp.wrap(buf);

        rtcp.first();
        rtcp.ssrc(0x9000_0001L).reportSsrc(0, 0x9000_0002L).rtpTimestamp(0xFFFF_FFFFL);
        rtcp.next();
        final int chunk = rtcp.firstSdesChunk();
        rtcp.sdesChunkSsrc(chunk, 0x9000_0003L);
        rtcp.sdesChunkSsrc(rtcp.nextSdesChunk(chunk), 0x9000_0004L);
        rtcp.next();
        rtcp.byeSsrc(1, 0x9000_0005L);

        assertThat(RtpValidation.validateRtcp(rtcp)).isEqualTo(RtpValidation.Result.VALID);
        rtcp.first();
        assertThat(rtcp.ssrc()).isEqualTo(0x9000_0001L);
        assertThat(rtcp.reportSsrc(0)).isEqualTo(0x9000_0002L);
        assertThat(rtcp.rtpTimestamp()).isEqualTo(0xFFFF_FFFFL);
        rtcp.next();
        assertThat(rtcp.ssrc()).isEqualTo(0x9000_0003L);
        assertThat(rtcp.sdesChunkSsrc(rtcp.nextSdesChunk(rtcp.firstSdesChunk()))).isEqualTo(0x9000_0004L);
        rtcp.next();
        assertThat(rtcp.byeSsrc(0)).isEqualTo(1);
        assertThat(rtcp.byeSsrc(1)).isEqualTo(0x9000_0005L);
    }

    @Test
    void shouldWalkSdesItemsWhenChunkHasCname() {
        buf = new RtcpCompoundBuilder().rr(1).sdesCname("user@host", 7).build();
        rtcp.wrap(buf).first();
        rtcp.next();

        final int chunk = rtcp.firstSdesChunk();
        final int item = rtcp.firstSdesItem(chunk);

        assertThat(rtcp.sdesChunkSsrc(chunk)).isEqualTo(7);
        assertThat(rtcp.sdesItemType(item)).isEqualTo(RtcpPacket.SDES_CNAME);
        assertThat(buf.toString(rtcp.sdesItemTextIndex(item), rtcp.sdesItemLength(item), StandardCharsets.US_ASCII))
                .isEqualTo("user@host");
        assertThat(rtcp.nextSdesItem(item)).isEqualTo(-1);
        assertThat(rtcp.nextSdesChunk(chunk)).isEqualTo(-1);
    }

    @Test
    void shouldReadAppNameAndSubtypeWhenPacketIsApp() {
        buf = new RtcpCompoundBuilder().rr(1).app(17, 9, "HFST", 0).build();
        rtcp.wrap(buf).first();
        rtcp.next();

        assertThat(rtcp.type()).isEqualTo(RtcpPacketType.APP);
        assertThat(rtcp.appSubtype()).isEqualTo(17);
        assertThat(rtcp.appName()).isEqualTo(0x48465354);
        assertThat(rtcp.ssrc()).isEqualTo(9);
    }

    @Test
    void shouldReportUnknownTypeWhenPacketTypeIsUnassigned() {
        buf = new RtcpCompoundBuilder().rr(1).header(0, 0, 210, 1).raw(0, 0, 0, 1).build();
        rtcp.wrap(buf).first();
        rtcp.next();

        assertThat(rtcp.type()).isEqualTo(RtcpPacketType.UNKNOWN);
        assertThat(RtcpPacketType.of(207)).isEqualTo(RtcpPacketType.XR);
        assertThat(RtcpPacketType.XR.value()).isEqualTo(207);
    }
}
