package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;

/**
 * The non-INVITE client transaction of RFC 3261 §17.1.2 (Figure 6).
 *
 * <pre>
 *  arrow (state --event / action--> state), then the test named after it
 *  (start) --request from TU / request sent, E (unreliable), F--> Trying
 *      shouldSendRequestAndStartTimersWhenStarted
 *  Trying --Timer E / request sent, E = min(2E, T2)--> Trying
 *      shouldRetransmitWithDoublingIntervalWhenTimerEFiresInTrying
 *  Trying --Timer F or transport error / inform TU--> Terminated
 *      shouldTimeOutWhenTimerFFiresInTrying,
 *  
 *      shouldTerminateWhenTransportErrorInTrying
 *  Trying --1xx / 1xx to TU--> Proceeding
 *      shouldEnterProceedingWhen1xxInTrying
 *  Trying --200-699 / to TU, K--> Completed
 *      shouldCompleteWhenFinalInTrying
 *  Proceeding --1xx / 1xx to TU--> Proceeding
 *      shouldPassProvisionalWhen1xxInProceeding
 *  Proceeding --Timer E / request sent, E = T2--> Proceeding
 *      shouldRetransmitEveryT2WhenTimerEFiresInProceeding
 *  Proceeding --Timer F or transport error / inform TU--> Terminated
 *      shouldTimeOutWhenTimerFFiresInProceeding,
 *  
 *      shouldTerminateWhenTransportErrorInProceeding
 *  Proceeding --200-699 / to TU, K--> Completed
 *      shouldCompleteWhenFinalInProceeding
 *  Completed --any response / absorbed--> Completed
 *      shouldAbsorbResponseRetransmissionWhenInCompleted
 *  Completed --Timer K--> Terminated (at once on reliable transports)
 *      shouldTerminateWhenTimerKFiresInCompleted
 * </pre>
 *
 * <p>Any other event is counted as {@link TransactionCounter#ILLEGAL_EVENTS} and ignored. Confined to the
 * owner loop.
 */
public final class NonInviteClientTransaction implements ClientTransactionMachine {
    /** The states of Figure 6. */
    public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private final SipRequest request;
    private final boolean reliable;
    private final TransactionTimers timers;
    private final ClientTransactionContext context;
    private State state = State.TRYING;
    private boolean started;
    private long timerEIntervalMs;

    /**
     * @param request the request as it goes on the wire (top Via with the branch); not INVITE or ACK
     * @param reliable true on TCP/TLS: no Timer E, Timer K zero
     */
    public NonInviteClientTransaction(SipRequest request, boolean reliable, TransactionTimers timers,
                                      ClientTransactionContext context) {
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
    public void start() {
        if (started) {
            context.count(TransactionCounter.ILLEGAL_EVENTS);
            return;
        }
        started = true;
        context.send(request);
        if (!reliable) {
            timerEIntervalMs = timers.t1Ms();
            context.schedule(TimerKind.E, timerEIntervalMs);
        }
        context.schedule(TimerKind.F, timers.sixtyFourT1Ms());
    }

    @Override
    public void onResponse(SipResponse response) {
        switch (state) {
            case TRYING, PROCEEDING -> {
                if (response.isProvisional()) {
                    state = State.PROCEEDING;
                    context.reportResponse(response);
                } else {
                    context.cancel(TimerKind.E);
                    context.cancel(TimerKind.F);
                    state = State.COMPLETED;
                    context.reportResponse(response);
                    long timerKMs = timers.timerKMs(reliable);
                    if (timerKMs == 0) {
                        terminate();
                    } else {
                        context.schedule(TimerKind.K, timerKMs);
                    }
                }
            }
            case COMPLETED -> context.count(TransactionCounter.RETRANSMISSIONS_ABSORBED);
            case TERMINATED -> context.count(TransactionCounter.ILLEGAL_EVENTS);
        }
    }

    @Override
    public void onTimer(TimerKind timer) {
        switch (state) {
            case TRYING, PROCEEDING -> {
                if (timer == TimerKind.E) {
                    context.count(TransactionCounter.RETRANSMISSIONS_SENT);
                    context.send(request);
                    timerEIntervalMs = state == State.TRYING
                            ? timers.nextCappedIntervalMs(timerEIntervalMs)
                            : timers.t2Ms();
                    context.schedule(TimerKind.E, timerEIntervalMs);
                } else if (timer == TimerKind.F) {
                    context.count(TransactionCounter.TRANSACTION_TIMEOUTS);
                    context.reportTimeout();
                    terminate();
                } else {
                    context.count(TransactionCounter.ILLEGAL_EVENTS);
                }
            }
            case COMPLETED -> {
                if (timer == TimerKind.K) {
                    terminate();
                } else {
                    context.count(TransactionCounter.ILLEGAL_EVENTS);
                }
            }
            case TERMINATED -> context.count(TransactionCounter.ILLEGAL_EVENTS);
        }
    }

    @Override
    public void onTransportError() {
        if (state == State.TRYING || state == State.PROCEEDING) {
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
