package io.holdfast.relay.call;

import io.holdfast.relay.events.CauseTag;

/**
 * The seam through which a region asks for a human (an INFO with {@code "escalate": true}, or a REFER):
 * the receiver of the request calls it, and the failover side plays the agent prompt and invites the
 * escalation URI. Called on the call's event loop; must not block.
 */
@FunctionalInterface
public interface EscalationTrigger {
    /**
     * The region asked for a human on an answered call.
     *
     * @param call the call, on its own event loop
     * @param cause why (an {@code INTENT_*} tag for a request by the agent, or an infrastructure tag)
     * @param reasonText the region's own words, short; never a context value
     */
    void escalate(Call call, CauseTag cause, String reasonText);
}
