package io.holdfast.relay.failover;

import io.holdfast.relay.call.Call;
import io.holdfast.relay.call.EscalationTrigger;
import io.holdfast.relay.events.CauseTag;

/**
 * The {@link EscalationTrigger} of a relay: a region's request for a human (INFO with {@code "escalate": true},
 * REFER) makes the call play the agent prompt and invite the escalation URI ({@link Call#escalate}).
 * Stateless; called on the call's event loop.
 */
public final class HumanEscalation implements EscalationTrigger {
    /** The one instance. */
    public static final HumanEscalation INSTANCE = new HumanEscalation();

    private HumanEscalation() {
    }

    @Override
    public void escalate(Call call, CauseTag cause, String reasonText) {
        call.escalate(cause, reasonText);
    }
}
