package io.holdfast.relay.call;

import io.holdfast.sip.message.SipRequest;

/**
 * A request a call sent on one of its legs, in its own client transaction. Confined to the call's event
 * loop.
 */
public interface OutboundRequest {
    /** The request as sent, with holdfast's Via. */
    SipRequest request();

    /**
     * Cancels a pending INVITE (RFC 3261 §9.1): CANCEL goes out once a provisional response has come, never
     * after a final one.
     */
    void cancel();
}
