package io.holdfast.benchmarks.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.rtp.relay.MediaTransport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load harness's own sending and receiving, without a relay (no child JVM): every packet the generator sends in
 * the window arrives, in sequence per stream, with a latency, whether the streams share sockets (sendmmsg/recvmmsg)
 * or have one each; flat out sends without a schedule.
 */
@Timeout(60)
class LoadRunIT {

    private static LoadRun.Plan plan(int ratePps, int senderSockets, int sinkSockets, boolean flatOut) {
        return new LoadRun.Plan(ratePps, 50, Duration.ZERO, Duration.ofSeconds(1), MediaTransport.best(), 1, 1, 1,
                Duration.ofNanos(100_000), List.of(), null, List.of(), false, senderSockets, sinkSockets, true,
                flatOut, null);
    }

    @Test
    void shouldReceiveEverySentPacketInSequenceWhenStreamsShareSockets() {
        final LoadResult result = new LoadRun(plan(2000, 1, 2, false)).run();

        assertThat(result.streams()).isEqualTo(40);
        assertThat(result.sent()).isGreaterThan(1000);
        assertThat(result.received()).isEqualTo(result.sent());
        assertThat(result.sequenceGaps()).isZero();
        assertThat(result.latencyNs().getTotalCount()).isEqualTo(result.received());
        assertThat(result.scheduleLatencyNs().getTotalCount()).isEqualTo(result.received());
        assertThat(result.label()).isEqualTo("2000 (no relay)");
    }

    @Test
    void shouldReceiveEverySentPacketInSequenceWhenEachStreamHasItsOwnSockets() {
        final LoadResult result = new LoadRun(plan(1000, 0, 0, false)).run();

        assertThat(result.streams()).isEqualTo(20);
        assertThat(result.sent()).isGreaterThan(500);
        assertThat(result.received()).isEqualTo(result.sent());
        assertThat(result.sequenceGaps()).isZero();
    }

    @Test
    void shouldSendWithoutScheduleWhenFlatOut() {
        final LoadResult result = new LoadRun(plan(1000, 1, 1, true)).run();

        assertThat(result.offeredPps()).isZero();
        assertThat(result.label()).isEqualTo("flat out (no relay)");
        assertThat(result.received()).isPositive();
        assertThat(result.scheduleLatencyNs().getTotalCount()).isZero();
        assertThat(result.generatorMaxLagNs()).isZero();
    }
}
