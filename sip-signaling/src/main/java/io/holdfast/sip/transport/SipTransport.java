package io.holdfast.sip.transport;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.transaction.SipFlow;

import java.net.InetSocketAddress;

/**
 * One transport protocol of the stack: its sockets on every loop and the flows to peers. UDP and TCP today;
 * TLS plugs in here (a TCP pipeline with an {@code SslHandler} in front). Thread-safe.
 */
interface SipTransport {
    /** How long closing waits for a socket, in milliseconds. */
    long CLOSE_WAIT_MS = 2_000;

    Transport transport();

    /** The bound local address (the port actually chosen when configured with port 0). */
    InetSocketAddress localAddress();

    /** A flow to {@code remote} sending from loop {@code loopIndex}'s socket or connection. */
    SipFlow flowTo(InetSocketAddress remote, int loopIndex);

    /** Closes every socket and connection and waits (boundedly) for it. */
    void close();

    /**
     * Records a failed write: counted; a message the writer refused (a value that would break the framing, a
     * bug of whoever built the message) also goes to the error log. Runs on the channel's loop.
     */
    static void writeFailed(SipLoop channelLoop, SipMessage message, Throwable cause) {
        channelLoop.counters().increment(TransportCounter.SEND_FAILURES);
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof IllegalArgumentException refused) {
                channelLoop.errors().onError("writing " + message, refused);
                return;
            }
        }
    }
}
