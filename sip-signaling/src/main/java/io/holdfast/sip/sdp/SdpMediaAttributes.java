package io.holdfast.sip.sdp;

/**
 * Interprets the media-level attributes holdfast acts on, as the parser meets them: {@code rtpmap}
 * and {@code fmtp} (RFC 8866 §6.6, §6.15; only for RTP protocols, and only for a payload type of
 * the {@code m=} line), {@code ptime}, {@code maxptime}, the direction attributes (§6.7),
 * {@code rtcp} (RFC 3605) and {@code rtcp-mux} (RFC 5761 §5.1.1). Any other attribute is kept
 * uninterpreted.
 */
final class SdpMediaAttributes {
    private SdpMediaAttributes() {
    }

    static void apply(MediaDescription.Builder b, Attribute a, int number, int mNumber) throws SdpParseException {
        b.attributes.add(a);
        Direction direction = Direction.fromToken(a.name());
        if (direction != null) {
            SdpParser.requireFlag(a, number);
            if (b.direction != null) {
                throw new SdpParseException(number, 'a', "more than one direction attribute in a media description");
            }
            b.direction = direction;
            return;
        }
        switch (a.name()) {
            case "rtcp-mux" -> {
                SdpParser.requireFlag(a, number);
                b.rtcpMux = true;
            }
            case "rtcp" -> {
                requireSingle(b.rtcp == null, a, number);
                b.rtcp = SdpFields.rtcp(requireValue(a, number), number);
            }
            case "ptime" -> {
                requireSingle(b.ptimeMs == MediaDescription.ABSENT, a, number);
                b.ptimeMs = SdpFields.packetTimeMs(a, number);
            }
            case "maxptime" -> {
                requireSingle(b.maxptimeMs == MediaDescription.ABSENT, a, number);
                b.maxptimeMs = SdpFields.packetTimeMs(a, number);
            }
            case "rtpmap" -> rtpMap(b, a, number, mNumber);
            case "fmtp" -> fmtp(b, a, number, mNumber);
            default -> {
                // kept as received, not interpreted
            }
        }
    }

    private static void rtpMap(MediaDescription.Builder b, Attribute a, int number, int mNumber)
            throws SdpParseException {
        if (!SdpFields.isRtpProto(b.proto)) {
            return;
        }
        RtpMap map = SdpFields.rtpMap(requireValue(a, number), number);
        if (!b.payloadTypes.contains(map.payloadType())) {
            throw new SdpParseException(number, 'a', "rtpmap for payload type " + map.payloadType()
                    + ", which the m= line (line " + mNumber + ") does not list");
        }
        if (b.rtpMaps.putIfAbsent(map.payloadType(), map) != null) {
            throw new SdpParseException(number, 'a', "more than one rtpmap for payload type " + map.payloadType());
        }
    }

    private static void fmtp(MediaDescription.Builder b, Attribute a, int number, int mNumber)
            throws SdpParseException {
        if (!SdpFields.isRtpProto(b.proto)) {
            return;
        }
        String value = requireValue(a, number);
        int space = value.indexOf(' ');
        String format = space < 0 ? value : value.substring(0, space);
        String parameters = space < 0 ? "" : SdpFields.stripTrailingBlanks(value.substring(space + 1));
        long pt = SdpSyntax.decimal(format, 127);
        if (pt < 0) {
            throw new SdpParseException(number, 'a', "fmtp format " + SdpFields.quote(format)
                    + " is not a payload type from 0 to 127");
        }
        if (parameters.isEmpty()) {
            throw new SdpParseException(number, 'a', "fmtp for payload type " + pt + " has no parameters");
        }
        if (!b.payloadTypes.contains((int) pt)) {
            throw new SdpParseException(number, 'a', "fmtp for payload type " + pt
                    + ", which the m= line (line " + mNumber + ") does not list");
        }
        if (b.fmtps.putIfAbsent((int) pt, parameters) != null) {
            throw new SdpParseException(number, 'a', "more than one fmtp for payload type " + pt);
        }
    }

    private static String requireValue(Attribute a, int number) throws SdpParseException {
        if (a.value() == null || a.value().isEmpty()) {
            throw new SdpParseException(number, 'a', "a=" + a.name() + " needs a value");
        }
        return a.value();
    }

    private static void requireSingle(boolean first, Attribute a, int number) throws SdpParseException {
        if (!first) {
            throw new SdpParseException(number, 'a', "more than one a=" + a.name() + " in a media description");
        }
    }
}
