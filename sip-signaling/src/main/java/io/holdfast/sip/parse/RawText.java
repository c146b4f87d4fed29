package io.holdfast.sip.parse;

import io.holdfast.sip.parse.SipParseException.Rule;
import java.nio.charset.StandardCharsets;

/**
 * The value of a header holdfast does not type (RFC 3261 §25.1 header-value: TEXT-UTF8char, UTF8-CONT,
 * LWS): control characters other than HTAB are refused, UTF-8 must be well-formed, and every fold
 * (white space around CRLF) becomes one SP, so the value passes through as one clean line.
 */
final class RawText {
    private RawText() {
    }

    /** The validated, unfolded text of the scanner's current range. */
    static String read(SipScanner s) throws SipParseException {
        if (isPlainAscii(s.a, s.pos, s.end)) {
            return s.text(s.pos, s.end);
        }
        String text = lenient(s.a, s.pos, s.end);
        if (text == null) {
            int bad = firstIllegal(s.a, s.pos, s.end);
            throw s.failAt(Rule.ILLEGAL_CHARACTER, bad, describeIllegal(s.a, bad, s.end) + " in header value");
        }
        return text;
    }

    /** Like {@link #read} but answers {@code null} instead of failing: for the bad-request salvage. */
    static String lenient(byte[] a, int start, int end) {
        boolean folds = false;
        boolean utf8 = false;
        for (int i = start; i < end; ) {
            int c = a[i] & 0xff;
            if (c >= 0x20 && c < 0x7f || c == '\t') {
                i++;
            } else if (c == '\r' || c == '\n') {
                folds = true;
                i++;
            } else if (c >= 0x80) {
                int next = Utf8.sequenceEnd(a, i, end);
                if (next < 0) {
                    return null;
                }
                utf8 = true;
                i = next;
            } else {
                return null;
            }
        }
        if (!folds) {
            return new String(a, start, end - start, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        }
        byte[] out = new byte[end - start];
        int n = 0;
        for (int i = start; i < end; i++) {
            byte c = a[i];
            if (c == '\r') {
                while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t')) {
                    n--;
                }
                i += 2;
                while (i < end && (a[i] == ' ' || a[i] == '\t')) {
                    i++;
                }
                i--;
                out[n++] = ' ';
            } else {
                out[n++] = c;
            }
        }
        return new String(out, 0, n, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private static boolean isPlainAscii(byte[] a, int start, int end) {
        for (int i = start; i < end; i++) {
            int c = a[i];
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static int firstIllegal(byte[] a, int start, int end) {
        for (int i = start; i < end; ) {
            int c = a[i] & 0xff;
            if (c >= 0x20 && c < 0x7f || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (c >= 0x80) {
                int next = Utf8.sequenceEnd(a, i, end);
                if (next < 0) {
                    return i;
                }
                i = next;
            } else {
                return i;
            }
        }
        return end;
    }

    private static String describeIllegal(byte[] a, int index, int end) {
        if (index >= end) {
            return "illegal character";
        }
        return (a[index] & 0xff) >= 0x80 ? "malformed UTF-8" : SipScanner.describe(a[index]);
    }
}
