package io.holdfast.rtp.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MediaCountersTest {

    @Test
    void shouldAccumulatePerCounterWhenIncremented() {
        final MediaCounters counters = new MediaCounters();

        counters.increment(MediaCounter.RTP_DROPPED_MALFORMED);
        counters.increment(MediaCounter.RTP_DROPPED_MALFORMED);
        counters.add(MediaCounter.RTP_FORWARDED, 40);

        assertThat(counters.get(MediaCounter.RTP_DROPPED_MALFORMED)).isEqualTo(2);
        assertThat(counters.get(MediaCounter.RTP_FORWARDED)).isEqualTo(40);
        assertThat(counters.get(MediaCounter.RTCP_DROPPED_MALFORMED)).isZero();
    }

    @Test
    void shouldHaveUniqueStableIdsWhenCountersAreListed() {
        final int[] ids = Arrays.stream(MediaCounter.values()).mapToInt(MediaCounter::id).toArray();

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(MediaCounter.RTP_RECEIVED.id()).isEqualTo(1);
        assertThat(MediaCounter.SAMPLES_DROPPED_RING_FULL.unit()).isEqualTo("samples");
    }
}
