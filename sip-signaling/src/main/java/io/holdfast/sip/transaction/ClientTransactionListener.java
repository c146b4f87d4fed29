package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipResponse;

/** What a transaction user hears from a {@link ClientTransaction}. Called on the transaction's owner loop. */
public interface ClientTransactionListener {
    /** A 1xx. */
    void onProvisional(ClientTransaction transaction, SipResponse response);

    /**
     * A final response. For an INVITE every 2xx is delivered, retransmissions and other forks included
     * (RFC 6026): the TU sends an ACK for each (§13.2.2.4), see {@link TransactionLayer#sendAck}.
     */
    void onFinal(ClientTransaction transaction, SipResponse response);

    /** No final response in time (Timer B or F, or 64*T1 after a CANCEL). */
    void onTimeout(ClientTransaction transaction);

    /** The transport could not deliver the request (or the ACK of a non-2xx). */
    void onTransportError(ClientTransaction transaction);
}
