package io.holdfast.sip.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One media description of a {@link SessionDescription} (RFC 8866 §5.14): the {@code m=} line and
 * the {@code c=}, {@code b=}, {@code k=} and {@code a=} lines under it, with the attributes
 * holdfast acts on interpreted: {@code rtpmap}, {@code fmtp}, {@code ptime}, {@code maxptime}, the
 * direction attributes, {@code rtcp} (RFC 3605) and {@code rtcp-mux} (RFC 5761). Values that
 * depend on the session level too (connection, effective direction, RTCP address) are answered by
 * {@link SessionDescription}. Immutable.
 */
public final class MediaDescription {
    /** Value of {@link #ptimeMs()}, {@link #maxptimeMs()} and payload-type lookups when absent. */
    public static final int ABSENT = -1;
    /** The media type of voice streams. */
    public static final String AUDIO = "audio";

    private final int index;
    private final String media;
    private final int port;
    private final int portCount;
    private final String proto;
    private final List<String> formats;
    private final List<Integer> payloadTypes;
    private final List<Connection> connections;
    private final List<Bandwidth> bandwidths;
    private final List<Attribute> attributes;
    private final Map<Integer, RtpMap> rtpMaps;
    private final Map<Integer, String> fmtps;
    private final int ptimeMs;
    private final int maxptimeMs;
    private final Direction direction;
    private final RtcpAttribute rtcp;
    private final boolean rtcpMux;
    private final int firstLine;
    private final int endLine;

    private MediaDescription(Builder b) {
        this.index = b.index;
        this.media = b.media;
        this.port = b.port;
        this.portCount = b.portCount;
        this.proto = b.proto;
        this.formats = List.copyOf(b.formats);
        this.payloadTypes = List.copyOf(b.payloadTypes);
        this.connections = List.copyOf(b.connections);
        this.bandwidths = List.copyOf(b.bandwidths);
        this.attributes = List.copyOf(b.attributes);
        this.rtpMaps = Collections.unmodifiableMap(new LinkedHashMap<>(b.rtpMaps));
        this.fmtps = Collections.unmodifiableMap(new LinkedHashMap<>(b.fmtps));
        this.ptimeMs = b.ptimeMs;
        this.maxptimeMs = b.maxptimeMs;
        this.direction = b.direction;
        this.rtcp = b.rtcp;
        this.rtcpMux = b.rtcpMux;
        this.firstLine = b.firstLine;
        this.endLine = b.endLine;
    }

    /** Position of this description among the session's {@code m=} lines, from 0. */
    public int index() {
        return index;
    }

    /** The media type: {@code audio}, {@code video}, {@code image}, {@code application}, ... */
    public String media() {
        return media;
    }

    public boolean isAudio() {
        return AUDIO.equals(media);
    }

    /** The transport port; 0 means the stream is rejected or disabled (RFC 3264 §5.1, §6). */
    public int port() {
        return port;
    }

    /** The {@code /<number of ports>} of the {@code m=} line, 1 when absent. */
    public int portCount() {
        return portCount;
    }

    /** True when the port is 0. */
    public boolean isRejected() {
        return port == 0;
    }

    /** The transport protocol, e.g. {@code RTP/AVP}, {@code RTP/SAVPF}, {@code udptl}. */
    public String proto() {
        return proto;
    }

    /** True when the protocol carries RTP, so the formats are payload types. */
    public boolean isRtp() {
        return SdpFields.isRtpProto(proto);
    }

    /** The formats of the {@code m=} line, in offered order, as written. */
    public List<String> formats() {
        return formats;
    }

    /** The payload types of the {@code m=} line in order; empty when the protocol is not RTP. */
    public List<Integer> payloadTypes() {
        return payloadTypes;
    }

    /** This description's own {@code c=} lines; empty when it uses the session-level one. */
    public List<Connection> connections() {
        return connections;
    }

    public List<Bandwidth> bandwidths() {
        return bandwidths;
    }

