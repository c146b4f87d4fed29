/**
 * Anchored media relay: port allocation, one {@code MediaSession} per call leg with a caller-facing and an
 * upstream-facing UDP channel, symmetric-RTP latching, in-place header rewriting that keeps the caller's stream
 * continuous across a change of upstream, forwarding, media-timeout sweeps and quality samples. Every object here
 * belongs to one event loop (a {@code MediaLoop}) and is touched only from that loop's thread.
 */
package io.holdfast.rtp.relay;
