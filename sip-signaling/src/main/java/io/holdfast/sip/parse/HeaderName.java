package io.holdfast.sip.parse;

import io.holdfast.sip.message.SipHeaderName;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header names the parser recognises, long and compact (RFC 3261 §7.3.3, §20), looked up on the
 * byte range without allocating: the typed {@link SipHeaderName}s, and the untyped headers that are
 * single-valued (a second one is a conflict) or whose value holdfast validates. Immutable.
 */
final class HeaderName {
    /** Extra validation of an untyped header's value. */
    enum Check { NONE, DATE, DELTA_SECONDS }

    private static final int MAX_LENGTH = 32;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long CASE_BITS = 0x2020_2020_2020_2020L;
    private static final List<HeaderName> ALL = new ArrayList<>();
    private static final int TABLE_MASK = 511;
    /**
     * Open addressing on a hash of the length and the case-folded first word: a lookup reads the name's
     * first eight bytes once and nearly always compares them with one candidate's fields, no array.
     */
    private static final HeaderName[] TABLE = new HeaderName[TABLE_MASK + 1];
    private static final List<String> SINGLE_NAMES = new ArrayList<>();

    /** The typed header, or {@code null} for a header kept raw. */
    final SipHeaderName typed;
    /** The canonical long name, e.g. {@code Subject} for {@code s}. */
    final String canonical;
    /** This spelling exactly as holdfast writes it: interned when a message uses it verbatim. */
    final String spelling;
    private final byte[] lower;
    /** {@link #lower} as little-endian words, zero after its length. */
    private final long[] lowerWords;
    private final int length;
    /** The first of {@link #lowerWords}, kept in the object itself. */
    private final long word0;
    /** Bit in the conflict mask of single-valued untyped headers, or -1. */
    final int singleBit;
    final Check check;

    static {
        for (SipHeaderName h : SipHeaderName.values()) {
            add(new HeaderName(h, h.canonicalName(), h.canonicalName(), -1, Check.NONE));
            if (h.compactForm() != '\0') {
                add(new HeaderName(h, h.canonicalName(), String.valueOf(h.compactForm()), -1, Check.NONE));
            }
        }
        single("Subject", "s");
        multi("Content-Encoding", "e");
        single("Event", "o");
        single("Refer-To", "r");
        multi("Allow-Events", "u");
        single("Referred-By", "b");
        multi("Accept-Contact", "a");
        multi("Reject-Contact", "j");
        multi("Request-Disposition", "d");
        single("Identity", "y");
        single("Identity-Info", "n");
        add(raw("Date", true, Check.DATE));
        add(raw("Expires", true, Check.DELTA_SECONDS));
        add(raw("Min-Expires", true, Check.DELTA_SECONDS));
        for (String name : new String[] {"Content-Disposition", "RSeq", "RAck", "Subscription-State",
                "MIME-Version", "Timestamp", "Retry-After", "User-Agent", "Server", "Organization", "Priority",
                "Reply-To", "In-Reply-To"}) {
            add(raw(name, true, Check.NONE));
        }
        for (String name : new String[] {"Accept", "Accept-Encoding", "Accept-Language", "Alert-Info",
                "Authorization", "Call-Info", "Content-Language", "Error-Info", "P-Asserted-Identity",
                "P-Preferred-Identity", "Privacy", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Require",
                "Unsupported", "Warning", "WWW-Authenticate", "Authentication-Info", "Path", "Service-Route",
                "History-Info", "Diversion", "P-Charging-Vector", "P-Access-Network-Info"}) {
            add(raw(name, false, Check.NONE));
        }
        for (HeaderName name : ALL) {
            int slot = hash(name.length, name.word0);
            while (TABLE[slot] != null) {
                slot = (slot + 1) & TABLE_MASK;
            }
            TABLE[slot] = name;
        }
    }

