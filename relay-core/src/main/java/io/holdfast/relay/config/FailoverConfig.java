package io.holdfast.relay.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a call leaves a failed region: cold or warm, when silence from the region counts as a
 * failure, how many regions and how much time a failover may use, and what the caller hears.
 * Immutable; safe on any thread.
 *
 * @param mode cold (INVITE after detection) or warm (standby leg from call start)
 * @param mediaTimeout no RTP from the region for this long, while the caller still sends, is
 *                     {@code MEDIA_TIMEOUT}
 * @param maxAttempts how many regions one failure may try before escalating
 * @param budget how long one failure may take, from detection, before escalating
 * @param prompt the WAV played while the call moves; empty for the built-in prompt
 * @param escalationPrompt the WAV played while the call goes to a human; empty for the built-in prompt
 * @param warmFlip what warm failover sends the standby after retargeting: a sendrecv re-INVITE or nothing
 */
public record FailoverConfig(FailoverMode mode, Duration mediaTimeout, int maxAttempts, Duration budget,
                             Optional<Path> prompt, Optional<Path> escalationPrompt, WarmFlip warmFlip) {
    public static final FailoverMode DEFAULT_MODE = FailoverMode.COLD;
    public static final WarmFlip DEFAULT_WARM_FLIP = WarmFlip.REINVITE;
    public static final Duration DEFAULT_MEDIA_TIMEOUT = Duration.ofMillis(60);
    /** One packet interval: a shorter timeout would fire between two packets of a healthy stream. */
    public static final Duration MIN_MEDIA_TIMEOUT = Duration.ofMillis(20);
    public static final Duration MAX_MEDIA_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 2;
    public static final int MIN_MAX_ATTEMPTS = 1;
    public static final int MAX_MAX_ATTEMPTS = 10;
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(8);
    public static final Duration MIN_BUDGET = Duration.ofMillis(100);
    public static final Duration MAX_BUDGET = Duration.ofMinutes(5);

    public static final FailoverConfig DEFAULT = new FailoverConfig(DEFAULT_MODE, DEFAULT_MEDIA_TIMEOUT,
            DEFAULT_MAX_ATTEMPTS, DEFAULT_BUDGET, Optional.empty(), Optional.empty(), DEFAULT_WARM_FLIP);

    public FailoverConfig {
        Objects.requireNonNull(mode, "failover.mode");
        ConfigDuration.requireWithin("failover.media-timeout", mediaTimeout, MIN_MEDIA_TIMEOUT, MAX_MEDIA_TIMEOUT);
        if (maxAttempts < MIN_MAX_ATTEMPTS || maxAttempts > MAX_MAX_ATTEMPTS) {
            throw new IllegalArgumentException("failover.max-attempts must be from " + MIN_MAX_ATTEMPTS + " to "
                    + MAX_MAX_ATTEMPTS + ", was " + maxAttempts);
        }
        ConfigDuration.requireWithin("failover.budget", budget, MIN_BUDGET, MAX_BUDGET);
        Objects.requireNonNull(prompt, "failover.prompt");
        Objects.requireNonNull(escalationPrompt, "failover.escalation-prompt");
        Objects.requireNonNull(warmFlip, "failover.warm-flip");
    }

    /** A configuration with the default warm flip, a sendrecv re-INVITE. */
    public FailoverConfig(FailoverMode mode, Duration mediaTimeout, int maxAttempts, Duration budget,
                          Optional<Path> prompt, Optional<Path> escalationPrompt) {
        this(mode, mediaTimeout, maxAttempts, budget, prompt, escalationPrompt, DEFAULT_WARM_FLIP);
    }
}
