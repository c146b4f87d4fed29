package io.holdfast.sip.parse;

/**
 * Strict UTF-8 validation (RFC 3629): UTF8-NONASCII of RFC 3261 §25.1 must be well-formed, with no
 * overlong forms, no surrogates and nothing above U+10FFFF, so that what holdfast decodes is what it
 * re-encodes.
 */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Validates the multi-byte sequence starting at {@code i} (whose first byte is at or above 0x80).
     *
     * @return the index after the sequence, or -1 when it is malformed or runs past {@code end}
     */
    static int sequenceEnd(byte[] a, int i, int end) {
        int b0 = a[i] & 0xff;
        int length;
        int min2;
        int max2 = 0xbf;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            length = 2;
            min2 = 0x80;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            length = 3;
            min2 = b0 == 0xe0 ? 0xa0 : 0x80;
            if (b0 == 0xed) {
                max2 = 0x9f;
            }
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            length = 4;
            min2 = b0 == 0xf0 ? 0x90 : 0x80;
            if (b0 == 0xf4) {
                max2 = 0x8f;
            }
        } else {
            return -1;
        }
        if (i + length > end) {
            return -1;
        }
        int b1 = a[i + 1] & 0xff;
        if (b1 < min2 || b1 > max2) {
            return -1;
        }
        for (int k = 2; k < length; k++) {
            int b = a[i + k] & 0xff;
            if (b < 0x80 || b > 0xbf) {
                return -1;
            }
        }
        return i + length;
    }
}
