/**
 * RTP and RTCP packet views (RFC 3550, RFC 5761): reusable flyweights over a {@code ByteBuf}, validation
 * outcomes as enums, and the only home of 16-bit sequence and 32-bit timestamp wrap-around arithmetic.
 * Flyweights hold no thread state of their own; each instance is confined to the event loop that owns it.
 */
package io.holdfast.rtp.packet;
