package io.holdfast.benchmarks.sim;

import io.holdfast.rtp.prompt.PromptCodec;
import io.holdfast.sip.message.MalformedBodyException;
import io.holdfast.sip.message.MediaType;
import io.holdfast.sip.message.MultipartBody;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.sdp.Connection;
import io.holdfast.sip.sdp.Direction;
import io.holdfast.sip.sdp.MediaDescription;
import io.holdfast.sip.sdp.Origin;
import io.holdfast.sip.sdp.RtpMap;
import io.holdfast.sip.sdp.SdpParseException;
import io.holdfast.sip.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * What one side of a simulated call does with its audio stream after an offer/answer: where it sends, in which
 * G.711 codec and payload type, and whether it sends and receives. Also reads and writes the SDP bodies the
 * simulated parties exchange. Immutable.
 *
 * @param remote      where to send RTP, or {@code null} when the peer gave no usable address (hold)
 * @param codec       the codec of the outgoing frames
 * @param payloadType the payload type number negotiated for it
 * @param sends       whether this side sends
 * @param receives    whether this side receives
 */
record MediaPlan(InetSocketAddress remote, PromptCodec codec, int payloadType, boolean sends, boolean receives) {
    /** The dynamic payload type of telephone-event in the offers the simulated caller makes. */
    static final int TELEPHONE_EVENT_PAYLOAD_TYPE = 101;

    /** The plan of the side that answered {@code offer} with {@code answer}; null without a common G.711 codec. */
    static MediaPlan forAnswerer(SessionDescription answer, SessionDescription offer) {
        return plan(answer, offer, answer);
    }

    /** The plan of the side whose {@code offer} got {@code answer}; null without a common G.711 codec. */
    static MediaPlan forOfferer(SessionDescription offer, SessionDescription answer) {
        return plan(offer, answer, answer);
    }

    /** The codec is the answer's first G.711 format (RFC 3264 §6.1: the answer lists what both sides use). */
    private static MediaPlan plan(SessionDescription own, SessionDescription peer, SessionDescription answer) {
        MediaDescription mine = own.audio();
        MediaDescription theirs = peer.audio();
        MediaDescription answered = answer.audio();
        if (mine == null || theirs == null || mine.isRejected() || theirs.isRejected()) {
            return null;
        }
        for (int payloadType : answered.payloadTypes()) {
            RtpMap map = answered.rtpMap(payloadType);
            PromptCodec codec = map == null ? null : codecOf(map);
            if (codec != null) {
                InetSocketAddress remote = peer.rtpAddressFor(theirs);
                boolean usable = !remote.isUnresolved() && !remote.getAddress().isAnyLocalAddress() && remote.getPort() != 0;
                Direction ownDirection = own.direction(mine);
                Direction peerDirection = peer.direction(theirs);
                return new MediaPlan(usable ? remote : null, codec, payloadType,
                        usable && ownDirection.sends() && peerDirection.receives(),
                        ownDirection.receives() && peerDirection.sends());
            }
        }
        return null;
    }

    private static PromptCodec codecOf(RtpMap map) {
        if (map.clockRate() != PromptCodec.SAMPLE_RATE_HZ) {
            return null;
        }
        for (PromptCodec codec : PromptCodec.values()) {
            if (codec.name().equalsIgnoreCase(map.encodingName())) {
                return codec;
            }
        }
        return null;
    }

    /**
     * The SDP a message carries, alone or as the {@code application/sdp} part of a multipart body; {@code null}
     * when it has none or it does not parse.
     */
    static SessionDescription sdpOf(SipMessage message) {
        if (message.bodyLength() == 0 || message.contentType() == null) {
            return null;
        }
        MediaType type = MediaType.parse(message.contentType());
        try {
            if (type != null && type.is("application", "sdp")) {
                return SessionDescription.parse(message.body());
            }
            if (type != null && type.isMultipart()) {
                MultipartBody.Part part = MultipartBody.parse(type, message.body()).firstOfType("application", "sdp");
                return part == null ? null : SessionDescription.parse(part.content());
            }
        } catch (SdpParseException | MalformedBodyException e) {
            return null;
        }
        return null;
    }

    /** An offer of one audio stream at {@code rtp}: PCMU, PCMA and telephone-event, 20 ms, sendrecv. */
    static SessionDescription offer(Origin origin, InetSocketAddress rtp) {
        String sdp = "v=0\r\n"
                + "o=" + origin.toSdpValue() + "\r\n"
                + "s=-\r\n"
                + "c=" + Connection.of(rtp.getAddress()).toSdpValue() + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtp.getPort() + " RTP/AVP 0 8 " + TELEPHONE_EVENT_PAYLOAD_TYPE + "\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:" + TELEPHONE_EVENT_PAYLOAD_TYPE + " telephone-event/8000\r\n"
                + "a=fmtp:" + TELEPHONE_EVENT_PAYLOAD_TYPE + " 0-16\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n";
        try {
            return SessionDescription.parse(sdp.getBytes(StandardCharsets.US_ASCII));
        } catch (SdpParseException e) {
            throw new IllegalStateException("the simulated caller's own offer is not valid SDP", e);
        }
    }
}
