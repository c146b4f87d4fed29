package io.holdfast.sip.parse;

import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.parse.SipParseException.Rule;
import java.nio.charset.StandardCharsets;

/**
 * SIP and SIPS URIs (RFC 3261 §19.1, §25.1) and tel URIs (RFC 3966) over an exact byte range. The user
 * and password are unescaped exactly once (and must then be valid UTF-8); parameters and URI headers
 * are validated and kept as received. Any other scheme is {@link Rule#UNSUPPORTED_URI_SCHEME}.
 */
final class UriParser {
    /** Where the URI stands, which decides what it may contain and which rule a fault breaks. */
    enum Place {
        /** The Request-URI: no URI headers; faults are {@link Rule#BAD_REQUEST_URI}. */
        REQUEST_LINE(Rule.BAD_REQUEST_URI, false),
        /** Between angle brackets: everything allowed; faults are {@link Rule#BAD_URI}. */
        NAME_ADDR(Rule.BAD_URI, true),
        /** An addr-spec without brackets: no URI headers (RFC 3261 §20.10). */
        ADDR_SPEC(Rule.BAD_URI, false);

        final Rule rule;
        final boolean headersAllowed;

        Place(Rule rule, boolean headersAllowed) {
            this.rule = rule;
            this.headersAllowed = headersAllowed;
        }
    }

    private UriParser() {
    }

    /**
     * Parses the URI at {@code [start, stop)}, which it must fill exactly. A URI is a function of its
     * bytes and its place alone, so one seen before (a dialled number, a peer's proxy, a caller's
     * Contact) is shared from the scanner's {@link ValueCache}.
     */
    static SipUri parse(SipScanner s, int start, int stop, Place place) throws SipParseException {
        ValueCache uris = s.parts;
        Object kept = uris.find(place.ordinal(), s.a, start, stop);
        if (kept != null) {
            return (SipUri) kept;
        }
        SipUri uri = parseUncached(s, start, stop, place);
        uris.keep(uri, s.a);
        return uri;
    }

    private static SipUri parseUncached(SipScanner s, int start, int stop, Place place) throws SipParseException {
        byte[] a = s.a;
        Rule rule = place.rule;
        int colon = start;
        if (colon < stop && SipChars.is(a[colon], SipChars.ALPHA)) {
            colon++;
            while (colon < stop && SipChars.is(a[colon], SipChars.SCHEME)) {
                colon++;
            }
        }
        if (colon == start || colon >= stop || a[colon] != ':') {
            throw s.failAt(rule, start, "expected scheme ':' at the start of a URI");
        }
        SipUri.Scheme scheme = scheme(a, start, colon);
        if (scheme == null) {
            throw s.failAt(Rule.UNSUPPORTED_URI_SCHEME, start,
                    "URI scheme '" + s.ascii(start, colon) + "' is not sip, sips or tel");
        }
        if (scheme == SipUri.Scheme.TEL) {
            return tel(s, colon + 1, stop, rule);
        }
        return sip(s, scheme, colon + 1, stop, place);
    }

    private static SipUri.Scheme scheme(byte[] a, int start, int colon) {
        int length = colon - start;
        int c0 = a[start] | 0x20;
        int c1 = length > 1 ? a[start + 1] | 0x20 : 0;
        int c2 = length > 2 ? a[start + 2] | 0x20 : 0;
        if (length == 3 && c0 == 's' && c1 == 'i' && c2 == 'p') {
            return SipUri.Scheme.SIP;
        }
        if (length == 4 && c0 == 's' && c1 == 'i' && c2 == 'p' && (a[start + 3] | 0x20) == 's') {
            return SipUri.Scheme.SIPS;
        }
        if (length == 3 && c0 == 't' && c1 == 'e' && c2 == 'l') {
            return SipUri.Scheme.TEL;
        }
        return null;
    }

