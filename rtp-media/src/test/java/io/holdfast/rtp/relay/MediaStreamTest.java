package io.holdfast.rtp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.rtp.packet.RtcpCompoundBuilder;
import io.holdfast.rtp.packet.RtcpCompoundBuilder.Block;
import io.holdfast.rtp.packet.RtcpPacket;
import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.packet.RtpPacketBuilder;
import io.holdfast.rtp.stats.MediaCounter;
import io.holdfast.rtp.stats.MediaCounters;
import io.holdfast.rtp.stats.StreamStats;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MediaStreamTest {

    private static final long MS = 1_000_000L;
    private static final long CALLER_SSRC = 0xCA11_0001L;
    private static final long REGION_SSRC = 0x4E61_0001L;
    private static final long TO_UPSTREAM_SSRC = 0xD0D0_0001L;
    private static final long TO_CALLER_SSRC = 0xC0C0_0001L;

    private final MediaCounters counters = new MediaCounters();
    private final MediaStream fromCaller = new MediaStream(new StreamStats(8000, 101),
            new StreamRewriter(TO_UPSTREAM_SSRC, 8000, 0, 0), counters, 30_000 * MS, 0);
    private final MediaStream fromUpstream = new MediaStream(new StreamStats(8000, 101),
            new StreamRewriter(TO_CALLER_SSRC, 8000, 0, 0), counters, 60 * MS, 0);
    private final RtpHeader header = new RtpHeader();
    private final RtcpPacket rtcp = new RtcpPacket();
    private ByteBuf buf;

    @AfterEach
    void release() {
        if (buf != null) {
            buf.release();
        }
    }

    private ForwardOutcome rtp(MediaStream stream, long ssrc, int seq, long ts, long nowNs) {
        if (buf != null) {
            buf.release();
        }
        buf = new RtpPacketBuilder().ssrc(ssrc).sequence(seq).timestamp(ts).build();
        return stream.forwardRtp(buf, nowNs);
    }

    @Test
    void shouldRewriteInPlaceWhenRtpIsValid() {
        final int readerIndex;
        assertThat(rtp(fromUpstream, REGION_SSRC, 10, 1600, 0)).isEqualTo(ForwardOutcome.FORWARD);
        readerIndex = buf.readerIndex();

        header.wrap(buf);
        assertThat(header.ssrc()).isEqualTo(TO_CALLER_SSRC);
        assertThat(header.sequenceNumber()).isEqualTo(10);
        assertThat(buf.readerIndex()).isEqualTo(readerIndex);
        assertThat(buf.readableBytes()).isEqualTo(172);
        assertThat(fromUpstream.stats().packets()).isEqualTo(1);
        assertThat(fromUpstream.lastActivityNs()).isZero();
    }

    @Test
    void shouldDropAndCountWhenRtpIsMalformed() {
        buf = new RtpPacketBuilder().version(1).build();

        assertThat(fromCaller.forwardRtp(buf, 0)).isEqualTo(ForwardOutcome.DROPPED_MALFORMED);
        assertThat(counters.get(MediaCounter.RTP_DROPPED_MALFORMED)).isEqualTo(1);
        assertThat(fromCaller.stats().packets()).isZero();
    }

    @Test
    void shouldAccountButNotRewriteWhenForwardingIsOff() {
        fromUpstream.forwarding(false);

        assertThat(rtp(fromUpstream, REGION_SSRC, 10, 1600, 5 * MS)).isEqualTo(ForwardOutcome.DROPPED_FORWARDING_OFF);
        assertThat(header.wrap(buf).ssrc()).isEqualTo(REGION_SSRC);
        assertThat(fromUpstream.stats().lastArrivalNs()).isEqualTo(5 * MS);
        assertThat(counters.get(MediaCounter.RTP_DROPPED_FORWARDING_OFF)).isEqualTo(1);
    }

    @Test
    void shouldDropStaleSourceAndRestartStatisticsWhenSsrcChanges() {
        rtp(fromUpstream, REGION_SSRC, 10, 0, 0);
        rtp(fromUpstream, REGION_SSRC, 11, 160, 20 * MS);
        assertThat(rtp(fromUpstream, 0x0B0B, 500, 90_000, 40 * MS)).isEqualTo(ForwardOutcome.FORWARD);

        assertThat(fromUpstream.stats().packets()).isEqualTo(1);
        assertThat(rtp(fromUpstream, REGION_SSRC, 12, 320, 45 * MS)).isEqualTo(ForwardOutcome.DROPPED_STALE_SOURCE);
        assertThat(counters.get(MediaCounter.RTP_DROPPED_STALE_SOURCE)).isEqualTo(1);
    }

    @Test
    void shouldMapSsrcsOfEveryPacketWhenRtcpIsRelayedToCaller() {
        rtp(fromCaller, CALLER_SSRC, 1, 0, 0);
        rtp(fromUpstream, REGION_SSRC, 100, 8000, 0);
        fromUpstream.rewriter().markSourceChange();
        rtp(fromUpstream, REGION_SSRC, 500, 16_000, 100 * MS);
        final long timestampOffset = fromUpstream.rewriter().toOutgoingTimestamp(16_000) - 16_000;
        assertThat(timestampOffset).isNotZero();
        buf.release();
        buf = new RtcpCompoundBuilder()
                .sr(REGION_SSRC, 0x0001_0002_0003_0004L, 16_160, 7, 1120, new Block(TO_UPSTREAM_SSRC, 0, 0, 1, 0, 0, 0))
                .sdesCname("region", REGION_SSRC).bye(REGION_SSRC)
                .header(0, 1, 206, 2).raw(0x4E, 0x61, 0, 1, 0xD0, 0xD0, 0, 1).build();

        assertThat(fromUpstream.forwardRtcp(buf, 120 * MS, fromCaller)).isEqualTo(ForwardOutcome.FORWARD);

        rtcp.wrap(buf).first();
        assertThat(rtcp.ssrc()).isEqualTo(TO_CALLER_SSRC);
        assertThat(rtcp.rtpTimestamp()).isEqualTo(16_160 + timestampOffset);
        assertThat(rtcp.reportSsrc(0)).isEqualTo(CALLER_SSRC);
        rtcp.next();
        assertThat(rtcp.sdesChunkSsrc(rtcp.firstSdesChunk())).isEqualTo(TO_CALLER_SSRC);
        rtcp.next();
        assertThat(rtcp.byeSsrc(0)).isEqualTo(TO_CALLER_SSRC);
        rtcp.next();
        assertThat(rtcp.ssrc()).isEqualTo(TO_CALLER_SSRC);
        assertThat(rtcp.mediaSsrc()).isEqualTo(CALLER_SSRC);
    }

    @Test
    void shouldMeasureRttWhenUpstreamReportEchoesRelayedCallerSr() {
        rtp(fromCaller, CALLER_SSRC, 1, 0, 0);
        rtp(fromUpstream, REGION_SSRC, 100, 8000, 0);
        buf.release();
        buf = new RtcpCompoundBuilder().sr(CALLER_SSRC, 0x0000_AAAA_BBBB_0000L, 0, 1, 160).build();
        assertThat(fromCaller.forwardRtcp(buf, 1_000 * MS, fromUpstream)).isEqualTo(ForwardOutcome.FORWARD);
        assertThat(rtcp.wrap(buf).ssrc()).isEqualTo(TO_UPSTREAM_SSRC);
        buf.release();
        buf = new RtcpCompoundBuilder()
                .rr(REGION_SSRC, new Block(TO_UPSTREAM_SSRC, 0, 0, 1, 0, 0xAAAA_BBBBL, 0x4000)).build();

        fromUpstream.forwardRtcp(buf, 1_300 * MS, fromCaller);

        // RTT = 1300 ms - 1000 ms - DLSR (0x4000 / 65536 s = 250 ms) = 50 ms: holdfast <-> upstream
        assertThat(fromCaller.stats().rttNs()).isEqualTo(50 * MS);
        assertThat(fromUpstream.stats().rttNs()).isEqualTo(-1);
        assertThat(rtcp.wrap(buf).reportSsrc(0)).isEqualTo(CALLER_SSRC);
    }

    @Test
    void shouldDropAndCountWhenRtcpIsMalformedOrForwardingIsOff() {
        buf = new RtcpCompoundBuilder().bye(1).build();
        assertThat(fromCaller.forwardRtcp(buf, 0, fromUpstream)).isEqualTo(ForwardOutcome.DROPPED_MALFORMED);
        buf.release();
        buf = new RtcpCompoundBuilder().rr(1).build();
        fromCaller.forwarding(false);

        assertThat(fromCaller.forwardRtcp(buf, 0, fromUpstream)).isEqualTo(ForwardOutcome.DROPPED_FORWARDING_OFF);
        assertThat(counters.get(MediaCounter.RTCP_DROPPED_MALFORMED)).isEqualTo(1);
        assertThat(counters.get(MediaCounter.RTCP_DROPPED_FORWARDING_OFF)).isEqualTo(1);
    }

    @Test
    void shouldCountSilenceFromRestartWhenRestarted() {
        rtp(fromUpstream, REGION_SSRC, 1, 0, 10 * MS);
        assertThat(fromUpstream.lastActivityNs()).isEqualTo(10 * MS);

        fromUpstream.restart(50 * MS);

        assertThat(fromUpstream.lastActivityNs()).isEqualTo(50 * MS);
        assertThat(fromUpstream.stats().packets()).isZero();
        assertThat(fromUpstream.isActive(50 * MS, 60 * MS)).isFalse();
    }
}
