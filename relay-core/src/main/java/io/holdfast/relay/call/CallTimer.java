package io.holdfast.relay.call;

/** The timers a {@link Call} schedules through its {@link CallContext}; at most one of each runs. */
enum CallTimer {
    /** {@code sip.invite-timeout}: the region had this long to answer the INVITE finally. */
    INVITE_TIMEOUT
}
