package io.holdfast.relay.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One route change, escalation or call end: the evidence a post-incident review reads. Holds no
 * caller data: the call id is a keyed hash, the escalation reason is a short operator-facing text
 * (never the resume context). Measurements are absent ({@code null}) when the event did not take
 * them, for example on a call end. Immutable; made on the call's event loop, read by the writer.
 *
 * @param timeEpochMs when the change happened, wall-clock milliseconds (ISO-8601 in JSON)
 * @param callId the call's hashed id
 * @param fromRegion the region the call left or was on; null when it had none yet
 * @param toRegion the region the call moved to; null when it went to no region (escalation, release, end)
 * @param cause why
 * @param detection from the last good packet or the request to detection
 * @param promptStart from detection to the first hold-prompt frame sent to the caller
 * @param reanchor from detection to media flowing to the new destination
 * @param callerHeardGap the longest time the caller heard neither agent nor prompt
 * @param attempt which attempt this was for the failure (1 for the first), 0 when not an attempt
 * @param outcome what came of it
 * @param escalationReason why the call went (or tried to go) to a human; null otherwise
 */
public record RouteChangeEvent(long timeEpochMs, HashedCallId callId, String fromRegion, String toRegion,
                               CauseTag cause, Duration detection, Duration promptStart, Duration reanchor,
                               Duration callerHeardGap, int attempt, RouteOutcome outcome, String escalationReason) {
    /** Region names come from the configuration and are short; anything longer is not one. */
    public static final int MAX_REGION_NAME_LENGTH = 64;
    /** A reason is a short phrase, not a transcript or a summary. */
    public static final int MAX_ESCALATION_REASON_LENGTH = 200;
    public static final int MAX_ATTEMPT = 1000;

    public RouteChangeEvent {
        if (timeEpochMs < 0) {
            throw new IllegalArgumentException("time before 1970: " + timeEpochMs);
        }
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(outcome, "outcome");
        requireRegion("fromRegion", fromRegion);
        requireRegion("toRegion", toRegion);
        requireNotNegative("detection", detection);
        requireNotNegative("promptStart", promptStart);
        requireNotNegative("reanchor", reanchor);
        requireNotNegative("callerHeardGap", callerHeardGap);
        if (attempt < 0 || attempt > MAX_ATTEMPT) {
            throw new IllegalArgumentException("attempt out of range: " + attempt);
        }
        if (escalationReason != null && (escalationReason.isBlank()
                || escalationReason.length() > MAX_ESCALATION_REASON_LENGTH)) {
            throw new IllegalArgumentException("an escalation reason is 1 to " + MAX_ESCALATION_REASON_LENGTH
                    + " characters");
        }
        if (cause.category() == CauseCategory.INTENT && outcome.movedToRegion()) {
            throw new IllegalArgumentException("an intent failure never moves a call to a region: " + cause + " " + outcome);
        }
    }

    /** Starts an event with what every event has; the rest is optional. */
    public static Builder builder(long timeEpochMs, HashedCallId callId, CauseTag cause, RouteOutcome outcome) {
        return new Builder(timeEpochMs, callId, cause, outcome);
    }

    /** The cause's category: infra, intent or normal. */
    public CauseCategory category() {
        return cause.category();
    }

    public Instant time() {
        return Instant.ofEpochMilli(timeEpochMs);
    }

    private static void requireRegion(String what, String region) {
        if (region != null && (region.isBlank() || region.length() > MAX_REGION_NAME_LENGTH)) {
            throw new IllegalArgumentException(what + " is 1 to " + MAX_REGION_NAME_LENGTH + " characters");
        }
    }

    private static void requireNotNegative(String what, Duration duration) {
        if (duration != null && duration.isNegative()) {
            throw new IllegalArgumentException(what + " is negative: " + duration);
        }
    }

    /** Collects an event's optional parts. Confined to the thread that builds the event. */
    public static final class Builder {
        private final long timeEpochMs;
        private final HashedCallId callId;
        private final CauseTag cause;
        private final RouteOutcome outcome;
        private String fromRegion;
        private String toRegion;
        private Duration detection;
        private Duration promptStart;
        private Duration reanchor;
        private Duration callerHeardGap;
        private int attempt;
        private String escalationReason;

        private Builder(long timeEpochMs, HashedCallId callId, CauseTag cause, RouteOutcome outcome) {
            this.timeEpochMs = timeEpochMs;
            this.callId = callId;
            this.cause = cause;
            this.outcome = outcome;
        }

        public Builder from(String region) {
            this.fromRegion = region;
            return this;
        }

        public Builder to(String region) {
            this.toRegion = region;
            return this;
        }

        public Builder detectionNs(long ns) {
            this.detection = Duration.ofNanos(ns);
            return this;
        }

        public Builder promptStartNs(long ns) {
            this.promptStart = Duration.ofNanos(ns);
            return this;
        }

        public Builder reanchorNs(long ns) {
            this.reanchor = Duration.ofNanos(ns);
            return this;
        }

        public Builder callerHeardGapNs(long ns) {
            this.callerHeardGap = Duration.ofNanos(ns);
            return this;
        }

        public Builder attempt(int attempt) {
            this.attempt = attempt;
            return this;
        }

        public Builder escalationReason(String reason) {
            this.escalationReason = reason;
            return this;
        }

        public RouteChangeEvent build() {
            return new RouteChangeEvent(timeEpochMs, callId, fromRegion, toRegion, cause, detection, promptStart,
                    reanchor, callerHeardGap, attempt, outcome, escalationReason);
        }
    }
}
