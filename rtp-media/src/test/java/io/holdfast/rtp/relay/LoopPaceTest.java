package io.holdfast.rtp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.rtp.stats.MediaCounter;
import io.holdfast.rtp.stats.MediaCounters;
import org.junit.jupiter.api.Test;

class LoopPaceTest {

    private static final long PERIOD_NS = 10_000_000L;

    private final MediaCounters counters = new MediaCounters();
    private final LoopPace pace = new LoopPace(PERIOD_NS, counters);

    @Test
    void shouldKeepPaceWhenFirstSweepRuns() {
        pace.onSweep(123_456_789L);

        assertThat(pace.behind()).isFalse();
    }

    @Test
    void shouldKeepPaceWhenSweepIsLateByAtMostBehindThreshold() {
        pace.onSweep(0);
        pace.onSweep(PERIOD_NS + LoopPace.BEHIND_NS);

        assertThat(pace.behind()).isFalse();
    }

    @Test
    void shouldFallBehindWhenSweepIsLaterThanBehindThreshold() {
        pace.onSweep(0);
        pace.onSweep(PERIOD_NS + LoopPace.BEHIND_NS + 1);

        assertThat(pace.behind()).isTrue();
        assertThat(pace.timesBehind()).isOne();
        assertThat(counters.get(MediaCounter.MEDIA_LOOP_FELL_BEHIND)).isOne();
    }

    @Test
    void shouldStayBehindWhenLatenessIsBetweenThresholds() {
        pace.onSweep(0);
        pace.onSweep(PERIOD_NS + LoopPace.BEHIND_NS + 1);
        pace.onSweep(2 * PERIOD_NS + LoopPace.CAUGHT_UP_NS + 1);

        assertThat(pace.behind()).isTrue();
        assertThat(pace.timesBehind()).isOne();
    }

    @Test
    void shouldCatchUpWhenSweepRunsWithinCaughtUpThreshold() {
        pace.onSweep(0);
        pace.onSweep(PERIOD_NS + LoopPace.BEHIND_NS + 1);
        pace.onSweep(2 * PERIOD_NS + LoopPace.CAUGHT_UP_NS);

        assertThat(pace.behind()).isFalse();
    }

    @Test
    void shouldCountEachFallBehindOnceWhenLoopFallsBehindTwice() {
        pace.onSweep(0);
        pace.onSweep(PERIOD_NS + LoopPace.BEHIND_NS + 1);
        pace.onSweep(2 * PERIOD_NS + LoopPace.BEHIND_NS + 1);
        pace.onSweep(3 * PERIOD_NS);
        pace.onSweep(4 * PERIOD_NS + LoopPace.BEHIND_NS + 1);

        assertThat(pace.timesBehind()).isEqualTo(2);
        assertThat(counters.get(MediaCounter.MEDIA_LOOP_FELL_BEHIND)).isEqualTo(2);
    }

    @Test
    void shouldMeasureFromNewSlotWhenSweepRunsEarly() {
        pace.onSweep(0);
        pace.onSweep(PERIOD_NS - 1_000_000L);
        pace.onSweep(2 * PERIOD_NS - 1_000_000L + LoopPace.BEHIND_NS + 1);

        assertThat(pace.behind()).isTrue();
    }
}
