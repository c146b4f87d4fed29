package io.holdfast.rtp.relay;

/** The two sides of an anchored call leg. */
public enum MediaSide {
    /** Towards the caller (the carrier or SBC). */
    CALLER,
    /** Towards the upstream (a Voice AI region, or a human agent). */
    UPSTREAM;

    /** Returns the other side. */
    public MediaSide opposite() {
        return this == CALLER ? UPSTREAM : CALLER;
    }
}
