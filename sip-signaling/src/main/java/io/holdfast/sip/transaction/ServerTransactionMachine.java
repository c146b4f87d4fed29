package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;

/** The events both server machines take, so that {@link ServerTransaction} drives either. Owner loop only. */
interface ServerTransactionMachine {
    void start();

    /** A retransmission of the request that created the transaction. */
    void onRequest(SipRequest retransmission);

    /** A response from the TU; false when the state does not allow it (counted, not sent). */
    boolean sendResponse(SipResponse response);

    void onTimer(TimerKind timer);

    void onTransportError();

    /** True once a final response has been sent. */
    boolean hasFinalResponse();

    boolean isTerminated();
}
