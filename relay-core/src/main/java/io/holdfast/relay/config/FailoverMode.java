package io.holdfast.relay.config;

/** How a call moves to another region. Written {@code cold} or {@code warm} in the configuration. */
public enum FailoverMode {
    /** A new INVITE to the next region after detection. */
    COLD,
    /**
     * A standby leg to the next region is set up at call start with {@code a=inactive}; failover
     * flips it to {@code sendrecv} and re-points forwarding. Needs at least two regions.
     */
    WARM
}
