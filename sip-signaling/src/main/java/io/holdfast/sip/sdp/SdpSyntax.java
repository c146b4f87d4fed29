package io.holdfast.sip.sdp;

/**
 * The lexical rules of the SDP grammar (RFC 8866 §9) that the parser and the value types share:
 * {@code token}, {@code non-ws-string}, decimal numbers, host names.
 */
final class SdpSyntax {
    private SdpSyntax() {
    }

    /** RFC 8866 {@code token-char}: visible ASCII except {@code "(),/:;<=>?@[\]}. */
    static boolean isTokenChar(char c) {
        return c == 0x21 || c >= 0x23 && c <= 0x27 || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || c >= 0x30 && c <= 0x39 || c >= 0x41 && c <= 0x5A || c >= 0x5E && c <= 0x7E;
    }

    /** A non-empty {@code token}. */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A non-empty {@code non-ws-string}: no space, no control character. */
    static boolean isNonWhitespaceString(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** One or more ASCII digits. */
    static boolean isDigits(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The value of a plain decimal number of at most {@code max}, or -1 (not digits, or too big). */
    static long decimal(String s, long max) {
        if (!isDigits(s)) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            int digit = s.charAt(i) - '0';
            if (value > Math.floorDiv(max - digit, 10)) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /**
     * A DNS host name as RFC 8866 allows in addresses ({@code FQDN}): dot-separated labels of
     * letters, digits and hyphens, not starting or ending with a hyphen, with at least one letter
     * somewhere so that a broken IPv4 literal is never taken for a name.
     */
    static boolean isHostName(String s) {
        if (s.length() < 4 || s.length() > 255) {
            return false;
        }
        boolean letter = false;
        int labelStart = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                boolean last = i == s.length();
                if (i == labelStart) {
                    if (!last || i == 0) {
                        return false;
                    }
                } else if (s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-' || i - labelStart > 63) {
                    return false;
                }
                labelStart = i + 1;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                letter = true;
            } else if (!(c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return letter;
    }

    /** Index of the first character that RFC 8866 text may not hold (controls except tab), or -1. */
    static int firstControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c >= 0x7F && c <= 0x9F) {
                return i;
            }
        }
        return -1;
    }
}
