package io.holdfast.sip.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Recently seen ASCII values (hosts, users, peers' header values), so that the strings a carrier edge
 * sees again and again are not allocated again and again. Direct-mapped: a slot holds the last
 * string that hashed to it, with its bytes in one preallocated arena, so memory is bounded
 * ({@value #SLOTS} strings of at most {@value #MAX_LENGTH} bytes), a miss allocates only the string,
 * and no input can make a lookup slower than one comparison. Strings are immutable, so sharing them
 * between messages is safe.
 *
 * <p>Confined to its parser's event loop.
 */
final class StringCache {
    static final int SLOTS = 1024;
    static final int MAX_LENGTH = 64;

    private final String[] strings = new String[SLOTS];
    /** The bytes of each slot's string, {@value #MAX_LENGTH} bytes per slot, so that a lookup compares bytes. */
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
        String cached = strings[slot];
        if (cached != null && cached.length() == length && Arrays.equals(keys, key, key + length, a, start, end)) {
            return cached;
        }
        String created = new String(a, start, length, StandardCharsets.ISO_8859_1);
        System.arraycopy(a, start, keys, key, length);
        strings[slot] = created;
        return created;
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
