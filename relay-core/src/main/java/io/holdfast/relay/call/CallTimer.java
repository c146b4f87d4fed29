package io.holdfast.relay.call;

/** The timers a {@link Call} schedules through its {@link CallContext}; at most one of each runs. */
enum CallTimer {
    /** {@code sip.invite-timeout}: the region (or the escalation URI) had this long to answer the INVITE finally. */
    INVITE_TIMEOUT,
    /** {@code failover.budget}: a recovery had this long, from detection, to re-anchor the call. */
    RECOVERY_BUDGET,
    /** The prompt's current pass ends: a call no one could take is released now. */
    PROMPT_END
}
