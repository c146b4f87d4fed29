package io.holdfast.relay.failover;

import io.holdfast.relay.config.FailoverConfig;
import io.holdfast.relay.config.FailoverMode;
import io.holdfast.relay.config.WarmFlip;
import io.holdfast.relay.routing.Region;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How every call of a relay recovers from a failed region: cold or warm, how many regions and how much time
 * one failure may use, the prompts, and the human agents' destination. Immutable; shared by every event loop.
 *
 * @param mode cold (INVITE the next region after detection) or warm (a standby leg from the answer on)
 * @param maxAttempts regions one failure may try before escalating
 * @param budget time one failure may take, from detection, before escalating
 * @param prompts what the caller hears meanwhile
 * @param escalation the human agents, resolved like a region (its name is {@value #ESCALATION_NAME}); empty
 *                   when there are none: a call no region takes is then released after the prompt
 * @param warmFlip what warm failover sends the standby after retargeting: a sendrecv re-INVITE or nothing
 */
public record FailoverPolicy(FailoverMode mode, int maxAttempts, Duration budget, FailoverPrompts prompts,
                             Optional<Region> escalation, WarmFlip warmFlip) {
    /** The name of the escalation destination, as a {@link Region}. */
    public static final String ESCALATION_NAME = "escalation";

    public FailoverPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(prompts, "prompts");
        Objects.requireNonNull(escalation, "escalation");
        Objects.requireNonNull(warmFlip, "warmFlip");
        if (maxAttempts < FailoverConfig.MIN_MAX_ATTEMPTS) {
            throw new IllegalArgumentException("maxAttempts must be at least " + FailoverConfig.MIN_MAX_ATTEMPTS);
        }
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive, was " + budget);
        }
    }

    /** A policy with the default warm flip, a sendrecv re-INVITE. */
    public FailoverPolicy(FailoverMode mode, int maxAttempts, Duration budget, FailoverPrompts prompts,
                          Optional<Region> escalation) {
        this(mode, maxAttempts, budget, prompts, escalation, FailoverConfig.DEFAULT_WARM_FLIP);
    }

    /** The policy of a configuration, with its prompts loaded and its escalation destination resolved. */
    public static FailoverPolicy of(FailoverConfig config, FailoverPrompts prompts, Optional<Region> escalation) {
        return new FailoverPolicy(config.mode(), config.maxAttempts(), config.budget(), prompts, escalation,
                config.warmFlip());
    }

    public boolean warm() {
        return mode == FailoverMode.WARM;
    }

    /** True when warm failover re-INVITEs the standby to sendrecv; false when it only retargets. */
    public boolean flipsStandby() {
        return warmFlip == WarmFlip.REINVITE;
    }

    public long budgetMs() {
        return budget.toMillis();
    }
}
