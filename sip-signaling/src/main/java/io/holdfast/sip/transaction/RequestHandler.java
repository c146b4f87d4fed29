package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipRequest;

/**
 * The transaction user for incoming requests: a UA core, the B2BUA, a test user agent. Called on the loop
 * that received the message, which owns the server transaction. A TU that keeps its calls on another loop
 * hands the work over with that loop's {@code execute}; {@link ServerTransaction#respond} may then be called
 * from there and hops back by itself.
 */
public interface RequestHandler {
    /** A new request (not ACK, not CANCEL) with its server transaction: answer with {@link ServerTransaction#respond}. */
    void onRequest(ServerTransaction transaction);

    /**
     * An ACK that belongs to the TU: the ACK for a 2xx (§13.3.1.4, §17.2.3); its 2xx retransmissions have
     * already been stopped.
     *
     * @param flow where it came from
     */
    void onAck(SipRequest ack, SipFlow flow);

    /**
     * A CANCEL matched a pending INVITE (§9.2): the CANCEL has been answered 200. When this returns and the
     * INVITE still has no final response, the layer answers it 487 Request Terminated.
     */
    void onCancel(ServerTransaction invite, SipRequest cancel);

    /** A server transaction failed; for {@link ServerTransactionFailure#ACK_FOR_2XX_TIMEOUT} the TU should send BYE. */
    void onServerTransactionFailed(ServerTransaction transaction, ServerTransactionFailure failure);
}
