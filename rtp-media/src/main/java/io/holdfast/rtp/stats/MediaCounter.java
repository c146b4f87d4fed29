package io.holdfast.rtp.stats;

/**
 * Names of the media counters, with stable ids (for exporters; never reuse or renumber one) and units. The
 * names say what was counted.
 */
public enum MediaCounter {
    /** RTP packets received on any media port. */
    RTP_RECEIVED(1, "packets"),
    /** RTP packets forwarded to the opposite leg. */
    RTP_FORWARDED(2, "packets"),
    /** RTP packets dropped because they failed RFC 3550 A.1 validation. */
    RTP_DROPPED_MALFORMED(3, "packets"),
    /** RTP packets dropped because they came from a source other than the latched (or learnable) one. */
    RTP_DROPPED_FOREIGN_SOURCE(4, "packets"),
    /** RTP packets dropped because the opposite leg has no remote address yet. */
    RTP_DROPPED_NO_TARGET(5, "packets"),
    /** RTP packets dropped because they carry the SSRC of a source the stream has switched away from. */
    RTP_DROPPED_STALE_SOURCE(6, "packets"),
    /** Datagrams on a media port that are neither RTP nor RTCP (STUN, DTLS, junk). */
    MEDIA_DROPPED_NOT_RTP(7, "packets"),
    /** RTCP compound packets received. */
    RTCP_RECEIVED(8, "packets"),
    /** RTCP compound packets forwarded to the opposite leg. */
    RTCP_FORWARDED(9, "packets"),
    /** RTCP compound packets dropped because they failed RFC 3550 A.2 validation. */
    RTCP_DROPPED_MALFORMED(10, "packets"),
    /** RTCP compound packets dropped because they came from a foreign source. */
    RTCP_DROPPED_FOREIGN_SOURCE(11, "packets"),
    /** RTCP compound packets dropped because the opposite leg has no remote RTCP address yet. */
    RTCP_DROPPED_NO_TARGET(12, "packets"),
    /** Locally generated frames (hold prompt) sent on the caller-facing stream. */
    LOCAL_FRAMES_SENT(13, "packets"),
    /** Locally generated frames dropped because the caller-facing leg had no remote address. */
    LOCAL_FRAMES_DROPPED_NO_TARGET(14, "packets"),
    /** Media samples dropped because the loop's sample ring was full. */
    SAMPLES_DROPPED_RING_FULL(15, "samples"),
    /** Remote addresses latched (first packet from the signalled or a learnt source). */
    REMOTE_LATCHED(16, "events"),
    /** Provisional latches replaced by a better-ranked source inside the learning window. */
    REMOTE_RELATCHED(17, "events"),
    /** Streams reported silent while the opposite direction was active. */
    MEDIA_TIMEOUTS(18, "events"),
    /** ICMP port unreachable reported on a media send or receive. */
    MEDIA_PORT_UNREACHABLE(19, "events"),
    /** Other exceptions on media channels, and failures of the fault listener or of the periodic media tasks. */
    MEDIA_CHANNEL_ERRORS(20, "events"),
    /** Media sessions opened. */
    SESSIONS_OPENED(21, "events"),
    /** Media sessions closed. */
    SESSIONS_CLOSED(22, "events"),
    /** Port allocations refused because the range was exhausted. */
    PORTS_EXHAUSTED(23, "events"),
    /** Releases of a port that was not allocated (ignored). */
    PORT_DOUBLE_RELEASES(24, "events"),
    /** Forwarding-target switches of running sessions ({@code retarget}). */
    RETARGETS(25, "events"),
    /** RTP packets accounted for but not forwarded because forwarding from their side is off (hold prompt). */
    RTP_DROPPED_FORWARDING_OFF(26, "packets"),
    /** RTCP packets not forwarded because forwarding from their side is off (hold prompt). */
    RTCP_DROPPED_FORWARDING_OFF(27, "packets"),
    /** Packets dropped because the outgoing channel was not writable (socket buffer full): never queued. */
    MEDIA_DROPPED_NOT_WRITABLE(28, "packets"),
    /** Media port binds that failed (port taken by another process, address unavailable). */
    PORT_BIND_FAILURES(29, "events"),
    /**
     * Times an event loop fell behind its media traffic (its 10 ms sweep ran more than 2 ms late); it then reads
     * ports until empty. A steady rise means the loop is overloaded.
     */
    MEDIA_LOOP_FELL_BEHIND(30, "events");

    private static final MediaCounter[] VALUES = values();

    private final int id;
    private final String unit;

    MediaCounter(int id, String unit) {
        this.id = id;
        this.unit = unit;
    }

    /** Returns the counter's stable id. */
    public int id() {
        return id;
    }

    /** Returns the unit of the counted quantity. */
    public String unit() {
        return unit;
    }

    /** Returns every counter, in declaration order, without copying (do not modify). */
    static MediaCounter[] all() {
        return VALUES;
    }
}
