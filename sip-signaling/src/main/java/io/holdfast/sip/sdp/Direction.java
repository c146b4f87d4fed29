package io.holdfast.sip.sdp;

/**
 * The media direction attributes of RFC 8866 §6.7 ({@code a=sendrecv}, {@code a=sendonly},
 * {@code a=recvonly}, {@code a=inactive}), always seen from the side that wrote the description.
 * A media-level attribute overrides the session-level one; with neither, the direction is
 * {@link #SENDRECV}.
 */
public enum Direction {
    SENDRECV("sendrecv", true, true),
    SENDONLY("sendonly", true, false),
    RECVONLY("recvonly", false, true),
    INACTIVE("inactive", false, false);

    private final String token;
    private final boolean sends;
    private final boolean receives;

    Direction(String token, boolean sends, boolean receives) {
        this.token = token;
        this.sends = sends;
        this.receives = receives;
    }

    /** The attribute name, e.g. {@code sendonly}. */
    public String token() {
        return token;
    }

    public boolean sends() {
        return sends;
    }

    public boolean receives() {
        return receives;
    }

    /** The direction that sends and receives as asked. */
    public static Direction of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }

    /** The direction named by an attribute, or {@code null} when the name is not a direction. */
    public static Direction fromToken(String token) {
        for (Direction d : values()) {
            if (d.token.equals(token)) {
                return d;
            }
        }
        return null;
    }

    /**
     * The answer to an offer with this direction (RFC 3264 §6.1) by an answerer that would like
     * {@code wanted}: the answerer sends only what the offerer receives and receives only what the
     * offerer sends. sendonly answers recvonly (or inactive), recvonly answers sendonly (or
     * inactive), inactive answers inactive, sendrecv answers {@code wanted}.
     */
    public Direction answer(Direction wanted) {
        return of(wanted.sends && receives, wanted.receives && sends);
    }
}
