package io.holdfast.relay.call;

import io.holdfast.relay.context.ResumeContext;

import java.util.Optional;

/**
 * Where a failover or an escalation finds the resume context a region reported for a call (by INFO,
 * {@code io.holdfast.relay.context}), to carry it to the next destination. {@link #NONE} knows no
 * context: the next INVITE then carries the SDP and the resume headers only. Called on the call's event
 * loop; must not block.
 */
@FunctionalInterface
public interface ResumeContextSource {
    /** Knows no context. */
    ResumeContextSource NONE = call -> Optional.empty();

    /** The latest context reported for {@code call}, if any is held. */
    Optional<ResumeContext> contextOf(Call call);
}
