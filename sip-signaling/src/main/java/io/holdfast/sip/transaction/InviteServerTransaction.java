package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;

/**
 * The INVITE server transaction of RFC 3261 §17.2.1 (Figure 7) with the "Accepted" state of RFC 6026 §7.1:
 * after a 2xx the transaction stays for Timer L (64*T1) to absorb INVITE retransmissions (which would
 * otherwise look like a new call) and to carry the TU's 2xx retransmissions (§13.3.1.4).
 *
 * <pre>
 *  arrow (state --event / action--> state), then the test named after it
 *  (start) --INVITE / pass to TU, start 200 ms timer--> Proceeding
 *      shouldEnterProceedingWhenStarted
 *  Proceeding --200 ms, TU silent / 100 Trying sent--> Proceeding
 *      shouldSendTryingWhenTuSilentFor200Ms
 *  Proceeding --INVITE / last provisional sent--> Proceeding
 *      shouldResendLastProvisionalWhenInviteRetransmittedInProceeding
 *  Proceeding --1xx from TU / response sent--> Proceeding
 *      shouldSendProvisionalWhen1xxFromTuInProceeding
 *  Proceeding --transport error / inform TU--> Terminated
 *      shouldTerminateWhenTransportErrorInProceeding
 *  Proceeding --300-699 from TU / response sent, G (unreliable), H--> Completed
 *      shouldCompleteWhenNon2xxFromTuInProceeding
 *  Proceeding --2xx from TU / response sent, L--> Accepted
 *      shouldAcceptWhen2xxFromTuInProceeding
 *  Completed --INVITE / response sent--> Completed
 *      shouldResendFinalWhenInviteRetransmittedInCompleted
 *  Completed --Timer G / response sent, G = min(2G, T2)--> Completed
 *      shouldRetransmitFinalWhenTimerGFiresInCompleted
 *  Completed --Timer H / inform TU--> Terminated
 *      shouldTimeOutWhenTimerHFiresInCompleted
 *  Completed --transport error / inform TU--> Terminated
 *      shouldTerminateWhenTransportErrorInCompleted
 *  Completed --ACK / I--> Confirmed (Terminated at once when reliable)
 *      shouldConfirmWhenAckInCompleted
 *  Confirmed --ACK or INVITE / absorbed--> Confirmed
 *      shouldAbsorbAckAndInviteWhenInConfirmed
 *  Confirmed --Timer I--> Terminated
 *      shouldTerminateWhenTimerIFiresInConfirmed
 *  Accepted --INVITE / absorbed--> Accepted
 *      shouldAbsorbInviteRetransmissionWhenInAccepted
 *  Accepted --2xx from TU / response sent--> Accepted
 *      shouldSend2xxRetransmissionFromTuWhenInAccepted
 *  Accepted --ACK / to TU--> Accepted
 *      shouldPassAckToTuWhenInAccepted
 *  Accepted --transport error / inform TU--> Accepted
 *      shouldInformTuWhenTransportErrorInAccepted
 *  Accepted --Timer L--> Terminated
 *      shouldTerminateWhenTimerLFiresInAccepted
 * </pre>
 *
 * <p>Any other event is counted as {@link TransactionCounter#ILLEGAL_EVENTS} and ignored. Confined to the
 * owner loop.
 */
public final class InviteServerTransaction implements ServerTransactionMachine {
    /** The states of Figure 7 plus RFC 6026 "Accepted". */
    public enum State { PROCEEDING, COMPLETED, CONFIRMED, ACCEPTED, TERMINATED }

    private static final String TIMESTAMP = "Timestamp";

    private final SipRequest invite;
    private final boolean reliable;
    private final TransactionTimers timers;
    private final ServerTransactionContext context;
    private State state = State.PROCEEDING;
    private boolean started;
    private SipResponse lastProvisional;
    private SipResponse finalResponse;
    private long timerGIntervalMs;

