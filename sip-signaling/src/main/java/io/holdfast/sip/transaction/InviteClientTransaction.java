package io.holdfast.sip.transaction;

import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;

/**
 * The INVITE client transaction of RFC 3261 §17.1.1 (Figure 5) with the "Accepted" state of RFC 6026 §7.2:
 * a 2xx no longer terminates the transaction, so that its retransmissions (and 2xx from other forks) still
 * reach the TU, which sends an ACK for each.
 *
 * <pre>
 *  arrow (state --event / action--> state), then the test named after it
 *  (start) --INVITE from TU / INVITE sent, A (unreliable), B--> Calling
 *      shouldSendInviteAndStartTimersWhenStarted
 *  Calling --Timer A / INVITE sent, A doubled--> Calling
 *      shouldRetransmitInviteWhenTimerAFiresInCalling
 *  Calling --Timer B / inform TU--> Terminated
 *      shouldTimeOutWhenTimerBFiresInCalling
 *  Calling --transport error / inform TU--> Terminated
 *      shouldTerminateWhenTransportErrorInCalling
 *  Calling --1xx / 1xx to TU--> Proceeding
 *      shouldEnterProceedingWhen1xxInCalling
 *  Calling --300-699 / ACK sent, to TU--> Completed
 *      shouldSendAckAndCompleteWhenNon2xxFinalInCalling
 *  Calling --2xx / 2xx to TU, M--> Accepted
 *      shouldAcceptWhen2xxInCalling
 *  Proceeding --1xx / 1xx to TU--> Proceeding
 *      shouldPassProvisionalWhen1xxInProceeding
 *  Proceeding --300-699 / ACK sent, to TU--> Completed
 *      shouldSendAckAndCompleteWhenNon2xxFinalInProceeding
 *  Proceeding --2xx / 2xx to TU, M--> Accepted
 *      shouldAcceptWhen2xxInProceeding
 *  Proceeding --CANCEL sent / B (§9.1)--> Proceeding --Timer B--> Terminated
 *      shouldTimeOutWhenNoFinalResponse64T1AfterCancel
 *  Completed --300-699 / ACK sent--> Completed
 *      shouldResendAckWhenFinalResponseRetransmittedInCompleted
 *  Completed --transport error / inform TU--> Terminated
 *      shouldTerminateWhenTransportErrorInCompleted
 *  Completed --Timer D--> Terminated (at once on reliable transports)
 *      shouldTerminateWhenTimerDFiresInCompleted
 *  Accepted --2xx / 2xx to TU--> Accepted
 *      shouldPass2xxRetransmissionWhen2xxInAccepted
 *  Accepted --Timer M--> Terminated
 *      shouldTerminateWhenTimerMFiresInAccepted
 * </pre>
 *
 * <p>Any other event is counted as {@link TransactionCounter#ILLEGAL_EVENTS} and ignored. Confined to the
 * owner loop.
 */
public final class InviteClientTransaction implements ClientTransactionMachine {
    /** The states of Figure 5 plus RFC 6026 "Accepted". */
    public enum State { CALLING, PROCEEDING, COMPLETED, ACCEPTED, TERMINATED }

    private static final int DEFAULT_MAX_FORWARDS = 70;

    private final SipRequest invite;
    private final boolean reliable;
    private final TransactionTimers timers;
    private final ClientTransactionContext context;
    private State state = State.CALLING;
    private boolean started;
    private boolean cancelSent;
    private long timerAIntervalMs;
    private SipRequest ack;

    /**
     * @param invite the INVITE as it goes on the wire (top Via with the branch)
     * @param reliable true on TCP/TLS: no Timer A, Timer D zero
     */
    public InviteClientTransaction(SipRequest invite, boolean reliable, TransactionTimers timers,
                                   ClientTransactionContext context) {
        if (invite.method() != SipMethod.INVITE) {
            throw new IllegalArgumentException("not an INVITE: " + invite);
        }
        this.invite = invite;
        this.reliable = reliable;
        this.timers = timers;
        this.context = context;
    }

    public State state() {
        return state;
    }

    public SipRequest request() {
        return invite;
    }

    @Override
    public boolean isTerminated() {
        return state == State.TERMINATED;
    }

    /** The "INVITE from TU" arrow: sends the INVITE and starts Timer A (unreliable only) and Timer B. */
    @Override
    public void start() {
        if (started) {
            context.count(TransactionCounter.ILLEGAL_EVENTS);
            return;
        }
        started = true;
        context.send(invite);
        if (!reliable) {
            timerAIntervalMs = timers.t1Ms();
            context.schedule(TimerKind.A, timerAIntervalMs);
        }
        context.schedule(TimerKind.B, timers.sixtyFourT1Ms());
    }

