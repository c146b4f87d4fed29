package io.holdfast.rtp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.packet.RtpPacketBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class StreamRewriterTest {

    private static final long MS = 1_000_000L;
    private static final long OUT = 0x0BAD_CAFEL;
    private static final long A = 0xAAAA_0001L;
    private static final long B = 0xBBBB_0002L;

    private final StreamRewriter rewriter = new StreamRewriter(OUT, 8000, 4242, 0x1234_5678L);

    /** What the receiver sees of one packet. */
    private record Out(long ssrc, int seq, long ts, boolean marker, StreamRewriter.Result result) {
    }

    private Out forward(long ssrc, int seq, long ts, long nowNs) {
        return forward(rewriter, ssrc, seq, ts, nowNs);
    }

    private static Out forward(StreamRewriter rewriter, long ssrc, int seq, long ts, long nowNs) {
        final ByteBuf buf = new RtpPacketBuilder().ssrc(ssrc).sequence(seq).timestamp(ts).payloadLength(4).build();
        try {
            final RtpHeader header = new RtpHeader().wrap(buf);
            final StreamRewriter.Result result = rewriter.rewrite(header, nowNs);
            return new Out(header.ssrc(), header.sequenceNumber(), header.timestamp(), header.marker(), result);
        } finally {
            buf.release();
        }
    }

    private Out local(int samples, boolean marker, long nowNs) {
        final ByteBuf buf = Unpooled.buffer(12 + 160).writeZero(12 + 160);
        try {
            new RtpHeader().wrap(buf).writeFixedHeader(0, false, 0, 0, 0);
            rewriter.rewriteLocalFrame(buf, samples, marker, nowNs);
            final RtpHeader header = new RtpHeader().wrap(buf);
            assertThat(header.payloadType()).isZero();
            return new Out(header.ssrc(), header.sequenceNumber(), header.timestamp(), header.marker(), null);
        } finally {
            buf.release();
        }
    }

    @Test
    void shouldKeepFirstSourceNumbersWhenOnlySsrcIsReplaced() {
        final Out first = forward(A, 1000, 50_000, 0);
        final Out second = forward(A, 1001, 50_160, 20 * MS);

        assertThat(first).isEqualTo(new Out(OUT, 1000, 50_000, false, StreamRewriter.Result.REBASED));
        assertThat(second).isEqualTo(new Out(OUT, 1001, 50_160, false, StreamRewriter.Result.REWRITTEN));
    }

    @Test
    void shouldContinueSequenceAndAdvanceTimestampByElapsedTimeWhenRetargeted() {
        for (int i = 0; i < 10; i++) {
            forward(A, 1000 + i, 50_000 + 160L * i, 20 * MS * i);
        }
        rewriter.markSourceChange();

        final Out first = forward(B, 7, 999_999, 280 * MS);
        final Out second = forward(B, 8, 999_999 + 160, 300 * MS);

        // highest sent: seq 1009, ts 51440 at 180 ms; 100 ms later = 800 units = 5 frames of 160
        assertThat(first).isEqualTo(new Out(OUT, 1010, 51_440 + 800, true, StreamRewriter.Result.REBASED));
        assertThat(second).isEqualTo(new Out(OUT, 1011, 51_440 + 960, false, StreamRewriter.Result.REWRITTEN));
    }

    @Test
    void shouldWrapSequenceWhenRetargetedAtSixteenBitBoundary() {
        forward(A, 65534, 0, 0);
        forward(A, 65535, 160, 20 * MS);
        rewriter.markSourceChange();

        assertThat(forward(B, 300, 5, 40 * MS).seq()).isZero();
        assertThat(forward(B, 301, 165, 60 * MS).seq()).isEqualTo(1);
    }

    @Test
    void shouldWrapTimestampWhenRetargetedAtThirtyTwoBitBoundary() {
        forward(A, 1, 0xFFFF_FF00L, 0);
        forward(A, 2, 0xFFFF_FFA0L, 20 * MS);
        rewriter.markSourceChange();

        final Out first = forward(B, 9, 77, 60 * MS);
        final Out second = forward(B, 10, 237, 80 * MS);

        // 0xFFFFFFA0 + 320 (40 ms) wraps to 0xE0
        assertThat(first.ts()).isEqualTo(0xE0);
        assertThat(second.ts()).isEqualTo(0xE0 + 160);
    }

    @Test
    void shouldRoundElapsedTimeToWholeFramesWhenRebasing() {
        forward(A, 1, 0, 0);
        forward(A, 2, 160, 20 * MS);
        rewriter.markSourceChange();

        assertThat(forward(B, 1, 0, 20 * MS + 29 * MS).ts()).isEqualTo(320);
        rewriter.markSourceChange();
        assertThat(forward(A, 50, 0, 49 * MS + 30 * MS).ts()).isEqualTo(320 + 320);
    }

    @Test
    void shouldRebaseWithoutRetargetWhenSsrcChanges() {
        forward(A, 1, 0, 0);
        forward(A, 2, 160, 20 * MS);

        final Out switched = forward(B, 40_000, 9_000_000, 40 * MS);

        assertThat(switched).isEqualTo(new Out(OUT, 3, 320, true, StreamRewriter.Result.REBASED));
        assertThat(rewriter.isStale(A)).isTrue();
        assertThat(rewriter.isStale(B)).isFalse();
        assertThat(rewriter.isStale(0x1234)).isFalse();
    }

    @Test
    void shouldKeepOffsetsWhenPacketsOfOneSourceArriveOutOfOrder() {
        forward(A, 1, 0, 0);
        forward(A, 2, 160, 20 * MS);
        forward(A, 4, 480, 60 * MS);
        final Out late = forward(A, 3, 320, 70 * MS);
        rewriter.markSourceChange();

        assertThat(late).isEqualTo(new Out(OUT, 3, 320, false, StreamRewriter.Result.REWRITTEN));
        assertThat(forward(B, 100, 0, 80 * MS).seq()).isEqualTo(5);
    }

    @Test
    void shouldKeepTelephoneEventTimestampWhenEndPacketIsRetransmitted() {
        forward(A, 1, 1600, 0);
        forward(A, 2, 1760, 20 * MS);
        rewriter.markSourceChange();
        forward(B, 500, 0, 40 * MS);
        forward(B, 501, 160, 60 * MS);

        final Out eventStart = forward(B, 502, 320, 80 * MS);
        final Out eventUpdate = forward(B, 503, 320, 130 * MS);
        final Out endFirst = forward(B, 504, 320, 180 * MS);
        final Out endAgain = forward(B, 505, 320, 200 * MS);
        final Out endDuplicate = forward(B, 505, 320, 220 * MS);

        final long offset = eventStart.ts() - 320;
        // B re-based at 40 ms, 20 ms (160 units) after A's highest timestamp 1760: B's 0 became 1920
        assertThat(offset).isEqualTo(1920);
        assertThat(eventUpdate.ts()).isEqualTo(eventStart.ts());
        assertThat(endFirst.ts()).isEqualTo(eventStart.ts());
        assertThat(endAgain.ts()).isEqualTo(eventStart.ts());
        assertThat(endDuplicate.ts()).isEqualTo(eventStart.ts());
        assertThat(new int[] {eventStart.seq(), eventUpdate.seq(), endFirst.seq(), endAgain.seq()})
                .containsExactly(5, 6, 7, 8);
        assertThat(endDuplicate.seq()).isEqualTo(8);
        assertThat(rewriter.frameUnits()).isEqualTo(160);
    }

    @Test
    void shouldContinueStreamWhenLocalFramesFollowForwardedMedia() {
        forward(A, 10, 0, 0);
        forward(A, 11, 160, 20 * MS);
        forward(A, 12, 320, 40 * MS);

        final Out first = local(160, false, 60 * MS);
        final Out second = local(160, false, 80 * MS);
        final Out third = local(160, false, 200 * MS);

        assertThat(first).isEqualTo(new Out(OUT, 13, 480, true, null));
        assertThat(second).isEqualTo(new Out(OUT, 14, 640, false, null));
        assertThat(third).isEqualTo(new Out(OUT, 15, 800, false, null));
    }

    @Test
    void shouldRebaseFromLocalFramesWhenForwardedMediaResumes() {
        forward(A, 10, 0, 0);
        local(160, true, 20 * MS);
        local(160, false, 40 * MS);

        final Out resumed = forward(B, 500, 7777, 70 * MS);

        // highest: seq 12, ts 320 sent at 40 ms; 30 ms later = 240 units, rounded to 2 frames
        assertThat(resumed).isEqualTo(new Out(OUT, 13, 640, true, StreamRewriter.Result.REBASED));
    }

    @Test
    void shouldForwardSameSourceAgainWhenItResumesAfterLocalFrames() {
        forward(A, 10, 0, 0);
        local(160, true, 20 * MS);

        final Out resumed = forward(A, 11, 160, 40 * MS);

        assertThat(rewriter.isStale(A)).isFalse();
        assertThat(resumed.seq()).isEqualTo(12);
        assertThat(resumed.result()).isEqualTo(StreamRewriter.Result.REBASED);
    }

    @Test
    void shouldStartFromInitialNumbersWhenLocalFrameComesFirst() {
        final Out first = local(160, true, 0);
        final Out second = local(160, false, 20 * MS);

        assertThat(first).isEqualTo(new Out(OUT, 4242, 0x1234_5678L, true, null));
        assertThat(second).isEqualTo(new Out(OUT, 4243, 0x1234_5678L + 160, false, null));
    }

    @Test
    void shouldLearnFrameLengthWhenClockRateIsWideband() {
        final StreamRewriter opus = new StreamRewriter(OUT, 48_000, 0, 0);
        forward(opus, A, 1, 0, 0);
        forward(opus, A, 2, 960, 20 * MS);
        opus.markSourceChange();

        assertThat(opus.frameUnits()).isEqualTo(960);
        assertThat(forward(opus, B, 1, 0, 70 * MS).ts()).isEqualTo(960 + 2880);
    }

    @Test
    void shouldMapSsrcsBothWaysWhenSourceIsForwarded() {
        assertThat(rewriter.toOutgoingSsrc(A)).isEqualTo(A);
        forward(A, 1, 100, 0);

        assertThat(rewriter.incomingSsrc()).isEqualTo(A);
        assertThat(rewriter.outgoingSsrc()).isEqualTo(OUT);
        assertThat(rewriter.toOutgoingSsrc(A)).isEqualTo(OUT);
        assertThat(rewriter.toOutgoingSsrc(B)).isEqualTo(B);
        assertThat(rewriter.toIncomingSsrc(OUT)).isEqualTo(A);
        assertThat(rewriter.toIncomingSsrc(B)).isEqualTo(B);
        assertThat(rewriter.toOutgoingTimestamp(100)).isEqualTo(100);
    }
}
