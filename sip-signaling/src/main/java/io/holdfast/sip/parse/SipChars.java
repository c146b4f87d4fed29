package io.holdfast.sip.parse;

/**
 * Character classes of the RFC 3261 §25.1 ABNF as one lookup table, so that every scanning loop is a
 * table load and a mask. Bytes at or above 0x80 are in no class: UTF-8 is handled where the grammar
 * allows it ({@link Utf8}).
 */
final class SipChars {
    /** ALPHA / DIGIT. */
    static final int ALPHANUM = 1;
    /** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"). */
    static final int TOKEN = 1 << 1;
    /** word: token characters plus ( ) &lt; &gt; : \ DQUOTE / [ ] ? { }. */
    static final int WORD = 1 << 2;
    /** unreserved = alphanum / mark. */
    static final int UNRESERVED = 1 << 3;
    /** user: unreserved / user-unreserved ({@code & = + $ , ; ? /}); '%' handled as escape. */
    static final int USER = 1 << 4;
    /** password: unreserved / {@code & = + $ ,}; '%' handled as escape. */
    static final int PASSWORD = 1 << 5;
    /** paramchar: param-unreserved ({@code [ ] / : & + $}) / unreserved; '%' handled as escape. */
    static final int PARAM = 1 << 6;
    /** hname/hvalue: hnv-unreserved ({@code [ ] / ? : + $}) / unreserved; '%' handled as escape. */
    static final int HNV = 1 << 7;
    /** Reason-Phrase: reserved / unreserved / SP / HTAB; '%' handled as escape. */
    static final int REASON = 1 << 8;
    static final int DIGIT = 1 << 9;
    static final int HEX = 1 << 10;
    static final int ALPHA = 1 << 11;
    /** tel URI phonedigit-hex and visual separators: HEXDIG * # - . ( ). */
    static final int PHONE = 1 << 12;
    /** URI scheme: ALPHA / DIGIT / + - . */
    static final int SCHEME = 1 << 13;

    private static final short[] CLASSES = new short[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            add(c, ALPHANUM | DIGIT | HEX | PHONE | SCHEME);
        }
        for (int c = 'a'; c <= 'z'; c++) {
            add(c, ALPHANUM | ALPHA | SCHEME);
            add(c - 32, ALPHANUM | ALPHA | SCHEME);
        }
        for (int c = 'a'; c <= 'f'; c++) {
            add(c, HEX | PHONE);
            add(c - 32, HEX | PHONE);
        }
        extend(ALPHANUM, TOKEN | WORD | UNRESERVED | USER | PASSWORD | PARAM | HNV | REASON);
        add("-.!%*_+`'~", TOKEN | WORD);
        add("()<>:\\\"/[]?{}", WORD);
        add("-_.!~*'()", UNRESERVED | USER | PASSWORD | PARAM | HNV | REASON);
        add("&=+$,;?/", USER);
        add("&=+$,", PASSWORD);
        add("[]/:&+$", PARAM);
        add("[]/?:+$", HNV);
        add(";/?:@&=+$, \t", REASON);
        add("*#-.()", PHONE);
        add("+-.", SCHEME);
    }

    private SipChars() {
    }

    private static void add(int c, int mask) {
        CLASSES[c] |= (short) mask;
    }

    private static void add(String chars, int mask) {
        for (int i = 0; i < chars.length(); i++) {
            add(chars.charAt(i), mask);
        }
    }

    /** Adds {@code mask} to every character already in class {@code existing}. */
    private static void extend(int existing, int mask) {
        for (int c = 0; c < 256; c++) {
            if ((CLASSES[c] & existing) != 0) {
                CLASSES[c] |= (short) mask;
            }
        }
    }

    static boolean is(int b, int mask) {
        return (CLASSES[b & 0xff] & mask) != 0;
    }

    static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t';
    }

    /** SP, HTAB or the CR and LF of a fold (the framing has already proved every CR LF inside a value is one). */
    static boolean isLws(int b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    static int hexValue(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int lower = b | 0x20;
        if (lower >= 'a' && lower <= 'f') {
            return lower - 'a' + 10;
        }
        return -1;
    }
}