    @Override
    public void onResponse(SipResponse response) {
        switch (state) {
            case CALLING, PROCEEDING -> onResponseBeforeFinal(response);
            case COMPLETED -> {
                if (response.isFinal() && !response.isSuccess()) {
                    context.count(TransactionCounter.RETRANSMISSIONS_ABSORBED);
                    context.send(ack);
                } else {
                    context.count(TransactionCounter.ILLEGAL_EVENTS);
                }
            }
            case ACCEPTED -> {
                if (response.isSuccess()) {
                    context.reportResponse(response);
                } else {
                    context.count(TransactionCounter.ILLEGAL_EVENTS);
                }
            }
            case TERMINATED -> context.count(TransactionCounter.ILLEGAL_EVENTS);
        }
    }

    private void onResponseBeforeFinal(SipResponse response) {
        if (response.isProvisional()) {
            if (state == State.CALLING) {
                context.cancel(TimerKind.A);
                context.cancel(TimerKind.B);
                state = State.PROCEEDING;
            }
            context.reportResponse(response);
        } else if (response.isSuccess()) {
            context.cancel(TimerKind.A);
            context.cancel(TimerKind.B);
            state = State.ACCEPTED;
            context.schedule(TimerKind.M, timers.sixtyFourT1Ms());
            context.reportResponse(response);
        } else {
            context.cancel(TimerKind.A);
            context.cancel(TimerKind.B);
            state = State.COMPLETED;
            ack = ackFor(response);
            context.send(ack);
            context.reportResponse(response);
            long timerDMs = timers.timerDMs(reliable);
            if (timerDMs == 0) {
                terminate();
            } else {
                context.schedule(TimerKind.D, timerDMs);
            }
        }
    }

    @Override
    public void onTimer(TimerKind timer) {
        switch (state) {
            case CALLING -> {
                if (timer == TimerKind.A) {
                    context.count(TransactionCounter.RETRANSMISSIONS_SENT);
                    context.send(invite);
                    timerAIntervalMs *= 2;
                    context.schedule(TimerKind.A, timerAIntervalMs);
                } else if (timer == TimerKind.B) {
                    timeOut();
                } else {
                    context.count(TransactionCounter.ILLEGAL_EVENTS);
                }
            }
            case PROCEEDING -> {
                if (timer == TimerKind.B && cancelSent) {
                    timeOut();
                } else {
                    context.count(TransactionCounter.ILLEGAL_EVENTS);
                }
            }
            case COMPLETED -> terminateOn(timer, TimerKind.D);
            case ACCEPTED -> terminateOn(timer, TimerKind.M);
            case TERMINATED -> context.count(TransactionCounter.ILLEGAL_EVENTS);
        }
    }

    @Override
    public void onTransportError() {
        if (state == State.CALLING || state == State.COMPLETED) {
            context.count(TransactionCounter.TRANSPORT_ERRORS);
            context.reportTransportError();
            terminate();
        } else {
            context.count(TransactionCounter.ILLEGAL_EVENTS);
        }
    }

    /**
     * The TU sent a CANCEL for this INVITE (§9.1). If no final response arrives within 64*T1 the transaction
     * is given up with a timeout. Only legal in Proceeding (a CANCEL needs a provisional response first).
     */
    public void onCancelSent() {
        if (state == State.PROCEEDING && !cancelSent) {
            cancelSent = true;
            context.schedule(TimerKind.B, timers.sixtyFourT1Ms());
        } else {
            context.count(TransactionCounter.ILLEGAL_EVENTS);
        }
    }

    private void terminateOn(TimerKind fired, TimerKind expected) {
        if (fired == expected) {
            terminate();
        } else {
            context.count(TransactionCounter.ILLEGAL_EVENTS);
        }
    }

    private void timeOut() {
        context.count(TransactionCounter.TRANSACTION_TIMEOUTS);
        context.reportTimeout();
        terminate();
    }

    private void terminate() {
        if (state != State.TERMINATED) {
            state = State.TERMINATED;
            context.terminated();
        }
    }

    /**
     * The ACK for a non-2xx final response (§17.1.1.3): Request-URI, Call-ID, From and the CSeq number of the
     * INVITE, the To of the response, the INVITE's top Via only, and its Route headers.
     */
    private SipRequest ackFor(SipResponse response) {
        int maxForwards = invite.maxForwards() == SipRequest.ABSENT ? DEFAULT_MAX_FORWARDS : invite.maxForwards();
        return SipRequest.builder(SipMethod.ACK, invite.requestUri())
                .addVia(invite.topVia())
                .from(invite.from())
                .to(response.to())
                .callId(invite.callId())
                .cseq(CSeq.of(invite.cseq().sequence(), SipMethod.ACK))
                .maxForwards(maxForwards)
                .routes(invite.routes())
                .build();
    }
}
