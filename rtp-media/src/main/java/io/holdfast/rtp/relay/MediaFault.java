package io.holdfast.rtp.relay;

/** A media fault reported by a {@link MediaSession} to its {@link MediaFaultListener}. */
public enum MediaFault {
    /** A stream sent nothing for longer than its timeout while the opposite direction was active. */
    MEDIA_TIMEOUT,
    /** The far end answered a send with ICMP port unreachable (connected socket, reported at once). */
    PORT_UNREACHABLE
}
