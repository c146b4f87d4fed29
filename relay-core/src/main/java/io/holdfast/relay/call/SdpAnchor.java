package io.holdfast.relay.call;

import io.holdfast.rtp.relay.MediaSide;
import io.holdfast.sip.edge.EdgeMessageCheck;
import io.holdfast.sip.edge.EdgeVerdict;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.sdp.Direction;
import io.holdfast.sip.sdp.MediaDescription;
import io.holdfast.sip.sdp.Origin;
import io.holdfast.sip.sdp.SessionDescription;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The SDP half of media anchoring for one call. A description received from one side is sent to the other
 * side rewritten so that media flows through holdfast: every connection address becomes holdfast's media
 * address; the first audio stream gets the anchored RTP and RTCP ports facing the receiving side (an explicit
 * {@code a=rtcp:} when RTCP is not on RTP + 1) without ICE candidates or {@code a=rtcp-mux} (holdfast relays
 * RTP and RTCP on a port pair); every other stream is disabled (port 0, RFC 3264 §8.2), as holdfast anchors
 * only the audio; and the {@code o=} line is the receiving leg's own, holdfast's, its version raised only
 * when the description changed (RFC 3264 §8). Codecs, directions and every other line pass unchanged, so
 * the region sees the caller's codecs and the caller the region's choice; the {@code s=} text is {@code -}. Confined to the call's event loop.
 */
final class SdpAnchor {
    /** Attributes dropped from the anchored stream: addresses holdfast does not relay, and multiplexing. */
    private static final List<String> DROPPED_ATTRIBUTES = List.of("candidate", "remote-candidates", "rtcp-mux");
    private static final String ORIGIN_USER = "holdfast";
    /** The {@code s=} text of every description holdfast sends (the peer's may name its software or host). */
    private static final String SESSION_NAME = "-";

    private final InetAddress mediaAddress;
    private final LegOrigin callerOrigin;
    private LegOrigin upstreamOrigin;

    /**
     * @param callerSessionId the {@code o=} session id of the caller-facing leg
     * @param upstreamSessionId the {@code o=} session id of the upstream leg
     */
    SdpAnchor(InetAddress mediaAddress, long callerSessionId, long upstreamSessionId) {
        this.mediaAddress = mediaAddress;
        this.callerOrigin = new LegOrigin(Origin.of(ORIGIN_USER, callerSessionId, 1, mediaAddress));
        this.upstreamOrigin = new LegOrigin(Origin.of(ORIGIN_USER, upstreamSessionId, 1, mediaAddress));
    }

    /**
     * The session description a message carries (directly or as the SDP part of a multipart body), or
     * {@code null} when it carries none or a bad one (the transport refuses bad SDP before it gets here).
     */
    static SessionDescription of(SipMessage message) {
        if (message.bodyLength() == 0) {
            return null;
        }
        return EdgeMessageCheck.checkBody(message) instanceof EdgeVerdict.Accepted accepted ? accepted.sdp() : null;
    }

    /**
     * A new upstream leg starts a new session towards its region: the next offer carries a new origin
     * version line of its own (the region has never seen this leg).
     */
    void restartUpstream(long upstreamSessionId) {
        upstreamOrigin.reset(Origin.of(ORIGIN_USER, upstreamSessionId, 1, mediaAddress));
    }

    /** The origin of an upstream leg that is not (yet) the call's upstream: a warm standby leg. */
    LegOrigin newUpstreamLeg(long sessionId) {
        return new LegOrigin(Origin.of(ORIGIN_USER, sessionId, 1, mediaAddress));
    }

    /** A standby leg became the call's upstream: later offers and answers to the region carry its origin. */
    void adoptUpstream(LegOrigin origin) {
        upstreamOrigin = origin;
    }

    /**
     * The description to send upstream on a leg of its own ({@link #newUpstreamLeg}), with the audio stream's
     * direction set to {@code direction}.
     */
    SessionDescription towardLeg(LegOrigin origin, SessionDescription received, MediaAnchor anchor,
                                 Direction direction) {
        SessionDescription out = rewrite(MediaSide.UPSTREAM, received, anchor);
        int audio = MediaPeer.audioIndex(out);
        return origin.stamp(audio == MediaDescription.ABSENT ? out : out.withDirection(audio, direction));
    }

    /**
     * The description to send towards {@code toSide}, made from the one the other side sent.
     *
     * @param anchor the media session whose ports facing {@code toSide} the description announces
     */
    SessionDescription toward(MediaSide toSide, SessionDescription received, MediaAnchor anchor) {
        return (toSide == MediaSide.CALLER ? callerOrigin : upstreamOrigin).stamp(rewrite(toSide, received, anchor));
    }

    private SessionDescription rewrite(MediaSide toSide, SessionDescription received, MediaAnchor anchor) {
        int audio = MediaPeer.audioIndex(received);
        SessionDescription out = received;
        if (audio != MediaDescription.ABSENT) {
            for (String attribute : DROPPED_ATTRIBUTES) {
                out = out.withMediaAttributesRemoved(audio, attribute);
            }
        }
        out = out.withConnectionAddress(mediaAddress).withSessionName(SESSION_NAME);
        for (MediaDescription m : received.media()) {
            if (m.index() == audio) {
                out = out.withMediaAddress(audio, new InetSocketAddress(mediaAddress, anchor.localRtpPort(toSide)),
                        new InetSocketAddress(mediaAddress, anchor.localRtcpPort(toSide)));
            } else if (!m.isRejected()) {
                out = out.withMediaAttributesRemoved(m.index(), "candidate")
                        .withMediaAddress(m.index(), new InetSocketAddress(mediaAddress, 0));
            }
        }
        return out;
    }

    /** The {@code o=} line of one leg: holdfast's session id, its version raised whenever what it sends changes. */
    static final class LegOrigin {
        private Origin current;
        private SessionDescription lastSent;

        LegOrigin(Origin initial) {
            this.current = initial;
        }

        void reset(Origin initial) {
            current = initial;
            lastSent = null;
        }

        SessionDescription stamp(SessionDescription description) {
            SessionDescription unchanged = description.withOrigin(current);
            if (lastSent == null || unchanged.equals(lastSent)) {
                lastSent = unchanged;
                return unchanged;
            }
            current = current.withVersionIncremented();
            lastSent = description.withOrigin(current);
            return lastSent;
        }
    }
}
