package io.holdfast.rtp.relay;

import java.net.InetSocketAddress;

/**
 * What a media session needs to know when it opens, from the negotiated SDP. Remote addresses may be null when
 * not known yet (the upstream's, before the region answers); they are given later with
 * {@link MediaSession#signalRemote}. A null RTCP address means RTP port + 1 (or the RTP address under rtcp-mux).
 * Immutable; any thread.
 *
 * @param clockRateHz the media clock rate of the negotiated audio payload (8000 for G.711)
 * @param telephoneEventPayloadType the RFC 4733 telephone-event payload type, or -1 when none was negotiated
 * @param callerRtp the caller's signalled RTP address, or null
 * @param callerRtcp the caller's signalled RTCP address, or null
 * @param upstreamRtp the upstream's signalled RTP address, or null
 * @param upstreamRtcp the upstream's signalled RTCP address, or null
 * @param upstreamTag the caller's tag for the upstream (region), carried in every sample
 */
public record MediaSessionSpec(
        int clockRateHz,
        int telephoneEventPayloadType,
        InetSocketAddress callerRtp,
        InetSocketAddress callerRtcp,
        InetSocketAddress upstreamRtp,
        InetSocketAddress upstreamRtcp,
        int upstreamTag) {

    /** Validates the clock rate and payload type. */
    public MediaSessionSpec {
        if (clockRateHz <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRateHz);
        }
        if (telephoneEventPayloadType < -1 || telephoneEventPayloadType > 127) {
            throw new IllegalArgumentException("telephone-event payload type must be -1 or 0..127: "
                    + telephoneEventPayloadType);
        }
    }
}
