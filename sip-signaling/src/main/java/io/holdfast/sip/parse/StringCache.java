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
    /** Four words per key: {@link #get} is unrolled for exactly that. */
    private static final int WORDS_PER_KEY = MAX_LENGTH / Long.BYTES;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MIX = 0x9E3779B97F4A7C15L;
    /** The slot comes from the hash's top bits, the only ones every input bit reaches. */
    private static final int SLOT_SHIFT = Long.SIZE - Integer.numberOfTrailingZeros(SLOTS);

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
        long w0 = word(a, start, end, 0);
        long w1 = words > 1 ? word(a, start, end, 1) : 0;
        long w2 = words > 2 ? word(a, start, end, 2) : 0;
        long w3 = words > 3 ? word(a, start, end, 3) : 0;
        long h = ((((length * MIX ^ w0) * MIX ^ w1) * MIX ^ w2) * MIX ^ w3) * MIX;
        int slot = (int) (h >>> SLOT_SHIFT) & (SLOTS - 2);
        long[] k = keys;
        int key = slot * WORDS_PER_KEY;
        if (lengths[slot] == length && k[key] == w0 && k[key + 1] == w1 && k[key + 2] == w2 && k[key + 3] == w3) {
            return strings[slot];
        }
        int other = key + WORDS_PER_KEY;
        if (lengths[slot + 1] == length && k[other] == w0 && k[other + 1] == w1 && k[other + 2] == w2
                && k[other + 3] == w3) {
            return strings[slot + 1];
        }
        String created = new String(a, start, length, StandardCharsets.ISO_8859_1);
        System.arraycopy(k, key, k, other, WORDS_PER_KEY);
        lengths[slot + 1] = lengths[slot];
        strings[slot + 1] = strings[slot];
        k[key] = w0;
        k[key + 1] = w1;
        k[key + 2] = w2;
        k[key + 3] = w3;
        lengths[slot] = (byte) length;
        strings[slot] = created;
        return created;
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
