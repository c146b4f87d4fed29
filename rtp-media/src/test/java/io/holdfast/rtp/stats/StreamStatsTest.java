package io.holdfast.rtp.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.packet.RtpPacketBuilder;
import io.holdfast.rtp.packet.RtpSequenceNumber.Update;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

class StreamStatsTest {

    private static final long MS = 1_000_000L;
    private static final int TELEPHONE_EVENT = 101;

    private final StreamStats stats = new StreamStats(8000, TELEPHONE_EVENT);
    private final RtpHeader header = new RtpHeader();

    private Update receive(int seq, long timestamp, long arrivalNs) {
        return receive(seq, timestamp, arrivalNs, 0);
    }

    private Update receive(int seq, long timestamp, long arrivalNs, int payloadType) {
        final ByteBuf buf = new RtpPacketBuilder().sequence(seq).timestamp(timestamp).payloadType(payloadType)
                .payloadLength(160).build();
        try {
            return stats.onRtp(header.wrap(buf), arrivalNs);
        } finally {
            buf.release();
        }
    }

    private void receiveSequences(int... sequences) {
        for (int seq : sequences) {
            receive(seq, seq * 160L, seq * 20 * MS);
        }
    }

    @Test
    void shouldFollowRfc3550JitterWhenArrivalsVary() {
        // 8 kHz, 20 ms frames of 160 units. Transit differences D and J += (|D| - J) / 16 by hand:
        // p1 on time: D = 0, J = 0; p2 10 ms late: D = (400 - 160) - 160 = 80, J = 80/16 = 5;
        // p3 back on time: D = (480 - 400) - 160 = -80, J = 5 + 75/16 = 9.6875;
        // p4 on time: D = 0, J = 9.6875 * 15/16 = 9.08203125 units = 1.13525390625 ms.
        receive(0, 0, 0);
        receive(1, 160, 20 * MS);
        assertThat(stats.jitterUnits()).isZero();
        receive(2, 320, 50 * MS);
        assertThat(stats.jitterUnits()).isEqualTo(5.0);
        receive(3, 480, 60 * MS);
        assertThat(stats.jitterUnits()).isEqualTo(9.6875);
        receive(4, 640, 80 * MS);

        assertThat(stats.jitterUnits()).isCloseTo(9.08203125, within(1e-9));
        assertThat(stats.jitterMs()).isCloseTo(1.13525390625, within(1e-9));
    }

    @Test
    void shouldComputeJitterAcrossTimestampWrapWhenTimestampsCrossTwoToThe32() {
        receive(0, 0xFFFF_FF60L, 0);
        receive(1, 0, 20 * MS);
        receive(2, 160, 50 * MS);

        assertThat(stats.jitterUnits()).isEqualTo(5.0);
    }

    @Test
    void shouldLeaveTelephoneEventsOutOfJitterWhenPayloadTypeMatches() {
        receive(0, 0, 0);
        receive(1, 160, 20 * MS);
        receive(2, 320, 40 * MS, TELEPHONE_EVENT);
        receive(3, 320, 60 * MS, TELEPHONE_EVENT);
        receive(4, 320, 80 * MS, TELEPHONE_EVENT);
        receive(5, 800, 100 * MS);

        assertThat(stats.jitterUnits()).isZero();
    }

    @Test
    void shouldCountLossFromExtendedHighestWhenPacketsAreMissing() {
        // 100 is on probation (A.1); 101 makes the source valid and becomes the base.
        // Received 101 102 104 105 108 109 110 = 7 of expected 110 - 101 + 1 = 10: 3 lost (103, 106, 107).
        receiveSequences(100, 101, 102, 104, 105, 108, 109, 110);

        assertThat(stats.received()).isEqualTo(7);
        assertThat(stats.expected()).isEqualTo(10);
        assertThat(stats.cumulativeLost()).isEqualTo(3);
        assertThat(stats.closeInterval()).isEqualTo(0.3);
        assertThat(stats.packets()).isEqualTo(8);
        assertThat(stats.bytes()).isEqualTo(8 * 172);

        receiveSequences(111, 112);
        assertThat(stats.closeInterval()).isZero();
        receiveSequences(114);
        assertThat(stats.closeInterval()).isEqualTo(0.5);
    }

