package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;

/**
 * The non-INVITE server transaction of RFC 3261 §17.2.2 (Figure 8).
 *
 * <pre>
 *  arrow (state --event / action--> state), then the test named after it
 *  (start) --request / pass to TU--> Trying
 *      shouldEnterTryingWhenStarted
 *  Trying --request / absorbed--> Trying
 *      shouldAbsorbRequestRetransmissionWhenInTrying
 *  Trying --1xx from TU / response sent--> Proceeding
 *      shouldEnterProceedingWhen1xxFromTuInTrying
 *  Trying --200-699 from TU / response sent, J--> Completed
 *      shouldCompleteWhenFinalFromTuInTrying
 *  Proceeding --1xx from TU / response sent--> Proceeding
 *      shouldSendProvisionalWhen1xxFromTuInProceeding
 *  Proceeding --request / last provisional sent--> Proceeding
 *      shouldResendProvisionalWhenRequestRetransmittedInProceeding
 *  Proceeding --200-699 from TU / response sent, J--> Completed
 *      shouldCompleteWhenFinalFromTuInProceeding
 *  Proceeding --transport error / inform TU--> Terminated
 *      shouldTerminateWhenTransportErrorInProceeding
 *  Completed --request / final response sent--> Completed
 *      shouldResendFinalWhenRequestRetransmittedInCompleted
 *  Completed --transport error / inform TU--> Terminated
 *      shouldTerminateWhenTransportErrorInCompleted
 *  Completed --Timer J--> Terminated (at once on reliable transports)
 *      shouldTerminateWhenTimerJFiresInCompleted
 * </pre>
 *
 * <p>Any other event (such as a second final response from the TU) is counted as
 * {@link TransactionCounter#ILLEGAL_EVENTS} and ignored. Confined to the owner loop.
 */
public final class NonInviteServerTransaction implements ServerTransactionMachine {
    /** The states of Figure 8. */
    public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private final SipRequest request;
    private final boolean reliable;
    private final TransactionTimers timers;
    private final ServerTransactionContext context;
    private State state = State.TRYING;
    private boolean started;
    private SipResponse lastResponse;

    public NonInviteServerTransaction(SipRequest request, boolean reliable, TransactionTimers timers,
                                      ServerTransactionContext context) {
        if (request.method() == SipMethod.INVITE || request.method() == SipMethod.ACK) {
            throw new IllegalArgumentException("not a non-INVITE transaction request: " + request);
        }
        this.request = request;
        this.reliable = reliable;
        this.timers = timers;
        this.context = context;
    }

    public State state() {
        return state;
    }

    public SipRequest request() {
        return request;
    }

    @Override
    public boolean isTerminated() {
        return state == State.TERMINATED;
    }

    @Override
    public boolean hasFinalResponse() {
        return lastResponse != null && lastResponse.isFinal();
    }

    /** Nothing to send or time yet: the request goes to the TU (done by the layer). */
    @Override
    public void start() {
        if (started) {
            context.count(TransactionCounter.ILLEGAL_EVENTS);
            return;
        }
        started = true;
    }

    @Override
    public void onRequest(SipRequest retransmission) {
        switch (state) {
            case TRYING -> context.count(TransactionCounter.RETRANSMISSIONS_ABSORBED);
            case PROCEEDING, COMPLETED -> {
                context.count(TransactionCounter.RETRANSMISSIONS_ABSORBED);
                context.send(lastResponse);
            }
            case TERMINATED -> context.count(TransactionCounter.ILLEGAL_EVENTS);
        }
    }

    @Override
    public boolean sendResponse(SipResponse response) {
        if (state != State.TRYING && state != State.PROCEEDING) {
            context.count(TransactionCounter.ILLEGAL_EVENTS);
            return false;
        }
        lastResponse = response;
        context.send(response);
        if (response.isProvisional()) {
            state = State.PROCEEDING;
        } else {
            state = State.COMPLETED;
            long timerJMs = timers.timerJMs(reliable);
            if (timerJMs == 0) {
                terminate();
            } else {
                context.schedule(TimerKind.J, timerJMs);
            }
        }
        return true;
    }

    @Override
    public void onTimer(TimerKind timer) {
        if (state == State.COMPLETED && timer == TimerKind.J) {
            terminate();
        } else {
            context.count(TransactionCounter.ILLEGAL_EVENTS);
        }
    }

    @Override
    public void onTransportError() {
        if (state == State.PROCEEDING || state == State.COMPLETED) {
            context.count(TransactionCounter.TRANSPORT_ERRORS);
            context.reportTransportError();
            terminate();
        } else {
            context.count(TransactionCounter.ILLEGAL_EVENTS);
        }
    }

    private void terminate() {
        if (state != State.TERMINATED) {
            state = State.TERMINATED;
            context.terminated();
        }
    }
}
