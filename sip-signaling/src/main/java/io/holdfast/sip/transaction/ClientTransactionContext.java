package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipResponse;

/** Side effects of the client machines: {@link TransactionContext} plus the reports to the transaction user. */
public interface ClientTransactionContext extends TransactionContext {
    /** A response for the TU (1xx, the final response, and for INVITE every 2xx). */
    void reportResponse(SipResponse response);

    /** Timer B or F fired (or 64*T1 passed after CANCEL): the transaction failed without a final response. */
    void reportTimeout();

    /** The transport could not send the request or the ACK. */
    void reportTransportError();
}
