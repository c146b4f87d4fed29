package io.holdfast.rtp.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.rtp.stats.MediaCounter;
import io.holdfast.rtp.stats.MediaCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MediaSampleRingTest {

    private record Sample(long streamId, int upstreamTag, MediaSampleKind kind, double value, long timeNs) {
    }

    private final MediaCounters counters = new MediaCounters();

    @Test
    void shouldDeliverEveryFieldWhenSampleIsDrained() {
        final MediaSampleRing ring = new MediaSampleRing(32, counters);
        final List<Sample> samples = new ArrayList<>();

        assertThat(ring.offer(0x1234_5678_9ABCL, 7, MediaSampleKind.JITTER_MS, 12.5, 99L)).isTrue();
        assertThat(ring.offer(-1L, -2, MediaSampleKind.MEDIA_UNREACHABLE, 1.0, Long.MAX_VALUE)).isTrue();
        final int drained = ring.drain((id, tag, kind, value, time) -> samples.add(new Sample(id, tag, kind, value,
                time)), 10);

        assertThat(drained).isEqualTo(2);
        assertThat(samples).containsExactly(
                new Sample(0x1234_5678_9ABCL, 7, MediaSampleKind.JITTER_MS, 12.5, 99L),
                new Sample(-1L, -2, MediaSampleKind.MEDIA_UNREACHABLE, 1.0, Long.MAX_VALUE));
        assertThat(ring.size()).isZero();
    }

    @Test
    void shouldDropAndCountWhenRingIsFull() {
        final MediaSampleRing ring = new MediaSampleRing(32, counters);
        int accepted = 0;
        while (accepted < 1000 && ring.offer(accepted, 0, MediaSampleKind.PACKETS_RECEIVED, accepted, 0)) {
            accepted++;
        }

        assertThat(accepted).isEqualTo(32);
        assertThat(ring.droppedSamples()).isEqualTo(1);
        assertThat(ring.offer(0, 0, MediaSampleKind.RTT_MS, 0, 0)).isFalse();
        assertThat(counters.get(MediaCounter.SAMPLES_DROPPED_RING_FULL)).isEqualTo(2);
        assertThat(ring.drain((id, tag, kind, value, time) -> { }, 5)).isEqualTo(5);
        assertThat(ring.offer(0, 0, MediaSampleKind.RTT_MS, 0, 0)).isTrue();
    }

    @Test
    void shouldRespectLimitWhenDraining() {
        final MediaSampleRing ring = new MediaSampleRing(32, counters);
        for (int i = 0; i < 10; i++) {
            ring.offer(i, 0, MediaSampleKind.LOSS_FRACTION, 0, 0);
        }
        final List<Long> ids = new ArrayList<>();

        assertThat(ring.drain((id, tag, kind, value, time) -> ids.add(id), 3)).isEqualTo(3);
        assertThat(ring.drain((id, tag, kind, value, time) -> ids.add(id), 100)).isEqualTo(7);
        assertThat(ids).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void shouldRejectCapacityWhenBelowSixteen() {
        assertThatThrownBy(() -> new MediaSampleRing(15, counters)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldDeliverInOrderWhenProducerAndConsumerRunOnDifferentThreads() throws InterruptedException {
        final MediaSampleRing ring = new MediaSampleRing(64, counters);
        final int total = 200_000;
        final long[] next = {0};
        final boolean[] ordered = {true};
        final Thread producer = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                while (!ring.offer(i, i, MediaSampleKind.PACKETS_RECEIVED, i, i)) {
                    Thread.onSpinWait();
                }
            }
        }, "sample-producer");
        producer.start();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (next[0] < total && deadlineNs - System.nanoTime() > 0) {
            ring.drain((id, tag, kind, value, time) -> {
                ordered[0] &= id == next[0] && tag == (int) id && value == id && time == id;
                next[0]++;
            }, 256);
        }
        producer.join(TimeUnit.SECONDS.toMillis(5));

        assertThat(next[0]).isEqualTo(total);
        assertThat(ordered[0]).isTrue();
    }
}
