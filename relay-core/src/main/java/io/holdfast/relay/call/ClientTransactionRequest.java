package io.holdfast.relay.call;

import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.transaction.ClientTransaction;
import io.holdfast.sip.transaction.ClientTransactionListener;
import io.holdfast.sip.transport.SipStack;

/**
 * An {@link OutboundRequest} on the SIP stack's client transaction, passing what the transaction hears to
 * the call's {@link ResponseListener}. Confined to the call's event loop.
 */
final class ClientTransactionRequest implements OutboundRequest, ClientTransactionListener {
    private final ResponseListener listener;
    private ClientTransaction transaction;

    private ClientTransactionRequest(ResponseListener listener) {
        this.listener = listener;
    }

    /** Sends {@code request} to {@code hop} in a new client transaction of {@code stack}. */
    static OutboundRequest send(SipStack stack, SipRequest request, Hop hop, ResponseListener listener) {
        ClientTransactionRequest outbound = new ClientTransactionRequest(listener);
        outbound.transaction = stack.sendRequest(request, hop.address(), hop.transport(), outbound);
        return outbound;
    }

    @Override
    public SipRequest request() {
        return transaction.request();
    }

    @Override
    public void cancel() {
        transaction.cancel();
    }

    @Override
    public void onProvisional(ClientTransaction transaction, SipResponse response) {
        listener.onProvisional(this, response);
    }

    @Override
    public void onFinal(ClientTransaction transaction, SipResponse response) {
        listener.onFinal(this, response);
    }

    @Override
    public void onTimeout(ClientTransaction transaction) {
        listener.onTimeout(this);
    }

    @Override
    public void onTransportError(ClientTransaction transaction) {
        listener.onTransportError(this);
    }
}
