package io.holdfast.rtp.relay;

/** What the forward path decided about one packet; everything but {@link #FORWARD} is counted and dropped. */
public enum ForwardOutcome {
    /** Rewritten in place; send it on the opposite leg. */
    FORWARD,
    /** Failed RFC 3550 A.1 or A.2 validation. */
    DROPPED_MALFORMED,
    /** Carries the SSRC of a source the stream has already switched away from. */
    DROPPED_STALE_SOURCE,
    /** Valid and accounted for, but forwarding in this direction is switched off (hold prompt playing). */
    DROPPED_FORWARDING_OFF
}
