package io.holdfast.sip.parse;

import io.holdfast.sip.parse.SipParseException.Rule;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Walks the header fields of a message (RFC 3261 §7.3): one logical field per call, continuation lines
 * (CRLF followed by SP or HTAB) folded in, up to the empty line. Enforces the header-line and
 * header-count limits and refuses a bare CR or a bare LF. One per parser; confined to its thread.
 */
final class HeaderLines {
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGHS = 0x8080808080808080L;
    /** 0x0E in every byte: the bytes below it include CR and LF. */
    private static final long BELOW_CR = 0x0E0E0E0E0E0E0E0EL;

    private final SipScanner scanner;
    private int maxLineBytes;
    private int maxLines;
    private int pos;
    private int end;
    private int lines;

    int nameStart;
    int nameEnd;
    int valueStart;
    /** Index of the CRLF that ends the field (continuations included). */
    int valueEnd;
    /** Index of the first body byte, once {@link #next()} has returned false. */
    int bodyStart;

    HeaderLines(SipScanner scanner) {
        this.scanner = scanner;
    }

    void reset(int headersStart, int messageEnd, SipLimits limits) {
        pos = headersStart;
        end = messageEnd;
        maxLineBytes = limits.maxHeaderLineBytes();
        maxLines = limits.maxHeaderLines();
        lines = 0;
    }

    /**
     * Finds the end of the line that starts at {@code start}: the index of its CR, which is followed by
     * LF. Used for the start line too.
     */
    static int lineEnd(SipScanner s, int start, int end, int maxBytes) throws SipParseException {
        byte[] a = s.a;
        int limit = Math.min(end, start + maxBytes + 1);
        int i = firstCrOrLf(a, start, limit);
        if (i == limit) {
            if (end - start > maxBytes) {
                throw s.failAt(Rule.HEADER_LINE_TOO_LONG, start, "line longer than " + maxBytes + " bytes");
            }
            throw s.failAt(Rule.INCOMPLETE_HEADERS, end, "line not terminated by CRLF");
        }
        if (a[i] == '\n') {
            throw s.failAt(Rule.ILLEGAL_CHARACTER, i, "bare LF");
        }
        if (i + 1 >= end) {
            throw s.failAt(Rule.INCOMPLETE_HEADERS, end, "line not terminated by CRLF");
        }
        if (a[i + 1] != '\n') {
            throw s.failAt(Rule.ILLEGAL_CHARACTER, i, "bare CR");
        }
        return i;
    }

    /**
     * The index of the first CR or LF in {@code a[from, to)}, or {@code to}: eight bytes at a time, with
     * the "has a byte less than n" test of "Bit Twiddling Hacks" for bytes below 0x0E (LF is 0x0A, CR
     * 0x0D; the lowest byte it flags is exact). A flagged byte that is neither (HTAB, or a control
     * character that validation refuses later) resumes the search after it.
     */
    static int firstCrOrLf(byte[] a, int from, int to) {
        int i = from;
        while (i + Long.BYTES <= to) {
            long word = (long) WORDS.get(a, i);
            long found = (word - BELOW_CR) & ~word & HIGHS;
            if (found != 0) {
                int at = i + (Long.numberOfTrailingZeros(found) >>> 3);
                byte c = a[at];
                if (c == '\r' || c == '\n') {
                    return at;
                }
                i = at + 1;
            } else {
                i += Long.BYTES;
            }
        }
        while (i < to && a[i] != '\r' && a[i] != '\n') {
            i++;
        }
        return i;
    }

    /**
     * Reads the next header field.
     *
     * @return false at the empty line that ends the header section ({@link #bodyStart} is then set)
     */
    boolean next() throws SipParseException {
        SipScanner s = scanner;
        byte[] a = s.a;
        s.header = null;
        if (pos + 1 < end && a[pos] == '\r' && a[pos + 1] == '\n') {
            bodyStart = pos + 2;
            return false;
        }
        if (pos >= end) {
            throw s.failAt(Rule.INCOMPLETE_HEADERS, pos, "no empty line after the headers");
        }
        int lineStart = pos;
        byte first = a[pos];
        if (first == ' ' || first == '\t') {
            throw s.failAt(Rule.BAD_HEADER_LINE, pos, "continuation line without a header field");
        }
        int i = pos;
        while (i < end && SipChars.is(a[i], SipChars.TOKEN)) {
            i++;
        }
        if (i == pos) {
            if (first == '\r' || first == '\n') {
                throw s.failAt(Rule.ILLEGAL_CHARACTER, pos, first == '\r' ? "bare CR" : "bare LF");
            }
            if ((first & 0xff) < 0x20 || first == 0x7f) {
                throw s.failAt(Rule.ILLEGAL_CHARACTER, pos, SipScanner.describe(first) + " in header name");
            }
            throw s.failAt(Rule.BAD_HEADER_LINE, pos, "header field does not start with a token");
        }
        nameStart = pos;
        nameEnd = i;
        while (i < end && (a[i] == ' ' || a[i] == '\t')) {
            i++;
        }
        if (i >= end || a[i] != ':') {
            if (i < end && ((a[i] & 0xff) < 0x20 && a[i] != '\r' && a[i] != '\n' || a[i] == 0x7f)) {
                throw s.failAt(Rule.ILLEGAL_CHARACTER, i, SipScanner.describe(a[i]) + " in header name");
            }
            throw s.failAt(Rule.BAD_HEADER_LINE, i, "expected ':' after the header name");
        }
        valueStart = i + 1;
        int lineEnd = lineEnd(s, valueStart, end, maxLineBytes);
        while (lineEnd + 2 < end && (a[lineEnd + 2] == ' ' || a[lineEnd + 2] == '\t')) {
            lineEnd = lineEnd(s, lineEnd + 3, end, maxLineBytes);
        }
        if (lineEnd - lineStart > maxLineBytes) {
            throw s.failAt(Rule.HEADER_LINE_TOO_LONG, lineStart, "header field longer than " + maxLineBytes
                    + " bytes");
        }
        if (++lines > maxLines) {
            throw s.failAt(Rule.TOO_MANY_HEADERS, lineStart, "more than " + maxLines + " header fields");
        }
        valueEnd = lineEnd;
        pos = lineEnd + 2;
        return true;
    }
}
