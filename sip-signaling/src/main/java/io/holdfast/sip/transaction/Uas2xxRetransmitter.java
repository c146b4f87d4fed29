package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipResponse;

/**
 * The UAS core's 2xx retransmission of RFC 3261 §13.3.1.4: the 2xx to an INVITE is sent again after T1,
 * then at doubling intervals capped at T2, on every transport, until the ACK arrives; after 64*T1 without
 * one the TU is told (it should end the session with BYE).
 *
 * <pre>
 *  Retransmitting --interval elapsed / 2xx sent, interval = min(2*interval, T2)--> Retransmitting
 *  Retransmitting --ACK / stop--> Acknowledged
 *  Retransmitting --64*T1 elapsed / inform TU--> TimedOut
 * </pre>
 *
 * Confined to the owner loop.
 */
public final class Uas2xxRetransmitter {
    /** Where the retransmitter is. */
    public enum State { RETRANSMITTING, ACKNOWLEDGED, TIMED_OUT }

    /** What an ACK must carry to acknowledge this 2xx: Call-ID, CSeq number and both tags (§12, §13.3.1.4). */
    public record AckKey(String callId, long cseq, String fromTag, String toTag) {
        /** The key of a 2xx or of an ACK; {@code null} when a header it needs is missing. */
        public static AckKey of(SipMessage message) {
            if (message.callId() == null || message.cseq() == null || message.from() == null || message.to() == null) {
                return null;
            }
            return new AckKey(message.callId(), message.cseq().sequence(), message.from().tag(), message.to().tag());
        }
    }

    /** The retransmitter's side effects. */
    public interface Context {
        void retransmit(SipResponse ok);

        void ackTimedOut();
    }

    private final SipResponse ok;
    private final TransactionTimers timers;
    private final OwnerLoop loop;
    private final Context context;
    private State state = State.RETRANSMITTING;
    private long intervalMs;
    private OwnerLoop.Timer retransmitTimer;
    private OwnerLoop.Timer giveUpTimer;

    public Uas2xxRetransmitter(SipResponse ok, TransactionTimers timers, OwnerLoop loop, Context context) {
        if (!ok.isSuccess()) {
            throw new IllegalArgumentException("not a 2xx: " + ok);
        }
        this.ok = ok;
        this.timers = timers;
        this.loop = loop;
        this.context = context;
    }

    public State state() {
        return state;
    }

    public AckKey ackKey() {
        return AckKey.of(ok);
    }

    /** Call right after the 2xx went out for the first time. */
    public void start() {
        intervalMs = timers.t1Ms();
        retransmitTimer = loop.schedule(this::onRetransmitTimer, intervalMs);
        giveUpTimer = loop.schedule(this::onGiveUpTimer, timers.sixtyFourT1Ms());
    }

    /** The ACK arrived: stop. */
    public void onAck() {
        if (state == State.RETRANSMITTING) {
            state = State.ACKNOWLEDGED;
            retransmitTimer.cancel();
            giveUpTimer.cancel();
        }
    }

    private void onRetransmitTimer() {
        if (state != State.RETRANSMITTING) {
            return;
        }
        context.retransmit(ok);
        intervalMs = timers.nextCappedIntervalMs(intervalMs);
        retransmitTimer = loop.schedule(this::onRetransmitTimer, intervalMs);
    }

    private void onGiveUpTimer() {
        if (state != State.RETRANSMITTING) {
            return;
        }
        state = State.TIMED_OUT;
        retransmitTimer.cancel();
        context.ackTimedOut();
    }
}
