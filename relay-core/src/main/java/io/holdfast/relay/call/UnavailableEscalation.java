package io.holdfast.relay.call;

import io.holdfast.relay.events.CauseTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EscalationTrigger} of a relay without escalation to a human: a region's request for one is not
 * silently dropped but ends the call, BYE to both legs with a Reason naming the cause, and says so in the log
 * ("escalation not available"). Stateless; called on the call's event loop.
 */
final class UnavailableEscalation implements EscalationTrigger {
    static final UnavailableEscalation INSTANCE = new UnavailableEscalation();

    private static final Logger LOG = LoggerFactory.getLogger(UnavailableEscalation.class);

    private UnavailableEscalation() {
    }

    @Override
    public void escalate(Call call, CauseTag cause, String reasonText) {
        LOG.warn("call {}: region {} asked for a human ({}) but escalation not available; ending the call",
                call.hashedCallId(), call.region(), cause);
        call.end(cause);
    }
}
