package io.holdfast.benchmarks.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpRecordingTest {
    private static final long MS = 1_000_000L;

    private static ReceivedRtp packet(long arrivalMs, long ssrc, int seq) {
        return new ReceivedRtp(arrivalMs * MS, ssrc, seq, seq * 160L, false, 0, new byte[] {(byte) seq});
    }

    @Test
    void shouldBeContinuousWhenOneSsrcCountsUpThroughTheWrap() {
        RtpRecording recording = new RtpRecording();
        recording.add(packet(0, 7, 65534));
        recording.add(packet(20, 7, 65535));
        recording.add(packet(40, 7, 0));
        recording.add(packet(60, 7, 1));

        assertThat(recording.isContinuous()).isTrue();
        assertThat(recording.sequenceBreaks()).isZero();
        assertThat(recording.ssrcs()).containsExactly(7L);
        assertThat(recording.count()).isEqualTo(4);
    }

    @Test
    void shouldCountBreaksWhenPacketsAreLostOrRepeated() {
        RtpRecording recording = new RtpRecording();
        recording.add(packet(0, 7, 10));
        recording.add(packet(20, 7, 12));
        recording.add(packet(40, 7, 12));
        recording.add(packet(60, 7, 13));

        assertThat(recording.sequenceBreaks()).isEqualTo(2);
        assertThat(recording.isContinuous()).isFalse();
    }

    @Test
    void shouldNotBeContinuousWhenTheSsrcChanges() {
        RtpRecording recording = new RtpRecording();
        recording.add(packet(0, 7, 10));
        recording.add(packet(20, 8, 11));

        assertThat(recording.ssrcs()).containsExactly(7L, 8L);
        assertThat(recording.isContinuous()).isFalse();
    }

    @Test
    void shouldMeasureTheLongestGapWhenAskedOverallOrInAWindow() {
        RtpRecording recording = new RtpRecording();
        recording.add(packet(0, 7, 1));
        recording.add(packet(20, 7, 2));
        recording.add(packet(100, 7, 3));
        recording.add(packet(120, 7, 4));
        recording.add(packet(300, 7, 5));

        assertThat(recording.maxGapNs()).isEqualTo(180 * MS);
        assertThat(recording.maxGapNs(0, 150 * MS)).isEqualTo(80 * MS);
        assertThat(recording.maxGapNs(101 * MS, 299 * MS)).isEqualTo(20 * MS);
        assertThat(recording.lastArrivalNs()).isEqualTo(300 * MS);
    }

    @Test
    void shouldFindTheFirstMatchingPacketWhenSearchingFromATime() {
        RtpRecording recording = new RtpRecording();
        recording.add(packet(0, 7, 1));
        recording.add(packet(20, 7, 2));
        recording.add(packet(40, 7, 3));

        assertThat(recording.firstMatching(20 * MS, p -> true).sequenceNumber()).isEqualTo(2);
        assertThat(recording.firstMatching(0, p -> p.sequenceNumber() == 3).arrivalNs()).isEqualTo(40 * MS);
        assertThat(recording.firstMatching(41 * MS, p -> true)).isNull();
        assertThat(recording.matching(p -> p.sequenceNumber() >= 2)).hasSize(2);
    }

    @Test
    void shouldCountWithoutRecordingWhenFull() {
        RtpRecording recording = new RtpRecording(2);
        recording.add(packet(0, 7, 1));
        recording.add(packet(20, 7, 2));

        recording.add(packet(40, 7, 3));

        assertThat(recording.count()).isEqualTo(2);
        assertThat(recording.overflowCount()).isEqualTo(1);
    }

    @Test
    void shouldReportNothingWhenEmpty() {
        RtpRecording recording = new RtpRecording();

        assertThat(recording.lastArrivalNs()).isEqualTo(-1);
        assertThat(recording.maxGapNs()).isZero();
        assertThat(recording.isContinuous()).isTrue();
        assertThat(recording.packets()).isEmpty();
    }

    @Test
    void shouldKeepItsOwnPayloadWhenTheCallersArrayChanges() {
        byte[] payload = {1, 2, 3};
        ReceivedRtp packet = new ReceivedRtp(0, 7, 1, 160, true, 0, payload);

        payload[0] = 9;
        packet.payload()[1] = 9;

        assertThat(packet.payload()).containsExactly(1, 2, 3);
        assertThat(packet).isEqualTo(new ReceivedRtp(0, 7, 1, 160, true, 0, new byte[] {1, 2, 3}));
    }
}
