package io.holdfast.sip.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Recently seen ASCII values (hosts, tokens, peers' short header values), so that the strings a
 * carrier edge sees again and again are not allocated again and again. Direct-mapped: a slot holds
 * the last string that hashed to it, with its length and bytes in small side arrays, so a lookup
 * reads only about 9 KB of memory that stays in the L1 cache and never touches the string itself;
 * memory is bounded ({@value #SLOTS} strings of at most {@value #MAX_LENGTH} bytes), a miss allocates
 * only the string, and no input makes a lookup cost more than one comparison. Strings are immutable,
 * so sharing them between messages is safe. Values that are unique to one message (branch, tag,
 * Call-ID) do not belong here: they would only evict the recurring ones ({@link #fresh}).
 *
 * <p>Confined to its parser's event loop.
 */
final class StringCache {
    static final int SLOTS = 256;
    static final int MAX_LENGTH = 32;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final String[] strings = new String[SLOTS];
    private final byte[] lengths = new byte[SLOTS];
    private final byte[] keys = new byte[SLOTS * MAX_LENGTH];

    /** The text of the ASCII bytes {@code a[start, end)}. */
    String get(byte[] a, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return "";
        }
        if (length > MAX_LENGTH) {
            return new String(a, start, length, StandardCharsets.ISO_8859_1);
        }
        int slot = slot(a, start, end, length);
        int key = slot * MAX_LENGTH;
        if (lengths[slot] == length && sameBytes(a, start, key, length)) {
            return strings[slot];
        }
        String created = new String(a, start, length, StandardCharsets.ISO_8859_1);
        System.arraycopy(a, start, keys, key, length);
        lengths[slot] = (byte) length;
        strings[slot] = created;
        return created;
    }

    /** The text of the ASCII bytes {@code a[start, end)}, always a new string: for values unique to a message. */
    static String fresh(byte[] a, int start, int end) {
        return start == end ? "" : new String(a, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * Compares with the slot's key eight bytes at a time; the last word overlaps the one before it, so
     * no byte outside either range is read.
     */
    private boolean sameBytes(byte[] a, int start, int key, int length) {
        byte[] k = keys;
        if (length < Long.BYTES) {
            for (int i = 0; i < length; i++) {
                if (k[key + i] != a[start + i]) {
                    return false;
                }
            }
            return true;
        }
        int last = length - Long.BYTES;
        for (int i = 0; i < last; i += Long.BYTES) {
            if ((long) WORDS.get(k, key + i) != (long) WORDS.get(a, start + i)) {
                return false;
            }
        }
        return (long) WORDS.get(k, key + last) == (long) WORDS.get(a, start + last);
    }

    /** A hash of the length and seven sampled bytes: constant time; a collision only costs a miss. */
    private static int slot(byte[] a, int start, int end, int length) {
        int h = length * 0x9E3779B1;
        h = (h ^ a[start]) * 31 + a[start + (length >> 3)];
        h = (h ^ a[start + (length >> 2)]) * 31 + a[start + (length >> 1)];
        h = (h ^ a[start + length - 1 - (length >> 2)]) * 31 + a[end - 2 + (length == 1 ? 1 : 0)];
        h = (h ^ a[end - 1]) * 0x85EBCA6B;
        return (h ^ h >>> 15) & (SLOTS - 1);
    }
}