    private static SipUri sip(SipScanner s, SipUri.Scheme scheme, int start, int stop, Place place)
            throws SipParseException {
        byte[] a = s.a;
        Rule rule = place.rule;
        int at = -1;
        for (int i = start; i < stop; i++) {
            if (a[i] == '@') {
                if (at >= 0) {
                    throw s.failAt(rule, i, "second '@' in SIP URI");
                }
                at = i;
            }
        }
        String user = null;
        String password = null;
        int p = start;
        if (at >= 0) {
            int userEnd = p;
            while (userEnd < at && a[userEnd] != ':') {
                userEnd++;
            }
            if (userEnd == p) {
                throw s.failAt(rule, p, "empty user in SIP URI");
            }
            user = unescape(s, p, userEnd, SipChars.USER, rule, "user");
            if (userEnd < at) {
                password = unescape(s, userEnd + 1, at, SipChars.PASSWORD, rule, "password");
            }
            p = at + 1;
        }
        int hostEnd = hostEnd(s, p, stop, rule);
        String host = s.text(p, hostEnd);
        p = hostEnd;
        int port = SipUri.NO_PORT;
        if (p < stop && a[p] == ':') {
            s.pos = p + 1;
            int scannerEnd = s.end;
            s.end = stop;
            port = (int) s.number(65535, rule, "port");
            p = s.pos;
            s.end = scannerEnd;
        }
        int mark = s.paramMark();
        while (p < stop && a[p] == ';') {
            int nameStart = p + 1;
            int nameEnd = escapedRun(s, nameStart, stop, SipChars.PARAM, rule);
            if (nameEnd == nameStart) {
                throw s.failAt(rule, nameStart, "empty URI parameter name");
            }
            String value = null;
            p = nameEnd;
            if (p < stop && a[p] == '=') {
                int valueEnd = escapedRun(s, p + 1, stop, SipChars.PARAM, rule);
                if (valueEnd == p + 1) {
                    throw s.failAt(rule, p + 1, "empty URI parameter value");
                }
                value = s.ascii(p + 1, valueEnd);
                p = valueEnd;
            }
            s.addParam(s.ascii(nameStart, nameEnd), value);
        }
        String headers = null;
        if (p < stop && a[p] == '?') {
            if (!place.headersAllowed) {
                throw s.failAt(rule, p, place == Place.REQUEST_LINE
                        ? "URI headers are not allowed in the Request-URI"
                        : "a URI with headers must be enclosed in <>");
            }
            int headersStart = p + 1;
            p = uriHeaders(s, headersStart, stop, rule);
            headers = s.ascii(headersStart, p);
        }
        if (p != stop) {
            throw s.failAt(rule, p, "unexpected character " + SipScanner.describe(a[p]) + " in SIP URI");
        }
        return new SipUri(scheme, user, password, host, port, s.paramsSince(mark), headers);
    }

    /** hname "=" hvalue *( "&amp;" hname "=" hvalue ); returns the end. */
    private static int uriHeaders(SipScanner s, int p, int stop, Rule rule) throws SipParseException {
        byte[] a = s.a;
        while (true) {
            int nameEnd = escapedRun(s, p, stop, SipChars.HNV, rule);
            if (nameEnd == p || nameEnd >= stop || a[nameEnd] != '=') {
                throw s.failAt(rule, nameEnd, "malformed URI header (expected hname=hvalue)");
            }
            p = escapedRun(s, nameEnd + 1, stop, SipChars.HNV, rule);
            if (p >= stop || a[p] != '&') {
                return p;
            }
            p++;
        }
    }

    /** Advances over characters of {@code mask} and %HEXHEX escapes; returns the end. */
    static int escapedRun(SipScanner s, int p, int stop, int mask, Rule rule) throws SipParseException {
        byte[] a = s.a;
        while (p < stop) {
            byte c = a[p];
            if (c == '%') {
                if (p + 2 >= stop || SipChars.hexValue(a[p + 1]) < 0 || SipChars.hexValue(a[p + 2]) < 0) {
                    throw s.failAt(rule, p, "malformed %-escape");
                }
                p += 3;
            } else if (SipChars.is(c, mask)) {
                p++;
            } else {
                return p;
            }
        }
        return p;
    }

