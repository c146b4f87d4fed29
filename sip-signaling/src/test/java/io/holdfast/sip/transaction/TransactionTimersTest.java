package io.holdfast.sip.transaction;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionTimersTest {
    private final TransactionTimers timers = TransactionTimers.DEFAULT;

    @Test
    void shouldDeriveRfcValuesWhenDefaults() {
        assertThat(timers.t1Ms()).isEqualTo(500);
        assertThat(timers.t2Ms()).isEqualTo(4000);
        assertThat(timers.t4Ms()).isEqualTo(5000);
        assertThat(timers.sixtyFourT1Ms()).isEqualTo(32_000);
        assertThat(timers.timerDMs(false)).isEqualTo(32_000);
        assertThat(timers.timerIMs(false)).isEqualTo(5000);
        assertThat(timers.timerJMs(false)).isEqualTo(32_000);
        assertThat(timers.timerKMs(false)).isEqualTo(5000);
        assertThat(timers.tryingDelayMs()).isEqualTo(200);
    }

    @Test
    void shouldZeroWaitTimersWhenReliable() {
        assertThat(timers.timerDMs(true)).isZero();
        assertThat(timers.timerIMs(true)).isZero();
        assertThat(timers.timerJMs(true)).isZero();
        assertThat(timers.timerKMs(true)).isZero();
    }

    @Test
    void shouldCapAtT2WhenDoublingInterval() {
        assertThat(timers.nextCappedIntervalMs(500)).isEqualTo(1000);
        assertThat(timers.nextCappedIntervalMs(2000)).isEqualTo(4000);
        assertThat(timers.nextCappedIntervalMs(4000)).isEqualTo(4000);
    }

    @Test
    void shouldRejectWhenT2ShorterThanT1() {
        assertThatThrownBy(() -> new TransactionTimers(Duration.ofSeconds(5), Duration.ofSeconds(4),
                TransactionTimers.DEFAULT_T4, TransactionTimers.DEFAULT_TIMER_D, TransactionTimers.DEFAULT_TRYING_DELAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t2");
    }

    @Test
    void shouldRejectWhenDurationNotPositive() {
        assertThatThrownBy(() -> new TransactionTimers(Duration.ZERO, TransactionTimers.DEFAULT_T2,
                TransactionTimers.DEFAULT_T4, TransactionTimers.DEFAULT_TIMER_D, TransactionTimers.DEFAULT_TRYING_DELAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t1");
    }
}
