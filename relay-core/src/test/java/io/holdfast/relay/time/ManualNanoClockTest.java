package io.holdfast.relay.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ManualNanoClockTest {
    @Test
    void shouldMoveBothClocksWhenAdvanced() {
        ManualNanoClock clock = new ManualNanoClock(1_000L, 5_000L);

        clock.advanceNs(999_999L);
        assertThat(clock.nanoTime()).isEqualTo(1_000_999L);
        assertThat(clock.epochMillis()).isEqualTo(5_000L);

        clock.advanceNs(1L);
        assertThat(clock.epochMillis()).isEqualTo(5_001L);

        clock.advance(Duration.ofSeconds(2));
        clock.advanceMs(3);
        assertThat(clock.nanoTime()).isEqualTo(1_000L + 1_000_000L + 2_003_000_000L);
        assertThat(clock.epochMillis()).isEqualTo(7_004L);
    }

    @Test
    void shouldKeepDeadlineArithmeticWhenMonotonicTimeWrapsAround() {
        ManualNanoClock clock = new ManualNanoClock();
        long deadlineNs = clock.nanoTime() + Duration.ofHours(2).toNanos();

        clock.advance(Duration.ofHours(2).minusNanos(1));
        assertThat(deadlineNs - clock.nanoTime() < 0).isFalse();

        clock.advanceNs(1);
        assertThat(clock.nanoTime()).isNegative();
        assertThat(deadlineNs - clock.nanoTime()).isZero();

        clock.advanceNs(1);
        assertThat(deadlineNs - clock.nanoTime() < 0).isTrue();
    }

    @Test
    void shouldStepOnlyTheWallClockWhenItIsSet() {
        ManualNanoClock clock = new ManualNanoClock(0L, 10_000L);
        clock.advanceMs(5);

        clock.setEpochMillis(1_000L);
        assertThat(clock.nanoTime()).isEqualTo(5_000_000L);
        assertThat(clock.epochMillis()).isEqualTo(1_000L);

        clock.advanceMs(2);
        assertThat(clock.epochMillis()).isEqualTo(1_002L);
    }

    @Test
    void shouldRefuseWhenAskedToGoBack() {
        ManualNanoClock clock = new ManualNanoClock();
        assertThatThrownBy(() -> clock.advanceNs(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
