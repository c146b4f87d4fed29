package io.holdfast.relay.call;

/** The life of a {@link Call}; see the diagram in its Javadoc. */
public enum CallState {
    /** 100 Trying sent; the anchored media ports are being bound. */
    OPENING_MEDIA,
    /** An INVITE is out to a region; its provisional responses are relayed to the caller. */
    CALLING,
    /** A region answered; the caller has the 200 OK and holdfast waits for its ACK. */
    ANSWERED,
    /** Both dialogs are confirmed; media flows caller ⇄ holdfast ⇄ region. */
    CONNECTED,
    /**
     * The region failed, or a human was asked for ({@link Recovery}): the caller hears a prompt, its dialog
     * untouched, while holdfast moves the call to another region or to the escalation URI.
     */
    RECOVERING,
    /** Both legs ended (or were refused); media closed. Every later event is counted and ignored. */
    TERMINATED
}
