package io.holdfast.sip.transport;

/** Which Netty I/O implementation the stack's event loops use. */
public enum IoMode {
    /** Native epoll when {@code Epoll.isAvailable()}, else NIO. */
    AUTO,
    /** Native epoll; starting fails when it is not available. */
    EPOLL,
    /** Java NIO, on any platform. */
    NIO
}