    @Test
    void shouldCountReorderedAndDuplicatesWhenLatePacketsArrive() {
        receiveSequences(100, 101, 102, 104, 105, 108, 109, 110);

        assertThat(receive(103, 103 * 160L, 300 * MS)).isEqualTo(Update.LATE);
        assertThat(stats.reordered()).isEqualTo(1);
        assertThat(stats.cumulativeLost()).isEqualTo(2);

        receive(104, 104 * 160L, 310 * MS);
        receive(110, 110 * 160L, 320 * MS);
        receive(103, 103 * 160L, 330 * MS);
        assertThat(stats.duplicates()).isEqualTo(3);
        assertThat(stats.reordered()).isEqualTo(1);
        assertThat(stats.cumulativeLost()).isEqualTo(-1);
        assertThat(stats.closeInterval()).isZero();
    }

    @Test
    void shouldCountReorderedWhenLatePacketIsBeyondBitmapWindow() {
        for (int seq = 1; seq <= 80; seq++) {
            if (seq != 10) {
                receive(seq, seq * 160L, seq * 20 * MS);
            }
        }

        receive(10, 1600, 2000 * MS);

        assertThat(stats.reordered()).isEqualTo(1);
        assertThat(stats.duplicates()).isZero();
        assertThat(stats.cumulativeLost()).isZero();
    }

    @Test
    void shouldNotCountLossWhenSequenceWraps() {
        receiveSequences(65533, 65534, 65535);
        receive(0, 65536L * 160, 65536 * 20 * MS);
        receive(1, 65537L * 160, 65537 * 20 * MS);

        assertThat(stats.extendedHighestSequence()).isEqualTo(65537);
        assertThat(stats.expected()).isEqualTo(4);
        assertThat(stats.cumulativeLost()).isZero();
        assertThat(stats.reordered()).isZero();
    }

    @Test
    void shouldStartCountsAfreshWhenSourceRestarts() {
        receiveSequences(1, 2, 3, 5);

        assertThat(receive(40000, 0, 200 * MS)).isEqualTo(Update.BAD_JUMP);
        assertThat(receive(40001, 160, 220 * MS)).isEqualTo(Update.RESTARTED);

        assertThat(stats.received()).isEqualTo(1);
        assertThat(stats.expected()).isEqualTo(1);
        assertThat(stats.cumulativeLost()).isZero();
        assertThat(stats.packets()).isEqualTo(6);
    }

    @Test
    void shouldMeasureRttWhenReportBlockEchoesRelayedSenderReport() {
        stats.onSenderReport(0x1234_5678L, 1_000 * MS);

        final long rtt = stats.onReportBlock(0x1234_5678L, 0x8000, 1_600 * MS);

        assertThat(rtt).isEqualTo(100 * MS);
        assertThat(stats.rttNs()).isEqualTo(100 * MS);
    }

    @Test
    void shouldNotMeasureRttWhenLastSrIsZeroOrUnknown() {
        stats.onSenderReport(0x1234_5678L, 1_000 * MS);

        assertThat(stats.onReportBlock(0, 0, 1_600 * MS)).isEqualTo(-1);
        assertThat(stats.onReportBlock(0x1111_1111L, 0, 1_600 * MS)).isEqualTo(-1);
        assertThat(stats.rttNs()).isEqualTo(-1);
    }

    @Test
    void shouldForgetOldestSenderReportWhenMoreThanFourAreRecorded() {
        for (int i = 1; i <= 5; i++) {
            stats.onSenderReport(i, i * 1000 * MS);
        }

        assertThat(stats.onReportBlock(1, 0, 9000 * MS)).isEqualTo(-1);
        assertThat(stats.onReportBlock(2, 0, 9000 * MS)).isEqualTo(7000 * MS);
    }

    @Test
    void shouldCopyEveryFieldWhenSnapshotIsTaken() {
        receiveSequences(1, 2, 4);
        stats.closeInterval();

        final StreamStatsSnapshot snapshot = stats.snapshot();

        assertThat(snapshot.packets()).isEqualTo(3);
        assertThat(snapshot.received()).isEqualTo(2);
        assertThat(snapshot.expected()).isEqualTo(3);
        assertThat(snapshot.cumulativeLost()).isEqualTo(1);
        assertThat(snapshot.fractionLost()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(snapshot.extendedHighestSequence()).isEqualTo(4);
        assertThat(snapshot.lastArrivalNs()).isEqualTo(80 * MS);
        assertThat(snapshot.rttNs()).isEqualTo(-1);
        assertThat(stats.takePacketsSinceLastCall()).isEqualTo(3);
        assertThat(stats.takePacketsSinceLastCall()).isZero();
    }

    @Test
    void shouldForgetEverythingWhenReset() {
        receiveSequences(1, 2, 4);
        stats.reset();

        assertThat(stats.packets()).isZero();
        assertThat(stats.lastArrivalNs()).isEqualTo(Long.MIN_VALUE);
        assertThat(receive(9000, 0, 0)).isEqualTo(Update.PROBATION);
    }
}
