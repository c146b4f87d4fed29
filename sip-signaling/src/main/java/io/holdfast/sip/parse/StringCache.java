package io.holdfast.sip.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Recently seen ASCII values (hosts, tokens, peers' short header values), so that the strings a
 * carrier edge sees again and again are not allocated again and again. Two-way set-associative (two
 * values that hash alike, such as a method and a display name, do not evict each other message after
 * message): a slot holds a string with its length and its bytes as up to four little-endian words in a
 * side array, so a lookup reads the value once, eight bytes at a time, to hash it and compare it,
 * touches about 10 KB of memory that stays in the L1 cache and never the string itself; memory is
 * bounded ({@value #SLOTS} strings of at most {@value #MAX_LENGTH} bytes), a miss allocates only the
 * string (it takes the set's first slot, whose string moves to the second), and no input makes a lookup
 * cost more than two comparisons. Strings are immutable, so sharing
 * them between messages is safe. Values that are unique to one message (branch, tag, Call-ID) do not
 * belong here: they would only evict the recurring ones ({@link #fresh}).
 *
 * <p>Confined to its parser's event loop.
 */
final class StringCache {
    static final int SLOTS = 256;
    static final int MAX_LENGTH = 32;
    private static final int WORDS_PER_KEY = MAX_LENGTH / Long.BYTES;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MIX = 0x9E3779B97F4A7C15L;

    private final String[] strings = new String[SLOTS];
    private final byte[] lengths = new byte[SLOTS];
    /** Each slot's bytes as words, zero after its length. */
    private final long[] keys = new long[SLOTS * WORDS_PER_KEY];

    /** The text of the ASCII bytes {@code a[start, end)}. */
    String get(byte[] a, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return "";
        }
        if (length > MAX_LENGTH || end < Long.BYTES) {
            return new String(a, start, length, StandardCharsets.ISO_8859_1);
        }
        int words = (length + Long.BYTES - 1) >>> 3;
        long h = length * MIX;
        for (int w = 0; w < words; w++) {
            h = (h ^ word(a, start, end, w)) * MIX;
        }
        int folded = (int) (h ^ h >>> 32);
        int slot = (folded ^ folded >>> 16) & (SLOTS - 2);
        if (matches(slot, a, start, end, length, words)) {
            return strings[slot];
        }
        if (matches(slot + 1, a, start, end, length, words)) {
            return strings[slot + 1];
        }
        String created = new String(a, start, length, StandardCharsets.ISO_8859_1);
        long[] k = keys;
        int key = slot * WORDS_PER_KEY;
        System.arraycopy(k, key, k, key + WORDS_PER_KEY, WORDS_PER_KEY);
        lengths[slot + 1] = lengths[slot];
        strings[slot + 1] = strings[slot];
        for (int w = 0; w < WORDS_PER_KEY; w++) {
            k[key + w] = w < words ? word(a, start, end, w) : 0;
        }
        lengths[slot] = (byte) length;
        strings[slot] = created;
        return created;
    }

    private boolean matches(int slot, byte[] a, int start, int end, int length, int words) {
        if (lengths[slot] != length) {
            return false;
        }
        long[] k = keys;
        int key = slot * WORDS_PER_KEY;
        for (int w = 0; w < words; w++) {
            if (k[key + w] != word(a, start, end, w)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Word {@code w} of {@code a[start, end)}, the bytes after {@code end} as zeros: a full word is read
     * in place, the last partial one from the word that ends at {@code end} (which needs
     * {@code end >= 8}), shifted, so that no byte outside the array is read.
     */
    private static long word(byte[] a, int start, int end, int w) {
        int at = start + w * Long.BYTES;
        int rest = end - at;
        if (rest >= Long.BYTES) {
            return (long) WORDS.get(a, at);
        }
        return (long) WORDS.get(a, end - Long.BYTES) >>> (Long.SIZE - rest * Byte.SIZE);
    }

    /** The text of the ASCII bytes {@code a[start, end)}, always a new string: for values unique to a message. */
    static String fresh(byte[] a, int start, int end) {
        return start == end ? "" : new String(a, start, end - start, StandardCharsets.ISO_8859_1);
    }
}