    /** Validates {@code [start, stop)} as escaped text of {@code mask} and decodes the escapes once. */
    private static String unescape(SipScanner s, int start, int stop, int mask, Rule rule, String what)
            throws SipParseException {
        byte[] a = s.a;
        int end = escapedRun(s, start, stop, mask, rule);
        if (end != stop) {
            throw s.failAt(rule, end, "character " + SipScanner.describe(a[end]) + " not allowed in " + what);
        }
        int percent = start;
        while (percent < stop && a[percent] != '%') {
            percent++;
        }
        if (percent == stop) {
            return s.text(start, stop);
        }
        byte[] out = new byte[stop - start];
        int n = 0;
        for (int i = start; i < stop; i++) {
            if (a[i] == '%') {
                out[n++] = (byte) (SipChars.hexValue(a[i + 1]) << 4 | SipChars.hexValue(a[i + 2]));
                i += 2;
            } else {
                out[n++] = a[i];
            }
        }
        for (int i = 0; i < n; ) {
            if ((out[i] & 0x80) == 0) {
                i++;
            } else {
                int next = Utf8.sequenceEnd(out, i, n);
                if (next < 0) {
                    throw s.failAt(rule, start, what + " does not unescape to UTF-8");
                }
                i = next;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Validates the host (hostname, IPv4address or IPv6reference) that starts at {@code p}.
     *
     * @return the index after it
     */
    static int hostEnd(SipScanner s, int p, int stop, Rule rule) throws SipParseException {
        byte[] a = s.a;
        if (p < stop && a[p] == '[') {
            int close = p + 1;
            while (close < stop && a[close] != ']') {
                close++;
            }
            if (close >= stop || !isIpv6(a, p + 1, close)) {
                throw s.failAt(rule, p, "malformed IPv6 reference");
            }
            return close + 1;
        }
        int end = p;
        int lastDot = -1;
        while (end < stop) {
            byte c = a[end];
            if (c == '.') {
                lastDot = end;
            } else if (!SipChars.is(c, SipChars.ALPHANUM) && c != '-') {
                break;
            }
            end++;
        }
        if (!isHost(a, p, end, lastDot)) {
            throw s.failAt(rule, p, end == p ? "missing host" : "malformed host '" + s.ascii(p, end) + '\'');
        }
        return end;
    }

    /**
     * hostname or IPv4address, told apart by the first character of the last label: a letter can only
     * start a hostname's toplabel, a digit only an IPv4 address's last part; anything else (a trailing
     * dot, a hyphen, nothing) tries both.
     */
    private static boolean isHost(byte[] a, int start, int end, int lastDot) {
        int last = lastDot < 0 ? start : lastDot + 1;
        if (last < end) {
            byte c = a[last];
            if (SipChars.is(c, SipChars.ALPHA)) {
                return isHostname(a, start, end);
            }
            if (SipChars.is(c, SipChars.DIGIT)) {
                return isIpv4(a, start, end);
            }
        }
        return isHostname(a, start, end) || isIpv4(a, start, end);
    }

    /** hostname = *( domainlabel "." ) toplabel [ "." ], where toplabel starts with ALPHA. */
    static boolean isHostname(byte[] a, int start, int end) {
        if (end > start && a[end - 1] == '.') {
            end--;
        }
        if (start >= end) {
            return false;
        }
        int labelStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || a[i] == '.') {
                if (i == labelStart || a[labelStart] == '-' || a[i - 1] == '-') {
                    return false;
                }
                if (i == end) {
                    return SipChars.is(a[labelStart], SipChars.ALPHA);
                }
                labelStart = i + 1;
            }
        }
        return false;
    }

    /** IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT, each at most 255. */
    static boolean isIpv4(byte[] a, int start, int end) {
        int parts = 0;
        int i = start;
        while (true) {
            int digits = 0;
            int value = 0;
            while (i < end && a[i] >= '0' && a[i] <= '9' && digits < 4) {
                value = value * 10 + a[i] - '0';
                digits++;
                i++;
            }
            if (digits == 0 || digits > 3 || value > 255) {
                return false;
            }
            parts++;
            if (parts == 4) {
                return i == end;
            }
            if (i >= end || a[i] != '.') {
                return false;
            }
            i++;
        }
    }

    /** IPv6address of RFC 3261 §25.1 (RFC 4291 text form, with an optional trailing IPv4 part). */
    static boolean isIpv6(byte[] a, int start, int end) {
        int groups = 0;
        boolean compressed = false;
        int i = start;
        if (end - start >= 2 && a[i] == ':' && a[i + 1] == ':') {
            compressed = true;
            i += 2;
            if (i == end) {
                return true;
            }
        } else if (i < end && a[i] == ':') {
            return false;
        }
        while (i < end) {
            int groupStart = i;
            while (i < end && SipChars.is(a[i], SipChars.HEX) && i - groupStart < 5) {
                i++;
            }
            if (i < end && a[i] == '.') {
                int dotted = groupStart;
                while (dotted < end && a[dotted] != ':') {
                    dotted++;
                }
                if (dotted != end || !isIpv4(a, groupStart, end)) {
                    return false;
                }
                groups += 2;
                break;
            }
            int length = i - groupStart;
            if (length == 0 || length > 4) {
                return false;
            }
            groups++;
            if (i == end) {
                break;
            }
            if (a[i] != ':') {
                return false;
            }
            i++;
            if (i < end && a[i] == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
                if (i == end) {
                    break;
                }
            } else if (i == end) {
                return false;
            }
        }
        return compressed ? groups < 8 : groups == 8;
    }

    /** telephone-subscriber of RFC 3966 §3; the number is kept as received. */
    private static SipUri tel(SipScanner s, int start, int stop, Rule rule) throws SipParseException {
        byte[] a = s.a;
        int p = start;
        boolean global = p < stop && a[p] == '+';
        if (global) {
            p++;
        }
        int digits = 0;
        while (p < stop && a[p] != ';') {
            byte c = a[p];
            if (global ? SipChars.is(c, SipChars.DIGIT) : SipChars.is(c, SipChars.HEX) || c == '*') {
                digits++;
            } else if (c != '-' && c != '.' && c != '(' && c != ')') {
                throw s.failAt(rule, p, "character " + SipScanner.describe(c) + " not allowed in a tel number");
            }
            p++;
        }
        if (digits == 0) {
            throw s.failAt(rule, start, "tel URI without digits");
        }
        String number = s.ascii(start, p);
        int mark = s.paramMark();
        boolean phoneContext = false;
        while (p < stop) {
            int nameStart = p + 1;
            int nameEnd = nameStart;
            while (nameEnd < stop && (SipChars.is(a[nameEnd], SipChars.ALPHANUM) || a[nameEnd] == '-')) {
                nameEnd++;
            }
            if (nameEnd == nameStart) {
                throw s.failAt(rule, nameStart, "empty tel URI parameter name");
            }
            String value = null;
            p = nameEnd;
            if (p < stop && a[p] == '=') {
                int valueEnd = escapedRun(s, p + 1, stop, SipChars.PARAM, rule);
                if (valueEnd == p + 1) {
                    throw s.failAt(rule, p + 1, "empty tel URI parameter value");
                }
                value = s.ascii(p + 1, valueEnd);
                p = valueEnd;
            }
            if (p < stop && a[p] != ';') {
                throw s.failAt(rule, p, "unexpected character " + SipScanner.describe(a[p]) + " in tel URI");
            }
            String name = s.ascii(nameStart, nameEnd);
            phoneContext |= name.equalsIgnoreCase("phone-context");
            s.addParam(name, value);
        }
        if (!global && !phoneContext) {
            throw s.failAt(rule, start, "local tel number without phone-context (RFC 3966 §5.1.4)");
        }
        return new SipUri(SipUri.Scheme.TEL, number, null, null, SipUri.NO_PORT, s.paramsSince(mark), null);
    }
}
