package io.holdfast.sip.parse;

import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.parse.SipParseException.Rule;
import java.nio.charset.StandardCharsets;

/**
 * Header parameters: {@code *( SEMI generic-param )} with {@code gen-value = token / host /
 * quoted-string} (RFC 3261 §25.1). Names and values are kept as received, a quoted value with its
 * quotes; only folds inside a quoted value are turned into plain white space.
 */
final class HeaderParams {
    private HeaderParams() {
    }

    /** Reads the parameters at the cursor, stopping at anything that is not SEMI. */
    static SipParameters read(SipScanner s, Rule rule) throws SipParseException {
        if (!s.separator(';')) {
            return SipParameters.EMPTY;
        }
        int mark = s.paramMark();
        do {
            int nameAt = s.pos;
            String name = s.token(rule, "parameter name after ';'");
            boolean tag = s.isName(nameAt, s.pos, "tag");
            String value = null;
            if (s.separator('=')) {
                value = genValue(s, rule, tag);
            }
            s.addParam(name, value);
        } while (s.separator(';'));
        return s.paramsSince(mark);
    }

    /** gen-value = token / host / quoted-string; an IPv6 reference keeps its brackets. */
    static String genValue(SipScanner s, Rule rule) throws SipParseException {
        return genValue(s, rule, false);
    }

    /**
     * gen-value, where {@code unique} says the value is one message's own (a branch, a tag), so that a
     * token is not looked up in nor added to the string cache.
     */
    static String genValue(SipScanner s, Rule rule, boolean unique) throws SipParseException {
        int c = s.peek();
        int start = s.pos;
        if (c == '"') {
            boolean escapes = s.quotedString();
            return quotedAsReceived(s, start, s.pos, escapes);
        }
        if (c == '[') {
            s.pos = UriParser.hostEnd(s, start, s.end, rule);
            return s.ascii(start, s.pos);
        }
        if (s.skip(SipChars.TOKEN) == 0) {
            throw s.fail(rule, c < 0 ? "missing parameter value after '='"
                    : "character " + SipScanner.describe(c) + " cannot start a parameter value");
        }
        s.tokenValueStart = start;
        s.tokenValueEnd = s.pos;
        return unique ? s.fresh(start, s.pos) : s.ascii(start, s.pos);
    }

    /** A quoted-string with its quotes and escapes as received, folds turned into white space. */
    static String quotedAsReceived(SipScanner s, int start, int stop, boolean escapes) {
        if (!escapes) {
            return s.utf8(start, stop);
        }
        byte[] a = s.a;
        byte[] out = new byte[stop - start];
        int n = 0;
        for (int i = start; i < stop; i++) {
            if (a[i] != '\r' && a[i] != '\n') {
                out[n++] = a[i];
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** True when every character of {@code value} is a token character (for tag, branch...). */
    static boolean isToken(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x7f || !SipChars.is(c, SipChars.TOKEN)) {
                return false;
            }
        }
        return true;
    }
}
