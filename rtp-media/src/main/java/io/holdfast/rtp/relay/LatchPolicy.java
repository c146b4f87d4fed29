package io.holdfast.rtp.relay;

/**
 * How a media port learns its remote address (symmetric RTP, RFC 4961), and how it defends against RTP Bleed
 * and RTP Inject (Enable Security ES2017-04 and ES2025-01 / CVE-2025-53399: a relay that keeps learning, or learns
 * from unvalidated packets, sends media to, and accepts media from, whoever sprays its ports).
 */
public enum LatchPolicy {
    /**
     * Only the address signalled in SDP is accepted; the port latches on the first valid packet from it and the
     * kernel filters every other source from then on (connected socket). No learning: immune to Bleed and Inject
     * while the signalled address is right; breaks a far end behind a NAT that rewrites its address.
     */
    STRICT_SIGNALLED,
    /**
     * The signalled address is accepted at any time. Inside a short learning window from the moment the remote
     * was signalled (default 3 s), the first valid RTP from another source is latched provisionally, and may be
     * replaced only by a better-ranked source (the signalled address, then the signalled host on another port);
     * when the window closes the latch becomes final and strict. Never re-latches later in the call.
     */
    LEARN_WITHIN_WINDOW
}
