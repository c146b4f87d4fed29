package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipRequest;

/** Side effects of the server machines: {@link TransactionContext} plus the reports to the transaction user. */
public interface ServerTransactionContext extends TransactionContext {
    /** An ACK matched an INVITE server transaction in Accepted (RFC 6026 §8.7): it belongs to the TU. */
    void reportAck(SipRequest ack);

    /** Timer H fired: the ACK for a non-2xx final response never came. */
    void reportTimeout();

    /** The transport could not send a response. */
    void reportTransportError();
}
