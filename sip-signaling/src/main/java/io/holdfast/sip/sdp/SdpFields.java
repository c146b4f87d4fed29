package io.holdfast.sip.sdp;

import java.util.HashSet;
import java.util.Set;

/**
 * Parsers for the values of single SDP lines (RFC 8866 §5, §9; RFC 3605 for {@code a=rtcp}). Each
 * takes the value after {@code x=} and the 1-based line number, and throws
 * {@link SdpParseException} naming what is wrong. Trailing spaces and tabs after a structured
 * value are tolerated, as several deployed stacks write them; every other deviation is rejected.
 */
final class SdpFields {
    private static final int MAX_QUOTED = 40;
    private static final long MAX_PORT = 65535;
    private static final long MAX_PAYLOAD_TYPE = 127;
    private static final long MAX_PACKET_TIME_MS = 100_000;
    private static final long MAX_TIME = 999_999_999_999_999_999L;

    private SdpFields() {
    }

    static SdpParseException error(int line, char type, String reason) {
        return new SdpParseException(line, type, reason);
    }

    /** The value in single quotes, shortened if long, for error messages. */
    static String quote(String value) {
        return value.length() <= MAX_QUOTED ? "'" + value + "'" : "'" + value.substring(0, MAX_QUOTED) + "...'";
    }

    /** True when the protocol of an {@code m=} line carries RTP (RTP/AVP, UDP/TLS/RTP/SAVPF, ...). */
    static boolean isRtpProto(String proto) {
        for (String part : proto.split("/", -1)) {
            if (part.equals("RTP")) {
                return true;
            }
        }
        return false;
    }

