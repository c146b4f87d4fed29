package io.holdfast.sip.transport;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMessageWriter;
import io.holdfast.sip.transaction.SipFlow;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

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
     * The message in wire form. Returns a retained buffer: the caller writes or releases it.
     *
     * @throws IllegalArgumentException when a value would break the framing (a bug of whoever built it)
     */
    static ByteBuf encode(SipMessage message, ByteBufAllocator allocator) {
        ByteBuf out = allocator.ioBuffer(SipMessageWriter.estimatedSize(message));
        try {
            SipMessageWriter.write(message, out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }
}
