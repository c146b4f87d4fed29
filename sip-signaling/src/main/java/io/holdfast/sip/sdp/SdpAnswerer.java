package io.holdfast.sip.sdp;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the answer to an offer (RFC 3264 §6) from holdfast's capabilities: the payload formats it
 * handles ({@link Codec}), the transport protocols it accepts and whether it multiplexes RTCP.
 *
 * <p>The answer has the offer's {@code m=} lines in the same order (§6: same number, same media).
 * An audio stream is accepted when its port is not 0, its protocol is supported, it shares at
 * least one voice codec, and an RTP address is still free; the others are rejected with port 0
 * and their offered formats. An accepted stream lists the offered payload types (the offerer's
 * numbers, in the offerer's order) whose format is supported, with their {@code a=rtpmap} and the
 * offer's {@code a=fmtp}; echoes {@code a=ptime}; adds {@code a=rtcp-mux} when offered and
 * supported (RFC 5761 §5.1.1); and states its direction explicitly, answered per §6.1 (see
 * {@link Direction#answer}). The {@code t=} lines are the offer's (§5.1: they must be equal).
 *
 * <p>Immutable: safe to share between threads.
 */
public final class SdpAnswerer {
    /** Transport protocols accepted by default: plain RTP (no SRTP, no feedback profile). */
    public static final Set<String> DEFAULT_PROTOCOLS = Set.of("RTP/AVP");

    private final List<Codec> codecs;
    private final Set<String> protocols;
    private final boolean rtcpMux;

    /**
     * @param codecs    the formats holdfast handles, e.g. PCMU/8000, PCMA/8000, telephone-event/8000
     * @param protocols the {@code m=} protocols it accepts, e.g. {@link #DEFAULT_PROTOCOLS}
     * @param rtcpMux   whether it accepts RTP/RTCP multiplexing when offered
     */
    public SdpAnswerer(List<Codec> codecs, Set<String> protocols, boolean rtcpMux) {
        this.codecs = List.copyOf(codecs);
        this.protocols = Set.copyOf(protocols);
        this.rtcpMux = rtcpMux;
        if (this.codecs.isEmpty() || this.protocols.isEmpty()) {
            throw new IllegalArgumentException("an answerer needs at least one codec and one protocol");
        }
    }

    /** An answerer for {@code codecs} over {@link #DEFAULT_PROTOCOLS}, accepting rtcp-mux. */
    public SdpAnswerer(List<Codec> codecs) {
        this(codecs, DEFAULT_PROTOCOLS, true);
    }

    /**
     * The answer to {@code offer}.
     *
     * @param origin       the answerer's {@code o=} line
     * @param rtpAddresses where holdfast receives RTP, one per stream it can take: the n-th accepted
     *                     stream gets the n-th address (RTCP on the next port, or the same port
     *                     with rtcp-mux); the session-level {@code c=} is the first one's
     * @param wanted       the direction holdfast would like, e.g. {@link Direction#SENDRECV}, or
     *                     {@link Direction#INACTIVE} for a warm standby leg
     * @throws SdpNegotiationException when no stream can be accepted ({@code 488})
     */
    public SessionDescription answer(SessionDescription offer, Origin origin, List<InetSocketAddress> rtpAddresses,
                                     Direction wanted) throws SdpNegotiationException {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(wanted, "wanted");
        for (InetSocketAddress address : rtpAddresses) {
            if (address.isUnresolved() || address.getPort() == 0) {
                throw new IllegalArgumentException("RTP addresses must be IP addresses with a port: " + address);
            }
        }
        List<List<RtpMap>> choices = new ArrayList<>();
        int accepted = 0;
        for (MediaDescription m : offer.media()) {
            List<RtpMap> chosen = accepted < rtpAddresses.size() ? choose(m) : List.of();
            if (!chosen.isEmpty()) {
                accepted++;
            }
            choices.add(chosen);
        }
        if (accepted == 0) {
            throw new SdpNegotiationException("no stream of the offer can be accepted: holdfast takes audio over "
                    + protocols + " with one of " + codecs);
        }
        InetSocketAddress first = rtpAddresses.get(0);
        Connection session = Connection.of(first.getAddress());
        StringBuilder out = new StringBuilder();
        line(out, "v=0");
        line(out, "o=" + origin.toSdpValue());
        line(out, "s=-");
        line(out, "c=" + session.toSdpValue());
        copyTimeLines(offer, out);
        int next = 0;
        for (MediaDescription m : offer.media()) {
            List<RtpMap> chosen = choices.get(m.index());
            if (chosen.isEmpty()) {
                line(out, "m=" + m.media() + " 0 " + m.proto() + ' ' + String.join(" ", m.formats()));
            } else {
                InetSocketAddress address = rtpAddresses.get(next++);
                acceptedMedia(out, offer, m, chosen, address, session, wanted);
            }
        }
        try {
            return SessionDescription.parse(out.toString());
        } catch (SdpParseException e) {
            throw new IllegalStateException("answer is not valid SDP", e);
        }
    }

    /** The offered formats holdfast supports, in offer order; empty unless one is a voice codec. */
    private List<RtpMap> choose(MediaDescription m) {
        if (m.isRejected() || !m.isAudio() || !protocols.contains(m.proto())) {
            return List.of();
        }
        List<RtpMap> chosen = new ArrayList<>();
        boolean voice = false;
        for (int pt : m.payloadTypes()) {
            RtpMap map = m.rtpMap(pt);
            if (map != null && supports(map)) {
                chosen.add(map);
                voice |= map.isVoiceCodec();
            }
        }
        return voice ? chosen : List.of();
    }

    private boolean supports(RtpMap map) {
        for (Codec codec : codecs) {
            if (codec.matches(map)) {
                return true;
            }
        }
        return false;
    }

    private void acceptedMedia(StringBuilder out, SessionDescription offer, MediaDescription m, List<RtpMap> chosen,
                               InetSocketAddress address, Connection session, Direction wanted) {
        StringBuilder mLine = new StringBuilder("m=").append(m.media()).append(' ').append(address.getPort())
                .append(' ').append(m.proto());
        for (RtpMap map : chosen) {
            mLine.append(' ').append(map.payloadType());
        }
        line(out, mLine.toString());
        Connection own = Connection.of(address.getAddress());
        if (!own.equals(session)) {
            line(out, "c=" + own.toSdpValue());
        }
        for (RtpMap map : chosen) {
            line(out, "a=rtpmap:" + map.toSdpValue());
            String fmtp = m.fmtp(map.payloadType());
            if (fmtp != null) {
                line(out, "a=fmtp:" + map.payloadType() + ' ' + fmtp);
            }
        }
        if (m.ptimeMs() != MediaDescription.ABSENT) {
            line(out, "a=ptime:" + m.ptimeMs());
        }
        if (m.rtcpMux() && rtcpMux) {
            line(out, "a=rtcp-mux");
        }
        line(out, "a=" + offer.direction(m).answer(wanted).token());
    }

    private static void copyTimeLines(SessionDescription offer, StringBuilder out) {
        int sessionEnd = offer.media().isEmpty() ? offer.lineCount() : offer.media(0).firstLine();
        for (byte[] raw : offer.rawLines().subList(0, sessionEnd)) {
            if (raw[0] == 't' || raw[0] == 'r' || raw[0] == 'z') {
                line(out, new String(raw, StandardCharsets.UTF_8));
            }
        }
    }

    private static void line(StringBuilder out, String line) {
        out.append(line).append("\r\n");
    }
}
