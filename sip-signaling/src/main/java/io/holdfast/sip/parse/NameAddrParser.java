package io.holdfast.sip.parse;

import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.parse.SipParseException.Rule;

/**
 * {@code (name-addr / addr-spec) *( SEMI generic-param )} of From, To, Contact, Route and Record-Route
 * (RFC 3261 §20.10, §25.1). The display name is a quoted-string (unquoted here) or a sequence of
 * tokens; white space is not allowed inside the angle brackets; an addr-spec ends at the first
 * SEMI, COMMA or white space and so cannot carry URI parameters of its own or URI headers. A display
 * name and {@code <URI>} that recur (a caller's From, before its unique tag) are shared from the
 * scanner's cache once they parsed to exactly the bytes up to the first '>'.
 */
final class NameAddrParser {
    /** {@link ValueCache} kind of a display name and URI without their parameters. */
    private static final int NAME_ADDR_KIND = 17;

    private NameAddrParser() {
    }

    /**
     * Reads one value at the cursor (after its leading white space), with its header parameters.
     *
     * @param bracketsRequired true for Route and Record-Route, whose values must be name-addr
     */
    static NameAddr parse(SipScanner s, boolean bracketsRequired) throws SipParseException {
        s.skipLws();
        byte[] a = s.a;
        int c = s.peek();
        int valueStart = s.pos;
        int keyEnd = -1;
        if (c == '"' || c == '<') {
            keyEnd = afterFirstClose(a, valueStart, s.end);
            Object kept = keyEnd < 0 ? null : s.parts.find(NAME_ADDR_KIND, a, valueStart, keyEnd);
            if (kept != null) {
                NameAddr shared = (NameAddr) kept;
                s.pos = keyEnd;
                return new NameAddr(shared.displayName(), shared.uri(), HeaderParams.read(s, Rule.BAD_NAME_ADDR));
            }
        }
        String displayName = null;
        if (c == '"') {
            int open = s.pos;
            boolean escapes = s.quotedString();
            displayName = s.unquote(open, s.pos - 1, escapes);
            s.skipLws();
            if (s.peek() != '<') {
                throw s.fail(Rule.BAD_NAME_ADDR, "a quoted display name must be followed by <");
            }
        } else if (c != '<') {
            int start = s.pos;
            s.skip(SipChars.TOKEN);
            if (s.pos > start && s.peek() == ':') {
                s.pos = start;
                if (bracketsRequired) {
                    throw s.fail(Rule.BAD_NAME_ADDR, "the URI must be enclosed in <>");
                }
                return addrSpec(s);
            }
            displayName = tokenDisplayName(s, start);
        }
        int open = s.pos;
        int close = open + 1;
        while (close < s.end && a[close] != '>') {
            if (a[close] == '<') {
                throw s.failAt(Rule.UNBALANCED_ANGLE_BRACKETS, close, "'<' inside <>");
            }
            close++;
        }
        if (close >= s.end) {
            throw s.failAt(Rule.UNBALANCED_ANGLE_BRACKETS, open, "'<' without '>'");
        }
        if (close == open + 1) {
            throw s.failAt(Rule.BAD_NAME_ADDR, open, "empty <>");
        }
        if (SipChars.isLws(a[open + 1]) || SipChars.isLws(a[close - 1])) {
            throw s.failAt(Rule.BAD_NAME_ADDR, open, "white space inside <>");
        }
        SipUri uri = UriParser.parse(s, open + 1, close, UriParser.Place.NAME_ADDR);
        s.pos = close + 1;
        if (keyEnd == s.pos && s.parts.find(NAME_ADDR_KIND, a, valueStart, keyEnd) == null) {
            s.parts.keep(new NameAddr(displayName, uri, SipParameters.EMPTY), a);
        }
        SipParameters parameters = HeaderParams.read(s, Rule.BAD_NAME_ADDR);
        return new NameAddr(displayName, uri, parameters);
    }

    /** The index after the first '>' in {@code a[from, to)}, or -1. */
    private static int afterFirstClose(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == '>') {
                return i + 1;
            }
        }
        return -1;
    }

    /** *(token LWS) before '&lt;'; tokens are joined with one SP. */
    private static String tokenDisplayName(SipScanner s, int start) throws SipParseException {
        s.pos = start;
        StringBuilder joined = null;
        String first = null;
        while (true) {
            int tokenStart = s.pos;
            if (s.skip(SipChars.TOKEN) == 0) {
                int c = s.peek();
                throw s.fail(Rule.BAD_NAME_ADDR, c < 0 ? "expected <URI> or an addr-spec"
                        : "character " + SipScanner.describe(c) + " in an unquoted display name");
            }
            String token = s.ascii(tokenStart, s.pos);
            if (first == null) {
                first = token;
            } else {
                if (joined == null) {
                    joined = new StringBuilder(first);
                }
                joined.append(' ').append(token);
            }
            s.skipLws();
            if (s.peek() == '<') {
                return joined == null ? first : joined.toString();
            }
        }
    }

    private static NameAddr addrSpec(SipScanner s) throws SipParseException {
        byte[] a = s.a;
        int start = s.pos;
        int stop = start;
        while (stop < s.end) {
            byte c = a[stop];
            if (c == ';' || c == ',' || SipChars.isLws(c)) {
                break;
            }
            if (c == '?') {
                throw s.failAt(Rule.BAD_NAME_ADDR, stop, "a URI with headers must be enclosed in <>");
            }
            if (c == '>' || c == '<') {
                throw s.failAt(Rule.UNBALANCED_ANGLE_BRACKETS, stop, "stray '" + (char) c + "'");
            }
            stop++;
        }
        SipUri uri = UriParser.parse(s, start, stop, UriParser.Place.ADDR_SPEC);
        s.pos = stop;
        SipParameters parameters = HeaderParams.read(s, Rule.BAD_NAME_ADDR);
        return new NameAddr(null, uri, parameters);
    }
}
