package io.holdfast.relay.call;

import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.transport.Transport;

import java.net.InetSocketAddress;

/**
 * A request received on one leg of a call and the means to answer it: the call's view of a server
 * transaction, narrow enough for a unit test to fake. Confined to the call's event loop.
 */
public interface InboundRequest {
    /** The request as received (top Via stamped by the transport). */
    SipRequest request();

    /** A response per RFC 3261 §8.2.6, with this side's To tag on everything but 100 Trying. */
    SipResponse.Builder response(int statusCode, String reasonPhrase);

    /** Sends a response through the transaction; a second final response is counted and dropped there. */
    void respond(SipResponse response);

    /** True once a final response has been sent. */
    boolean hasFinalResponse();

    /** The transport the request came over. */
    Transport transport();

    /** The address the request came from. */
    InetSocketAddress source();
}
