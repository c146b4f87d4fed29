package io.holdfast.sip.message;

/** The Session-Expires header (RFC 4028 §4): interval in seconds and the optional refresher ({@code uac|uas}). */
public record SessionExpires(long deltaSeconds, String refresher) {
    public SessionExpires {
        if (deltaSeconds < 0) {
            throw new IllegalArgumentException("Session-Expires must not be negative: " + deltaSeconds);
        }
    }

    @Override
    public String toString() {
        return refresher == null ? Long.toString(deltaSeconds) : deltaSeconds + ";refresher=" + refresher;
    }
}
