package io.holdfast.relay.events;

import java.util.Locale;

/** What came of one route change. Written in lower case with '-' in events ({@code attempt-failed}). */
public enum RouteOutcome {
    /** Mid-call: media now flows to the new region, the caller's stream continuous. */
    REANCHORED,
    /** Call set-up: the call was placed on the region after an earlier region refused it. */
    ROUTED,
    /**
     * The attempt to move the call to {@code toRegion} failed with the event's cause (the failure is
     * that region's); the next region is tried.
     */
    ATTEMPT_FAILED,
    /** The call reached a human at the escalation URI. */
    ESCALATED,
    /** No region and no human could take the call; it was released with a Reason after the prompt. */
    RELEASED,
    /** The call ended. */
    ENDED,
    /** An intent failure was recorded; the call did not move. */
    RECORDED;

    private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The name in events: {@code reanchored}, {@code attempt-failed}... */
    public String wireName() {
        return wireName;
    }

    /** True when the route changed to another region (the outcomes an intent cause may never have). */
    public boolean movedToRegion() {
        return this == REANCHORED || this == ROUTED || this == ATTEMPT_FAILED;
    }

    /** The outcome of a wire name; null when there is none. */
    public static RouteOutcome fromWireName(String wireName) {
        for (RouteOutcome outcome : values()) {
            if (outcome.wireName.equals(wireName)) {
                return outcome;
            }
        }
        return null;
    }
}