    /** The space-separated fields of a structured value; one space between fields, none before. */
    static String[] fields(String value, int line, char type) throws SdpParseException {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0) {
            throw error(line, type, "empty value");
        }
        String trimmed = value.substring(0, end);
        if (trimmed.charAt(0) == ' ') {
            throw error(line, type, "space before the first field");
        }
        String[] fields = trimmed.split(" ", -1);
        for (String f : fields) {
            if (f.isEmpty()) {
                throw error(line, type, "more than one space between fields");
            }
        }
        return fields;
    }

    static Origin origin(String value, int line) throws SdpParseException {
        String[] f = fields(value, line, 'o');
        if (f.length != 6) {
            throw error(line, 'o', "expected <username> <sess-id> <sess-version> IN <addrtype> <address>, found "
                    + f.length + " fields");
        }
        if (!SdpSyntax.isNonWhitespaceString(f[0])) {
            throw error(line, 'o', "bad username " + quote(f[0]));
        }
        if (!SdpSyntax.isDigits(f[1])) {
            throw error(line, 'o', "session id " + quote(f[1]) + " is not a decimal number");
        }
        if (!SdpSyntax.isDigits(f[2])) {
            throw error(line, 'o', "session version " + quote(f[2]) + " is not a decimal number");
        }
        networkType(f[3], line, 'o');
        AddressType addressType = addressType(f[4], line, 'o');
        if (!SdpSyntax.isNonWhitespaceString(f[5])) {
            throw error(line, 'o', "bad unicast address " + quote(f[5]));
        }
        return new Origin(f[0], f[1], f[2], addressType, f[5]);
    }

    /** A {@code c=} value: {@code IN <addrtype> <address>[/ttl][/count]}. */
    static Connection connection(String value, int line) throws SdpParseException {
        String[] f = fields(value, line, 'c');
        if (f.length != 3) {
            throw error(line, 'c', "expected IN <addrtype> <connection-address>, found " + f.length + " fields");
        }
        return connection(f[0], f[1], f[2], line, 'c');
    }

    static Connection connection(String netType, String addrType, String address, int line, char type)
            throws SdpParseException {
        networkType(netType, line, type);
        AddressType addressType = addressType(addrType, line, type);
        int slash = address.indexOf('/');
        String host = slash < 0 ? address : address.substring(0, slash);
        String[] suffix = slash < 0 ? new String[0] : address.substring(slash + 1).split("/", -1);
        byte[] literal = addressType == AddressType.IP4 ? IpLiteral.parseIp4(host) : IpLiteral.parseIp6(host);
        if (literal == null) {
            if (!SdpSyntax.isHostName(host)) {
                throw error(line, type, "bad " + (addressType == AddressType.IP4 ? "IPv4" : "IPv6")
                        + " address " + quote(host));
            }
            if (suffix.length > 0) {
                throw error(line, type, "TTL or address count after a host name " + quote(address));
            }
            return new Connection(addressType, host, Connection.NO_TTL, 1);
        }
        boolean multicast = addressType == AddressType.IP4 ? (literal[0] & 0xF0) == 0xE0 : (literal[0] & 0xFF) == 0xFF;
        if (!multicast) {
            if (suffix.length > 0) {
                throw error(line, type, "TTL or address count on a unicast address " + quote(address));
            }
            return new Connection(addressType, host, Connection.NO_TTL, 1);
        }
        return multicast(addressType, host, suffix, line, type);
    }

    private static Connection multicast(AddressType addressType, String host, String[] suffix, int line, char type)
            throws SdpParseException {
        if (addressType == AddressType.IP4) {
            if (suffix.length == 0 || suffix.length > 2) {
                throw error(line, type, "an IPv4 multicast address needs /<ttl>[/<number of addresses>]");
            }
            long ttl = SdpSyntax.decimal(suffix[0], 255);
            long count = suffix.length == 2 ? SdpSyntax.decimal(suffix[1], Integer.MAX_VALUE) : 1;
            if (ttl < 0 || count < 1) {
                throw error(line, type, "bad multicast TTL or address count " + quote(String.join("/", suffix)));
            }
            return new Connection(addressType, host, (int) ttl, (int) count);
        }
        if (suffix.length > 1) {
            throw error(line, type, "an IPv6 multicast address takes only /<number of addresses>");
        }
        long count = suffix.length == 1 ? SdpSyntax.decimal(suffix[0], Integer.MAX_VALUE) : 1;
        if (count < 1) {
            throw error(line, type, "bad number of addresses " + quote(suffix[0]));
        }
        return new Connection(addressType, host, Connection.NO_TTL, (int) count);
    }

    private static void networkType(String netType, int line, char type) throws SdpParseException {
        if (!"IN".equals(netType)) {
            throw error(line, type, "unsupported network type " + quote(netType) + " (only IN)");
        }
    }

    private static AddressType addressType(String addrType, int line, char type) throws SdpParseException {
        if ("IP4".equals(addrType)) {
            return AddressType.IP4;
        }
        if ("IP6".equals(addrType)) {
            return AddressType.IP6;
        }
        throw error(line, type, "bad address type " + quote(addrType) + " (IP4 or IP6)");
    }

    static Bandwidth bandwidth(String value, int line) throws SdpParseException {
        int colon = value.indexOf(':');
        String type = colon < 0 ? value : value.substring(0, colon);
        if (colon < 0 || !SdpSyntax.isToken(type)) {
            throw error(line, 'b', "expected <bwtype>:<bandwidth>, found " + quote(value));
        }
        long bandwidth = SdpSyntax.decimal(stripTrailingBlanks(value.substring(colon + 1)), Long.MAX_VALUE / 10);
        if (bandwidth < 0) {
            throw error(line, 'b', "bandwidth " + quote(value.substring(colon + 1)) + " is not a decimal number");
        }
        return new Bandwidth(type, bandwidth);
    }

    static Timing timing(String value, int line) throws SdpParseException {
        String[] f = fields(value, line, 't');
        if (f.length != 2) {
            throw error(line, 't', "expected <start-time> <stop-time>, found " + f.length + " fields");
        }
        long start = SdpSyntax.decimal(f[0], MAX_TIME);
        long stop = SdpSyntax.decimal(f[1], MAX_TIME);
        if (start < 0 || stop < 0) {
            throw error(line, 't', "times must be decimal NTP seconds, found " + quote(value));
        }
        return new Timing(start, stop);
    }

    /** {@code r=<repeat interval> <active duration> <offsets from start-time>}. */
    static void repeat(String value, int line) throws SdpParseException {
        String[] f = fields(value, line, 'r');
        if (f.length < 3) {
            throw error(line, 'r', "expected <repeat interval> <active duration> <offset>..., found "
                    + f.length + " fields");
        }
        for (String time : f) {
            if (!isTypedTime(time)) {
                throw error(line, 'r', "bad time " + quote(time));
            }
        }
    }

    /** {@code z=<adjustment time> <offset> ...}, in pairs. */
    static void zone(String value, int line) throws SdpParseException {
        String[] f = fields(value, line, 'z');
        if (f.length % 2 != 0) {
            throw error(line, 'z', "expected pairs of <adjustment time> <offset>, found " + f.length + " fields");
        }
        for (int i = 0; i < f.length; i += 2) {
            String offset = f[i + 1].startsWith("-") ? f[i + 1].substring(1) : f[i + 1];
            if (SdpSyntax.decimal(f[i], MAX_TIME) < 0 || !isTypedTime(offset)) {
                throw error(line, 'z', "bad adjustment " + quote(f[i] + ' ' + f[i + 1]));
            }
        }
    }

    /** RFC 8866 {@code typed-time}: digits with an optional d, h, m or s unit. */
    private static boolean isTypedTime(String time) {
        char last = time.isEmpty() ? ' ' : time.charAt(time.length() - 1);
        String digits = last == 'd' || last == 'h' || last == 'm' || last == 's'
                ? time.substring(0, time.length() - 1) : time;
        return SdpSyntax.decimal(digits, MAX_TIME) >= 0;
    }

    /** {@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...}. */
    static void mediaLine(String value, int line, MediaDescription.Builder b) throws SdpParseException {
        String[] f = fields(value, line, 'm');
        if (f.length < 3) {
            throw error(line, 'm', "expected <media> <port> <proto> <fmt>..., found " + f.length + " fields");
        }
        if (!SdpSyntax.isToken(f[0])) {
            throw error(line, 'm', "bad media type " + quote(f[0]));
        }
        b.media = f[0];
        int slash = f[1].indexOf('/');
        long port = SdpSyntax.decimal(slash < 0 ? f[1] : f[1].substring(0, slash), MAX_PORT);
        long count = slash < 0 ? 1 : SdpSyntax.decimal(f[1].substring(slash + 1), MAX_PORT);
        if (port < 0 || count < 1) {
            throw error(line, 'm', "bad port " + quote(f[1]) + " (0 to 65535, optionally /<number of ports>)");
        }
        b.port = (int) port;
        b.portCount = (int) count;
        for (String part : f[2].split("/", -1)) {
            if (!SdpSyntax.isToken(part)) {
                throw error(line, 'm', "bad transport protocol " + quote(f[2]));
            }
        }
        b.proto = f[2];
        if (f.length == 3) {
            throw error(line, 'm', "no media formats after the protocol");
        }
        boolean rtp = isRtpProto(f[2]);
        Set<String> seen = new HashSet<>();
        for (int i = 3; i < f.length; i++) {
            String format = f[i];
            if (!SdpSyntax.isToken(format)) {
                throw error(line, 'm', "bad media format " + quote(format));
            }
            if (!seen.add(format)) {
                throw error(line, 'm', "media format " + quote(format) + " listed twice");
            }
            if (rtp) {
                long pt = SdpSyntax.decimal(format, MAX_PAYLOAD_TYPE);
                if (pt < 0 || format.length() > 1 && format.charAt(0) == '0') {
                    throw error(line, 'm', "RTP payload type " + quote(format) + " is not a number from 0 to 127");
                }
                b.payloadTypes.add((int) pt);
            }
            b.formats.add(format);
        }
    }

    /** {@code a=<attribute>[:<value>]}. */
    static Attribute attribute(String value, int line) throws SdpParseException {
        int colon = value.indexOf(':');
        String name = colon < 0 ? stripTrailingBlanks(value) : value.substring(0, colon);
        if (!SdpSyntax.isToken(name)) {
            throw error(line, 'a', "bad attribute name " + quote(name));
        }
        return new Attribute(name, colon < 0 ? null : value.substring(colon + 1));
    }

    /** {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]}. */
    static RtpMap rtpMap(String value, int line) throws SdpParseException {
        String[] f = fields(value, line, 'a');
        if (f.length != 2) {
            throw error(line, 'a', "expected rtpmap:<payload type> <encoding name>/<clock rate>[/<channels>]");
        }
        long pt = SdpSyntax.decimal(f[0], MAX_PAYLOAD_TYPE);
        if (pt < 0) {
            throw error(line, 'a', "rtpmap payload type " + quote(f[0]) + " is not a number from 0 to 127");
        }
        String[] encoding = f[1].split("/", -1);
        if (encoding.length < 2 || encoding.length > 3 || !SdpSyntax.isToken(encoding[0])) {
            throw error(line, 'a', "bad rtpmap encoding " + quote(f[1]) + " (<name>/<clock rate>[/<channels>])");
        }
        long clockRate = SdpSyntax.decimal(encoding[1], Integer.MAX_VALUE);
        long channels = encoding.length == 3 ? SdpSyntax.decimal(encoding[2], Integer.MAX_VALUE) : 1;
        if (clockRate < 1 || channels < 1) {
            throw error(line, 'a', "bad rtpmap clock rate or channels " + quote(f[1]));
        }
        return new RtpMap((int) pt, encoding[0], (int) clockRate, (int) channels);
    }

    /** {@code a=ptime:} or {@code a=maxptime:}: milliseconds, a fraction allowed, rounded. */
    static int packetTimeMs(Attribute attribute, int line) throws SdpParseException {
        String value = attribute.value() == null ? "" : stripTrailingBlanks(attribute.value());
        int dot = value.indexOf('.');
        long whole = SdpSyntax.decimal(dot < 0 ? value : value.substring(0, dot), MAX_PACKET_TIME_MS);
        boolean fractionOk = dot < 0 || SdpSyntax.isDigits(value.substring(dot + 1));
        if (whole < 0 || !fractionOk) {
            throw error(line, 'a', attribute.name() + " " + quote(value) + " is not a number of milliseconds");
        }
        long rounded = dot >= 0 && value.charAt(dot + 1) >= '5' ? whole + 1 : whole;
        if (rounded < 1) {
            throw error(line, 'a', attribute.name() + " must be at least 1 ms, found " + quote(value));
        }
        return (int) rounded;
    }

    /** {@code a=rtcp:<port> [IN <addrtype> <address>]} (RFC 3605 §2.1). */
    static RtcpAttribute rtcp(String value, int line) throws SdpParseException {
        String[] f = fields(value, line, 'a');
        if (f.length != 1 && f.length != 4) {
            throw error(line, 'a', "expected rtcp:<port> [IN <addrtype> <address>], found " + f.length + " fields");
        }
        long port = SdpSyntax.decimal(f[0], MAX_PORT);
        if (port < 0) {
            throw error(line, 'a', "bad RTCP port " + quote(f[0]));
        }
        Connection connection = f.length == 4 ? connection(f[1], f[2], f[3], line, 'a') : null;
        return new RtcpAttribute((int) port, connection);
    }

    static String stripTrailingBlanks(String value) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        return value.substring(0, end);
    }
}
