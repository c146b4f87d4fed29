package io.holdfast.sip.parse;

import io.holdfast.sip.parse.SipParseException.Rule;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over one value range {@code [pos, end)} of the message bytes, with the RFC 3261 §25.1
 * primitives every header grammar is built from (SWS, separators, tokens, quoted strings). Errors are
 * raised with the offset of the cursor and the header being read. One per parse; not thread-safe.
 */
final class SipScanner {
    byte[] a;
    /** Array index of the message's first byte: offsets in errors are relative to it. */
    int base;
    int pos;
    int end;
    /** The header being read, for error reports; {@code null} on the start line. */
    String header;

    void reset(byte[] bytes, int messageStart) {
        a = bytes;
        base = messageStart;
        header = null;
    }

    /** Narrows the cursor to {@code [start, stop)}, trimmed of linear white space at both ends. */
    void range(int start, int stop, String headerName) {
        while (start < stop && SipChars.isLws(a[start])) {
            start++;
        }
        while (stop > start && SipChars.isLws(a[stop - 1])) {
            stop--;
        }
        pos = start;
        end = stop;
        header = headerName;
    }

    SipParseException fail(Rule rule, String detail) {
        return failAt(rule, pos, detail);
    }

    SipParseException failAt(Rule rule, int index, String detail) {
        if (rule.isLimit()) {
            return new TooLongSipMessageException(rule, index - base, header, detail, null);
        }
        return new SipParseException(rule, index - base, header, detail, null);
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** The byte at the cursor (0..255), or -1 at the end. */
    int peek() {
        return pos < end ? a[pos] & 0xff : -1;
    }

    void skipLws() {
        while (pos < end && SipChars.isLws(a[pos])) {
            pos++;
        }
    }

    /** SWS {@code c} SWS: consumes the separator with the white space around it, or nothing. */
    boolean separator(char c) {
        int save = pos;
        skipLws();
        if (pos < end && a[pos] == c) {
            pos++;
            skipLws();
            return true;
        }
        pos = save;
        return false;
    }

    /** Advances over characters of {@code mask}; returns how many. */
    int skip(int mask) {
        int start = pos;
        while (pos < end && SipChars.is(a[pos], mask)) {
            pos++;
        }
        return pos - start;
    }

    /** 1*token characters, interned when common; fails with {@code rule} when there is none. */
    String token(Rule rule, String what) throws SipParseException {
        int start = pos;
        if (skip(SipChars.TOKEN) == 0) {
            throw fail(rule, "expected " + what);
        }
        return KnownStrings.ascii(a, start, pos);
    }

    String ascii(int start, int stop) {
        return KnownStrings.ascii(a, start, stop);
    }

    String utf8(int start, int stop) {
        return new String(a, start, stop - start, StandardCharsets.UTF_8);
    }

    /**
     * 1*DIGIT as a non-negative number no larger than {@code max}.
     *
     * @return the value; leading zeros are allowed
     */
    long number(long max, Rule rule, String what) throws SipParseException {
        int start = pos;
        long value = 0;
        while (pos < end && a[pos] >= '0' && a[pos] <= '9') {
            value = value * 10 + (a[pos] - '0');
            if (value > max) {
                throw failAt(rule, start, what + " out of range (max " + max + ')');
            }
            pos++;
        }
        if (pos == start) {
            throw fail(rule, "expected digits for " + what);
        }
        return value;
    }

    /** Fails unless the cursor is at the end of the value. */
    void expectEnd(Rule rule, String what) throws SipParseException {
        if (pos < end) {
            throw fail(rule, "unexpected character " + describe(a[pos]) + " after " + what);
        }
    }

    /**
     * Scans a quoted-string (RFC 3261 §25.1) whose opening DQUOTE is at the cursor, validating
     * qdtext, quoted-pair and UTF-8, and leaves the cursor after the closing DQUOTE.
     *
     * @return true when the content holds a quoted-pair or a fold, so that it needs unquoting
     */
    boolean quotedString() throws SipParseException {
        int open = pos;
        boolean escapes = false;
        pos++;
        while (pos < end) {
            int c = a[pos] & 0xff;
            if (c == '"') {
                pos++;
                return escapes;
            }
            if (c == '\\') {
                if (pos + 1 >= end) {
                    break;
                }
                int quoted = a[pos + 1] & 0xff;
                if (quoted == '\r' || quoted == '\n' || quoted > 0x7f) {
                    throw fail(Rule.ILLEGAL_CHARACTER, "quoted-pair of " + describe(quoted));
                }
                escapes = true;
                pos += 2;
            } else if (c >= 0x80) {
                int next = Utf8.sequenceEnd(a, pos, end);
                if (next < 0) {
                    throw fail(Rule.ILLEGAL_CHARACTER, "malformed UTF-8 in quoted-string");
                }
                pos = next;
            } else if (c == '\r' || c == '\n') {
                escapes = true;
                pos++;
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw fail(Rule.ILLEGAL_CHARACTER, describe(c) + " in quoted-string");
            } else {
                pos++;
            }
        }
        throw failAt(Rule.UNBALANCED_QUOTES, open, "quoted-string not closed");
    }

    /** The content of the quoted-string at {@code [open, close]} (both DQUOTEs), unquoted and unfolded. */
    String unquote(int open, int close, boolean escapes) {
        if (!escapes) {
            return utf8(open + 1, close);
        }
        byte[] out = new byte[close - open];
        int n = 0;
        for (int i = open + 1; i < close; i++) {
            byte c = a[i];
            if (c == '\\') {
                out[n++] = a[++i];
            } else if (c != '\r' && c != '\n') {
                out[n++] = c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    static String describe(int c) {
        c &= 0xff;
        if (c >= 0x21 && c < 0x7f) {
            return "'" + (char) c + "'";
        }
        return String.format("0x%02X", c);
    }
}
