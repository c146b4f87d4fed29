package io.holdfast.rtp.ring;

/** What a media sample measures. Append new kinds at the end. Immutable. */
public enum MediaSampleKind {
    /** Interarrival jitter of a received stream, in milliseconds (RFC 3550 A.8). */
    JITTER_MS,
    /** Loss fraction of a received stream over the last sample interval, 0..1 (RFC 3550 A.3). */
    LOSS_FRACTION,
    /**
     * Round-trip time between holdfast and the receiver of a stream, in milliseconds (RFC 3550 §6.4.1, measured
     * when the receiver's RTCP report echoes a sender report holdfast relayed). On the stream that comes from the
     * caller the receiver is the upstream: that is the region's RTT.
     */
    RTT_MS,
    /** Packets that arrived on a stream during the last sample interval. */
    PACKETS_RECEIVED,
    /** A stream went silent while the opposite direction was active; the value is the silence in milliseconds. */
    MEDIA_TIMEOUT,
    /** ICMP port unreachable on a stream's send or receive; the value is 1. */
    MEDIA_UNREACHABLE;

    private static final MediaSampleKind[] VALUES = values();

    /** Returns the kind with {@code ordinal}, or null if there is none; never allocates. */
    static MediaSampleKind ofOrdinal(int ordinal) {
        return ordinal >= 0 && ordinal < VALUES.length ? VALUES[ordinal] : null;
    }
}
