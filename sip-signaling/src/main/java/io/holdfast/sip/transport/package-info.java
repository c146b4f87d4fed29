/**
 * SIP transports on Netty (RFC 3261 §18, RFC 3581): UDP bound once per event loop with SO_REUSEPORT on epoll,
 * TCP listening and outgoing connections, response routing, and {@link io.holdfast.sip.transport.SipStack},
 * which wires one {@link io.holdfast.sip.transaction.TransactionLayer} per loop to the sockets. Channels,
 * flows and per-loop connection tables are confined to their event loop; {@code SipStack} itself may be
 * used from any thread.
 */
package io.holdfast.sip.transport;
