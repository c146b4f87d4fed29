package io.holdfast.relay.call;

import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.Via;
import io.holdfast.sip.transaction.ServerTransaction;
import io.holdfast.sip.transport.Transport;

import java.net.InetSocketAddress;

/** An {@link InboundRequest} on the SIP stack's server transaction. Confined to the call's event loop. */
final class ServerTransactionRequest implements InboundRequest {
    private final ServerTransaction transaction;

    ServerTransactionRequest(ServerTransaction transaction) {
        this.transaction = transaction;
    }

    @Override
    public SipRequest request() {
        return transaction.request();
    }

    @Override
    public SipResponse.Builder response(int statusCode, String reasonPhrase) {
        return transaction.response(statusCode, reasonPhrase);
    }

    @Override
    public void respond(SipResponse response) {
        transaction.respond(response);
    }

    @Override
    public boolean hasFinalResponse() {
        return transaction.hasFinalResponse();
    }

    @Override
    public Transport transport() {
        Via via = transaction.request().topVia();
        Transport transport = via == null ? null : Transport.ofViaToken(via.transport());
        return transport == null || transport == Transport.TLS ? Transport.UDP : transport;
    }

    @Override
    public InetSocketAddress source() {
        return transaction.flow().remoteAddress();
    }
}