    /** Every {@code a=} line of this description, in order, interpreted ones included. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** The first attribute named {@code name} (case-sensitive), or {@code null}. */
    public Attribute attribute(String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** Every attribute named {@code name}, in order. */
    public List<Attribute> attributes(String name) {
        List<Attribute> found = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                found.add(a);
            }
        }
        return Collections.unmodifiableList(found);
    }

    /**
     * The format of a payload type: its {@code a=rtpmap}, else the RFC 3551 static assignment, else
     * {@code null}. Answers for payload types absent from the {@code m=} line too.
     */
    public RtpMap rtpMap(int payloadType) {
        RtpMap explicit = rtpMaps.get(payloadType);
        return explicit != null ? explicit : RtpMap.ofStatic(payloadType);
    }

    /** The known format of each payload type of the {@code m=} line, in {@code m=} order. */
    public List<RtpMap> rtpMaps() {
        List<RtpMap> maps = new ArrayList<>(payloadTypes.size());
        for (int pt : payloadTypes) {
            RtpMap map = rtpMap(pt);
            if (map != null) {
                maps.add(map);
            }
        }
        return Collections.unmodifiableList(maps);
    }

    /** The {@code a=fmtp} parameters of a payload type as received, or {@code null}. */
    public String fmtp(int payloadType) {
        return fmtps.get(payloadType);
    }

    /** The first RFC 4733 {@code telephone-event} payload type of the {@code m=} line, or {@link #ABSENT}. */
    public int telephoneEventPayloadType() {
        return telephoneEventPayloadType(ABSENT);
    }

    /**
     * The first {@code telephone-event} payload type with this clock rate (RFC 4733 §2.5.1.2: the
     * events use the clock of the voice codec), or {@link #ABSENT}; {@link #ABSENT} as clock rate
     * matches any.
     */
    public int telephoneEventPayloadType(int clockRate) {
        for (int pt : payloadTypes) {
            RtpMap map = rtpMap(pt);
            if (map != null && map.isTelephoneEvent() && (clockRate == ABSENT || map.clockRate() == clockRate)) {
                return pt;
            }
        }
        return ABSENT;
    }

    /** {@code a=ptime} in milliseconds (rounded), or {@link #ABSENT}. */
    public int ptimeMs() {
        return ptimeMs;
    }

    /** {@code a=maxptime} in milliseconds (rounded), or {@link #ABSENT}. */
    public int maxptimeMs() {
        return maxptimeMs;
    }

    /**
     * This description's own direction attribute, or {@code null}; see
     * {@link SessionDescription#direction(MediaDescription)} for the effective direction.
     */
    public Direction direction() {
        return direction;
    }

    /** The {@code a=rtcp:} attribute (RFC 3605), or {@code null}. */
    public RtcpAttribute rtcp() {
        return rtcp;
    }

    /** True when {@code a=rtcp-mux} (RFC 5761 §5.1.1) is present. */
    public boolean rtcpMux() {
        return rtcpMux;
    }

    /** Index of the {@code m=} line among the session's lines. */
    int firstLine() {
        return firstLine;
    }

    /** Index one past the last line of this description. */
    int endLine() {
        return endLine;
    }

    @Override
    public String toString() {
        return "m=" + media + ' ' + port + ' ' + proto + ' ' + String.join(" ", formats);
    }

    /** Collects what the parser finds; checks are the parser's job. */
    static final class Builder {
        int index;
        String media;
        int port;
        int portCount = 1;
        String proto;
        final List<String> formats = new ArrayList<>();
        final List<Integer> payloadTypes = new ArrayList<>();
        final List<Connection> connections = new ArrayList<>();
        final List<Bandwidth> bandwidths = new ArrayList<>();
        final List<Attribute> attributes = new ArrayList<>();
        final Map<Integer, RtpMap> rtpMaps = new LinkedHashMap<>();
        final Map<Integer, String> fmtps = new LinkedHashMap<>();
        int ptimeMs = ABSENT;
        int maxptimeMs = ABSENT;
        Direction direction;
        RtcpAttribute rtcp;
        boolean rtcpMux;
        int firstLine;
        int endLine;

        MediaDescription build() {
            return new MediaDescription(this);
        }
    }
}