    private HeaderName(SipHeaderName typed, String canonical, String spelling, int singleBit, Check check) {
        this.typed = typed;
        this.canonical = canonical;
        this.spelling = spelling;
        this.lower = spelling.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        this.lowerWords = new long[(lower.length + Long.BYTES - 1) / Long.BYTES];
        for (int i = 0; i < lower.length; i++) {
            lowerWords[i / Long.BYTES] |= (lower[i] & 0xffL) << (i % Long.BYTES * Byte.SIZE);
        }
        this.length = lower.length;
        this.word0 = lowerWords[0];
        this.singleBit = singleBit;
        this.check = check;
    }

    private static HeaderName raw(String name, boolean single, Check check) {
        return raw(name, name, single, check);
    }

    private static HeaderName raw(String canonical, String spelling, boolean single, Check check) {
        return new HeaderName(null, canonical, spelling, single ? bitOf(canonical) : -1, check);
    }

    private static int bitOf(String canonical) {
        int index = SINGLE_NAMES.indexOf(canonical);
        if (index < 0) {
            index = SINGLE_NAMES.size();
            SINGLE_NAMES.add(canonical);
            if (index >= Long.SIZE) {
                throw new IllegalStateException("too many single-valued untyped headers");
            }
        }
        return index;
    }

    private static void single(String name, String compact) {
        add(raw(name, true, Check.NONE));
        add(raw(name, compact, true, Check.NONE));
    }

    private static void multi(String name, String compact) {
        add(raw(name, false, Check.NONE));
        add(raw(name, compact, false, Check.NONE));
    }

    private static void add(HeaderName name) {
        if (name.lower.length > MAX_LENGTH) {
            throw new IllegalStateException("header name longer than " + MAX_LENGTH + ": " + name.spelling);
        }
        ALL.add(name);
    }

    /** The table slot of a name of {@code length} bytes whose case-folded first word is {@code word0}. */
    private static int hash(int length, long word0) {
        long h = (word0 ^ length) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> (Long.SIZE - Integer.bitCount(TABLE_MASK)));
    }

    /**
     * Word {@code w} of the name {@code a[start, end)}, case-folded (header names are tokens, so OR 0x20
     * folds letters alone and turns no other token character into a letter or a hyphen), zero after the
     * name: the last, partial word is read from the word that ends with the name, shifted, so no byte
     * outside the array is read.
     */
    private static long foldedWord(byte[] a, int start, int end, int w) {
        int at = start + w * Long.BYTES;
        int rest = end - at;
        if (rest >= Long.BYTES) {
            return (long) WORDS.get(a, at) | CASE_BITS;
        }
        if (end < Long.BYTES) {
            long word = 0;
            for (int i = end - 1; i >= at; i--) {
                word = word << Byte.SIZE | (a[i] | 0x20) & 0xff;
            }
            return word;
        }
        return ((long) WORDS.get(a, end - Long.BYTES) | CASE_BITS) >>> (Long.SIZE - rest * Byte.SIZE);
    }

    /** The known header spelled (in any case) by the token {@code a[start, end)}, or {@code null}. */
    static HeaderName lookup(byte[] a, int start, int end) {
        int length = end - start;
        if (length > MAX_LENGTH || length == 0) {
            return null;
        }
        long word0 = foldedWord(a, start, end, 0);
        for (int slot = hash(length, word0); ; slot = (slot + 1) & TABLE_MASK) {
            HeaderName candidate = TABLE[slot];
            if (candidate == null) {
                return null;
            }
            if (candidate.length == length && candidate.word0 == word0
                    && (length <= Long.BYTES || candidate.matchesAfterFirstWord(a, start, end))) {
                return candidate;
            }
        }
    }

    /** Case-insensitive match of the words after the first. */
    private boolean matchesAfterFirstWord(byte[] a, int start, int end) {
        long[] words = lowerWords;
        for (int w = 1; w < words.length; w++) {
            if (foldedWord(a, start, end, w) != words[w]) {
                return false;
            }
        }
        return true;
    }

    /** The name as received: the interned spelling when it matches exactly. */
    String asReceived(byte[] a, int start, int end) {
        String s = spelling;
        for (int i = 0; i < s.length(); i++) {
            if (a[start + i] != s.charAt(i)) {
                return new String(a, start, end - start, StandardCharsets.ISO_8859_1);
            }
        }
        return s;
    }
}
