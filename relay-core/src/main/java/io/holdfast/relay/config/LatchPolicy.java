package io.holdfast.relay.config;

/**
 * Where anchored media is sent: how a leg learns its remote address (symmetric RTP). Written in
 * the configuration in lower case with '-' ({@code first-packet}).
 */
public enum LatchPolicy {
    /**
     * Latch on the first packet whose source matches the address signalled in the SDP, then accept
     * only that source. The default: nothing but the signalled peer can take the stream.
     */
    SIGNALLED,
    /**
     * Latch on the first packet from any source within the learning window after each offer or
     * answer, then accept only that source: for peers behind NAT that signal a private address.
     */
    FIRST_PACKET
}
