package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMessage;

/**
 * The side effects shared by every transaction machine. Implemented by {@link TransactionLayer} (and by a
 * recording fake in tests); called only on the owner loop.
 */
public interface TransactionContext {
    /** Hands a message to the transport; a failure comes back as {@code onTransportError}. */
    void send(SipMessage message);

    /** Starts {@code timer} to fire after {@code delayMs}, replacing a pending timer of the same kind. */
    void schedule(TimerKind timer, long delayMs);

    /** Stops {@code timer} if pending; no effect otherwise. */
    void cancel(TimerKind timer);

    /** Counts an event of the transaction (retransmission, absorbed message, illegal event...). */
    void count(TransactionCounter counter);

    /** The machine reached Terminated: forget it and cancel its timers. Called exactly once. */
    void terminated();
}
