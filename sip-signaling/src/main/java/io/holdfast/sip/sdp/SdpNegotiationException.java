package io.holdfast.sip.sdp;

/**
 * An offer/answer exchange (RFC 3264) that cannot complete: no stream of the offer can be accepted
 * (the caller answers {@code 488 Not Acceptable Here}), or an answer that does not match its offer.
 */
public final class SdpNegotiationException extends Exception {
    public SdpNegotiationException(String message) {
        super(message);
    }
}
