package io.holdfast.relay.call;

import io.holdfast.sip.message.SipResponse;

/** What a call hears about a request it sent. Called on the call's event loop. */
interface ResponseListener {
    /** Ignores every response: for requests whose outcome changes nothing (BYE to a leg already ended). */
    ResponseListener IGNORE = new ResponseListener() {
        @Override
        public void onProvisional(OutboundRequest request, SipResponse response) {
            // Nothing depends on it.
        }

        @Override
        public void onFinal(OutboundRequest request, SipResponse response) {
            // Nothing depends on it.
        }

        @Override
        public void onTimeout(OutboundRequest request) {
            // Nothing depends on it.
        }

        @Override
        public void onTransportError(OutboundRequest request) {
            // Nothing depends on it.
        }
    };

    /** A 1xx. */
    void onProvisional(OutboundRequest request, SipResponse response);

    /** A final response; for an INVITE every 2xx, retransmissions and forks included. */
    void onFinal(OutboundRequest request, SipResponse response);

    /** No final response in time (Timer B or F). */
    void onTimeout(OutboundRequest request);

    /** The request could not be sent. */
    void onTransportError(OutboundRequest request);
}
