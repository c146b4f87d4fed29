package io.holdfast.sip.parse;

import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.parse.SipParseException.Rule;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A cursor over one value range {@code [pos, end)} of the message bytes, with the RFC 3261 §25.1
 * primitives every header grammar is built from (SWS, separators, tokens, quoted strings). Errors are
 * raised with the offset of the cursor and the header being read. One per parser, reused message
 * after message (it keeps the parameter stack, the string cache and the cache of URIs and Via sent-by
 * parts); confined to the parser's thread.
 */
final class SipScanner {
    byte[] a;
    /** Array index of the message's first byte: offsets in errors are relative to it. */
    int base;
    int pos;
    int end;
    /** The header being read, for error reports; {@code null} on the start line. */
    String header;
    /**
     * Where the last parameter value read as a token ({@link HeaderParams#genValue}) starts and ends, so
     * that a header line whose last such value is unique can be kept around it ({@link HeaderLines}).
     */
    int tokenValueStart;
    int tokenValueEnd;
    /** Parameters being collected (a stack: {@link #paramMark()} then {@link #paramsSince}). */
    private SipParameters.Parameter[] params = new SipParameters.Parameter[8];
    private int paramCount;
    private final StringCache strings = new StringCache();
    /** URIs ({@link UriParser#parse}) and Via sent-by parts seen before, by kind and bytes. */
    final ValueCache parts = new ValueCache();

    void reset(byte[] bytes, int messageStart) {
        if (a != bytes) {
            a = bytes;
        }
        base = messageStart;
        header = null;
        paramCount = 0;
    }

    /** Where the parameters of the value about to be read start. */
    int paramMark() {
        return paramCount;
    }

    void addParam(String name, String value) {
        if (paramCount == params.length) {
            params = Arrays.copyOf(params, paramCount * 2);
        }
        params[paramCount++] = SharedParameters.of(name, value);
    }

    /** The parameters added since {@code mark}, as an immutable value; they are then forgotten here. */
    SipParameters paramsSince(int mark) {
        int n = paramCount - mark;
        SipParameters.Parameter[] p = params;
        SipParameters result;
        if (n == 0) {
            result = SipParameters.EMPTY;
        } else if (n == 1) {
            SipParameters shared = SharedParameters.alone(p[mark]);
            result = shared != null ? shared : SipParameters.of(List.of(p[mark]));
        } else if (n == 2) {
            result = SipParameters.of(List.of(p[mark], p[mark + 1]));
        } else {
            result = SipParameters.of(List.of(Arrays.copyOfRange(p, mark, paramCount)));
        }
        for (int i = mark; i < paramCount; i++) {
            p[i] = null;
        }
        paramCount = mark;
        return result;
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

    /** 1*token characters, shared when recently seen; fails with {@code rule} when there is none. */
    String token(Rule rule, String what) throws SipParseException {
        int start = pos;
        if (skip(SipChars.TOKEN) == 0) {
            throw fail(rule, "expected " + what);
        }
        return strings.get(a, start, pos);
    }

    /** The text of an ASCII range that is never a protocol token (hosts, users, Call-ID, raw values). */
    String text(int start, int stop) {
        return strings.get(a, start, stop);
    }

    /** The text of an ASCII range unique to this message (branch, tag, Call-ID): never cached. */
    String fresh(int start, int stop) {
        return StringCache.fresh(a, start, stop);
    }

    /** True when the token {@code a[start, stop)} is {@code lowerName} in any case. */
    boolean isName(int start, int stop, String lowerName) {
        if (stop - start != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            if ((a[start + i] | 0x20) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The text of the ASCII range: a recently seen string, or a new one. */
    String ascii(int start, int stop) {
        return strings.get(a, start, stop);
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
            for (int i = open + 1; i < close; i++) {
                if (a[i] < 0) {
                    return utf8(open + 1, close);
                }
            }
            return text(open + 1, close);
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
