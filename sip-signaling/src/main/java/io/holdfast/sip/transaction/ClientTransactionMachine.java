package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipResponse;

/** The events both client machines take, so that {@link ClientTransaction} drives either. Owner loop only. */
interface ClientTransactionMachine {
    void start();

    void onResponse(SipResponse response);

    void onTimer(TimerKind timer);

    void onTransportError();

    boolean isTerminated();
}
