package io.holdfast.relay.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.relay.config.FailoverMode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecoveryBudgetTest {
    private static final long MS = 1_000_000L;
    private static final FailoverPrompts PROMPTS = FailoverPrompts.shipped();

    private static FailoverPolicy policy(int attempts, long budgetMs) {
        return new FailoverPolicy(FailoverMode.COLD, attempts, Duration.ofMillis(budgetMs), PROMPTS, Optional.empty());
    }

    @Test
    void shouldAllowAttemptsUntilMaxAttemptsWhenTimeIsLeft() {
        RecoveryBudget budget = new RecoveryBudget(policy(2, 1000), 0);

        assertThat(budget.allowsAttempt(0)).isTrue();
        assertThat(budget.nextAttempt()).isEqualTo(1);
        assertThat(budget.allowsAttempt(0)).isTrue();
        assertThat(budget.nextAttempt()).isEqualTo(2);

        assertThat(budget.allowsAttempt(0)).isFalse();
        assertThat(budget.attempts()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAttemptWhenBudgetIsSpent() {
        RecoveryBudget budget = new RecoveryBudget(policy(5, 1000), 7 * MS);

        assertThat(budget.allowsAttempt(7 * MS + 1000 * MS - 1)).isTrue();
        assertThat(budget.allowsAttempt(7 * MS + 1000 * MS)).isFalse();
    }

    @Test
    void shouldRefusePolicyWhenAttemptsOrBudgetAreOutOfRange() {
        assertThatThrownBy(() -> policy(0, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldLoadShippedPromptsWhenConfigurationNamesNone() {
        assertThat(PROMPTS.hold().frameCount()).isPositive();
        assertThat(PROMPTS.agent().frameCount()).isPositive();
        assertThat(PROMPTS.hold().name()).contains("reconnect");
        assertThat(PROMPTS.agent().name()).contains("agent");
    }
}