    public InviteServerTransaction(SipRequest invite, boolean reliable, TransactionTimers timers,
                                   ServerTransactionContext context) {
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

    @Override
    public boolean hasFinalResponse() {
        return finalResponse != null;
    }

    /** The last response sent (provisional or final), or {@code null}. */
    public SipResponse lastResponse() {
        return finalResponse != null ? finalResponse : lastProvisional;
    }

    /** Starts the 200 ms timer after which the transaction answers 100 Trying itself (§17.2.1). */
    @Override
    public void start() {
        if (started) {
            context.count(TransactionCounter.ILLEGAL_EVENTS);
            return;
        }
        started = true;
        context.schedule(TimerKind.TRYING, timers.tryingDelayMs());
    }

    @Override
    public void onRequest(SipRequest retransmission) {
        switch (state) {
            case PROCEEDING -> {
                context.count(TransactionCounter.RETRANSMISSIONS_ABSORBED);
                if (lastProvisional != null) {
                    context.send(lastProvisional);
                }
            }
            case COMPLETED -> {
                context.count(TransactionCounter.RETRANSMISSIONS_ABSORBED);
                context.send(finalResponse);
            }
            case CONFIRMED, ACCEPTED -> context.count(TransactionCounter.RETRANSMISSIONS_ABSORBED);
            case TERMINATED -> context.count(TransactionCounter.ILLEGAL_EVENTS);
        }
    }

    /** An ACK whose transaction key matches this INVITE (ACK for a non-2xx, or RFC 6026 Accepted). */
    public void onAck(SipRequest ack) {
        switch (state) {
            case COMPLETED -> {
                context.cancel(TimerKind.G);
                context.cancel(TimerKind.H);
                state = State.CONFIRMED;
                long timerIMs = timers.timerIMs(reliable);
                if (timerIMs == 0) {
                    terminate();
                } else {
                    context.schedule(TimerKind.I, timerIMs);
                }
            }
            case CONFIRMED -> context.count(TransactionCounter.RETRANSMISSIONS_ABSORBED);
            case ACCEPTED -> context.reportAck(ack);
            case PROCEEDING, TERMINATED -> context.count(TransactionCounter.ILLEGAL_EVENTS);
        }
    }

    @Override
    public boolean sendResponse(SipResponse response) {
        switch (state) {
            case PROCEEDING -> {
                context.cancel(TimerKind.TRYING);
                if (response.isProvisional()) {
                    lastProvisional = response;
                    context.send(response);
                } else if (response.isSuccess()) {
                    finalResponse = response;
                    state = State.ACCEPTED;
                    context.send(response);
                    context.schedule(TimerKind.L, timers.sixtyFourT1Ms());
                } else {
                    finalResponse = response;
                    state = State.COMPLETED;
                    context.send(response);
                    if (!reliable) {
                        timerGIntervalMs = timers.t1Ms();
                        context.schedule(TimerKind.G, timerGIntervalMs);
                    }
                    context.schedule(TimerKind.H, timers.sixtyFourT1Ms());
                }
                return true;
            }
            case ACCEPTED -> {
                if (response.isSuccess()) {
                    context.send(response);
                    return true;
                }
                context.count(TransactionCounter.ILLEGAL_EVENTS);
                return false;
            }
            default -> {
                context.count(TransactionCounter.ILLEGAL_EVENTS);
                return false;
            }
        }
    }

    @Override
    public void onTimer(TimerKind timer) {
        switch (state) {
            case PROCEEDING -> {
                if (timer == TimerKind.TRYING && lastProvisional == null) {
                    lastProvisional = trying();
                    context.count(TransactionCounter.TRYING_SENT);
                    context.send(lastProvisional);
                } else {
                    context.count(TransactionCounter.ILLEGAL_EVENTS);
                }
            }
            case COMPLETED -> {
                if (timer == TimerKind.G) {
                    context.count(TransactionCounter.RETRANSMISSIONS_SENT);
                    context.send(finalResponse);
                    timerGIntervalMs = timers.nextCappedIntervalMs(timerGIntervalMs);
                    context.schedule(TimerKind.G, timerGIntervalMs);
                } else if (timer == TimerKind.H) {
                    context.count(TransactionCounter.TRANSACTION_TIMEOUTS);
                    context.reportTimeout();
                    terminate();
                } else {
                    context.count(TransactionCounter.ILLEGAL_EVENTS);
                }
            }
            case CONFIRMED -> terminateOn(timer, TimerKind.I);
            case ACCEPTED -> terminateOn(timer, TimerKind.L);
            case TERMINATED -> context.count(TransactionCounter.ILLEGAL_EVENTS);
        }
    }

    @Override
    public void onTransportError() {
        switch (state) {
            case PROCEEDING, COMPLETED -> {
                context.count(TransactionCounter.TRANSPORT_ERRORS);
                context.reportTransportError();
                terminate();
            }
            case ACCEPTED -> {
                context.count(TransactionCounter.TRANSPORT_ERRORS);
                context.reportTransportError();
            }
            case CONFIRMED, TERMINATED -> context.count(TransactionCounter.ILLEGAL_EVENTS);
        }
    }

    private void terminateOn(TimerKind fired, TimerKind expected) {
        if (fired == expected) {
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

    /** 100 Trying per §8.2.6.1: no To tag, Timestamp copied. */
    private SipResponse trying() {
        SipResponse.Builder trying = SipResponse.to(invite, 100, "Trying");
        String timestamp = invite.header(TIMESTAMP);
        if (timestamp != null) {
            trying.addHeader(TIMESTAMP, timestamp);
        }
        return trying.build();
    }
}
