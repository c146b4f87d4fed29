package io.holdfast.relay.call;

import io.holdfast.sip.sdp.MediaDescription;
import io.holdfast.sip.sdp.RtpMap;
import io.holdfast.sip.sdp.SessionDescription;

import java.net.InetSocketAddress;

/**
 * Where one side of a call wants its anchored audio: the RTP and RTCP addresses of the first audio
 * stream of the description it sent. Immutable.
 *
 * @param rtp the RTP address, or {@code null} when the description names a host (no lookup on the loop)
 * @param rtcp the RTCP address of an {@code a=rtcp:} line (RFC 3605), or {@code null} for the RTP port + 1:
 *             holdfast never agrees to {@code a=rtcp-mux} (it relays a port pair), so an offered mux is not
 *             used by the peer
 */
record MediaPeer(InetSocketAddress rtp, InetSocketAddress rtcp) {
    /**
     * The audio peer of a description.
     *
     * @return the peer, or {@code null} when the description has no accepted RTP audio stream
     */
    static MediaPeer of(SessionDescription description) {
        int index = audioIndex(description);
        if (index == MediaDescription.ABSENT) {
            return null;
        }
        MediaDescription audio = description.media(index);
        if (description.connectionFor(audio) == null) {
            return new MediaPeer(null, null);
        }
        InetSocketAddress rtp = description.rtpAddressFor(audio);
        InetSocketAddress rtcp = audio.rtcp() == null ? null : description.rtcpAddressFor(audio);
        return new MediaPeer(rtp.isUnresolved() ? null : rtp, rtcp == null || rtcp.isUnresolved() ? null : rtcp);
    }

    /** The index of the first RTP audio stream with a port, or {@link MediaDescription#ABSENT}. */
    static int audioIndex(SessionDescription description) {
        for (MediaDescription m : description.media()) {
            if (m.isAudio() && m.isRtp() && !m.isRejected()) {
                return m.index();
            }
        }
        return MediaDescription.ABSENT;
    }

    /** The first voice codec of a stream (not telephone-event or comfort noise), or {@code null}. */
    static RtpMap voiceCodec(MediaDescription audio) {
        for (RtpMap map : audio.rtpMaps()) {
            if (map.isVoiceCodec()) {
                return map;
            }
        }
        return null;
    }
}
