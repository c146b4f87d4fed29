package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.Via;

import java.net.InetSocketAddress;

/**
 * Where a transaction's messages go and how: a UDP socket and a peer address, or a TCP connection.
 * For a server transaction it is the flow the request came in on, already aimed where RFC 3261 §18.2.2 and
 * RFC 3581 send responses; for a client transaction, the flow to the next hop. Implemented by the
 * transport; immutable and usable from any thread.
 */
public interface SipFlow {
    /** True for TCP and TLS: no retransmission timers, zero wait timers (§17). */
    boolean reliable();

    /** The peer this flow sends to. */
    InetSocketAddress remoteAddress();

    /**
     * This side's Via for a request sent on this flow (§18.1.1): transport, sent-by, {@code rport} (RFC 3581)
     * and the given branch.
     */
    Via via(String branch);

    /**
     * Serializes and sends {@code message}. A failure is reported once through {@code onFailure}, on any
     * thread, possibly before this method returns; callers hand it to their own loop.
     */
    void send(SipMessage message, FailureListener onFailure);

    /** Told when a message could not be sent. */
    @FunctionalInterface
    interface FailureListener {
        void onSendFailure(Throwable cause);
    }
}
