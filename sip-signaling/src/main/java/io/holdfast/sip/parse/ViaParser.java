package io.holdfast.sip.parse;

import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.message.Via;
import io.holdfast.sip.parse.SipParseException.Rule;

/**
 * One Via header field (RFC 3261 §20.42, §25.1): {@code via-parm *(COMMA via-parm)} with
 * {@code sent-protocol LWS sent-by *( SEMI via-params )}. The protocol must be SIP/2.0 (the model has
 * no other); {@code ttl}, {@code maddr}, {@code received} (IPv4, or IPv6 with or without brackets, RFC
 * 5118 §4.5), {@code branch} and {@code rport} (RFC 3581) are checked against their grammar.
 */
final class ViaParser {
    /** Receives each parsed value in order. */
    interface Sink {
        void via(Via via);
    }

    /** {@link ValueCache} kind of a sent-protocol and sent-by (URIs use their place's ordinal). */
    private static final int SENT_BY_KIND = 16;
    private static final int OTHER = 0;
    private static final int RECEIVED = 1;
    private static final int BRANCH = 2;
    private static final int RPORT = 3;
    private static final int TTL = 4;
    private static final int MADDR = 5;

    private ViaParser() {
    }

    static void parse(SipScanner s, Sink sink) throws SipParseException {
        do {
            sink.via(one(s));
        } while (s.separator(','));
        s.expectEnd(Rule.BAD_VIA, "Via value");
    }

    /**
     * One via-parm. Its sent-protocol and sent-by (everything before the first SEMI or COMMA) recur from
     * message to message, so once they parsed to exactly that range they are shared from the scanner's
     * cache; the parameters (a branch is unique) are always read.
     */
    private static Via one(SipScanner s) throws SipParseException {
        s.skipLws();
        byte[] a = s.a;
        int start = s.pos;
        int stop = start;
        while (stop < s.end && a[stop] != ';' && a[stop] != ',') {
            stop++;
        }
        Object kept = s.parts.find(SENT_BY_KIND, a, start, stop);
        Via sentBy;
        if (kept != null) {
            sentBy = (Via) kept;
            s.pos = stop;
        } else {
            sentBy = sentBy(s, start);
            int after = s.pos;
            s.skipLws();
            if (s.pos == stop) {
                s.parts.keep(sentBy, a);
            }
            s.pos = after;
        }
        return new Via(sentBy.transport(), sentBy.host(), sentBy.port(), params(s));
    }

    /** sent-protocol LWS sent-by, as a Via without parameters. */
    private static Via sentBy(SipScanner s, int start) throws SipParseException {
        byte[] a = s.a;
        if (s.skip(SipChars.TOKEN) != 3 || (a[start] | 0x20) != 's' || (a[start + 1] | 0x20) != 'i'
                || (a[start + 2] | 0x20) != 'p') {
            throw s.failAt(Rule.BAD_VIA, start, "sent-protocol must start with SIP");
        }
        if (!s.separator('/')) {
            throw s.fail(Rule.BAD_VIA, "expected '/' after SIP");
        }
        int version = s.pos;
        if (s.skip(SipChars.TOKEN) != 3 || a[version] != '2' || a[version + 1] != '.' || a[version + 2] != '0') {
            throw s.failAt(Rule.BAD_VIA, version, "protocol version must be 2.0");
        }
        if (!s.separator('/')) {
            throw s.fail(Rule.BAD_VIA, "expected '/' before the transport");
        }
        String transport = s.token(Rule.BAD_VIA, "transport");
        int beforeLws = s.pos;
        s.skipLws();
        if (s.pos == beforeLws) {
            throw s.fail(Rule.BAD_VIA, "expected white space before sent-by");
        }
        int hostStart = s.pos;
        s.pos = UriParser.hostEnd(s, hostStart, s.end, Rule.BAD_VIA);
        String host = s.text(hostStart, s.pos);
        int port = SipUri.NO_PORT;
        if (s.separator(':')) {
            port = (int) s.number(65535, Rule.BAD_VIA, "sent-by port");
        }
        return new Via(transport, host, port, SipParameters.EMPTY);
    }

    private static SipParameters params(SipScanner s) throws SipParseException {
        if (!s.separator(';')) {
            return SipParameters.EMPTY;
        }
        int mark = s.paramMark();
        do {
            int nameAt = s.pos;
            String name = s.token(Rule.BAD_VIA, "Via parameter name after ';'");
            int kind = kind(s, nameAt, s.pos);
            String value = null;
            boolean hasValue = s.separator('=');
            if (kind == RECEIVED) {
                value = received(s, hasValue);
            } else if (hasValue) {
                value = HeaderParams.genValue(s, Rule.BAD_VIA, kind == BRANCH);
            }
            check(s, nameAt, kind, value);
            s.addParam(name, value);
        } while (s.separator(';'));
        return s.paramsSince(mark);
    }

    /** Which of the parameters with a grammar of their own the name {@code a[start, stop)} is. */
    private static int kind(SipScanner s, int start, int stop) {
        return switch (stop - start) {
            case 8 -> s.isName(start, stop, "received") ? RECEIVED : OTHER;
            case 6 -> s.isName(start, stop, "branch") ? BRANCH : OTHER;
            case 5 -> s.isName(start, stop, "rport") ? RPORT : s.isName(start, stop, "maddr") ? MADDR : OTHER;
            case 3 -> s.isName(start, stop, "ttl") ? TTL : OTHER;
            default -> OTHER;
        };
    }

    private static String received(SipScanner s, boolean hasValue) throws SipParseException {
        byte[] a = s.a;
        int start = s.pos;
        if (!hasValue) {
            throw s.fail(Rule.BAD_VIA, "received needs an address");
        }
        int stop = start;
        while (stop < s.end && (SipChars.is(a[stop], SipChars.HEX) || a[stop] == ':' || a[stop] == '.'
                || a[stop] == '[' || a[stop] == ']')) {
            stop++;
        }
        boolean valid = UriParser.isIpv4(a, start, stop) || UriParser.isIpv6(a, start, stop)
                || stop - start > 2 && a[start] == '[' && a[stop - 1] == ']'
                && UriParser.isIpv6(a, start + 1, stop - 1);
        if (!valid) {
            throw s.failAt(Rule.BAD_VIA, start, "received must be an IPv4 or IPv6 address");
        }
        s.pos = stop;
        return s.ascii(start, stop);
    }

    private static void check(SipScanner s, int at, int kind, String value) throws SipParseException {
        switch (kind) {
            case BRANCH -> {
                if (!HeaderParams.isToken(value)) {
                    throw s.failAt(Rule.BAD_VIA, at, "branch must be a token");
                }
            }
            case RPORT -> {
                if (value != null && !isNumberAtMost(value, 65535)) {
                    throw s.failAt(Rule.BAD_VIA, at, "rport must be empty or a port number");
                }
            }
            case TTL -> {
                if (!isNumberAtMost(value, 255)) {
                    throw s.failAt(Rule.BAD_VIA, at, "ttl must be 0..255");
                }
            }
            case MADDR -> {
                if (value == null || value.isEmpty() || value.charAt(0) == '"') {
                    throw s.failAt(Rule.BAD_VIA, at, "maddr must be a host");
                }
            }
            default -> {
            }
        }
    }

    static boolean isNumberAtMost(String value, long max) {
        if (value == null || value.isEmpty() || value.length() > 10) {
            return false;
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            n = n * 10 + c - '0';
        }
        return n <= max;
    }
}
