package io.holdfast.sip.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Whole header values and URIs that recur from message to message (a peer's Allow, Supported,
 * Record-Route, Session-Expires, User-Agent, a dialled Request-URI...), each kept with the immutable
 * value it parsed to, so that the next message carrying the same bytes shares that value instead of
 * parsing it again. A kind tells apart what the same bytes mean in different places (a header, a URI
 * in the Request-Line). Only values whose grammar depends on nothing but their own bytes and kind are
 * kept, and only after they parsed without fault: a
 * hit is therefore exactly what parsing the same bytes would have produced, and strictness does not
 * change. Two-way set-associative on a hash of every byte: memory is bounded ({@value #SLOTS} values
 * of at most {@value #MAX_LENGTH} bytes), a miss costs a hash and, once the value parsed, a copy of its
 * bytes into the set's first slot (whose value moves to the second).
 *
 * <p>Confined to its parser's event loop.
 */
final class ValueCache {
    static final int SLOTS = 1024;
    static final int MAX_LENGTH = 256;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final int SLOT_SHIFT = Long.SIZE - Integer.numberOfTrailingZeros(SLOTS);

    private final byte[][] keys = new byte[SLOTS][];
    private final long[] hashes = new long[SLOTS];
    private final int[] kinds = new int[SLOTS];
    private final Object[] values = new Object[SLOTS];
    private int pendingSlot = -1;
    private long pendingHash;
    private int pendingKind;
    private byte[] pendingBytes;
    private int pendingStart;
    private int pendingEnd;

    /**
     * The value kept for {@code kind} and the bytes {@code a[start, end)}, or {@code null}; after a
     * {@code null}, {@link #keep} stores what these bytes parsed to.
     */
    Object find(int kind, byte[] a, int start, int end) {
        int length = end - start;
        if (length == 0 || length > MAX_LENGTH) {
            pendingSlot = -1;
            return null;
        }
        return find(hash(kind, a, start, end), kind, a, start, end);
    }

    /**
     * Like {@link #find(int, byte[], int, int)} for bytes whose hash the caller computed while it read
     * them: {@code hash} must depend on every byte and be well mixed in its top bits.
     */
    Object find(int kind, long hash, byte[] a, int start, int end) {
        int length = end - start;
        if (length == 0 || length > MAX_LENGTH) {
            pendingSlot = -1;
            return null;
        }
        return find(hash, kind, a, start, end);
    }

    private Object find(long hash, int kind, byte[] a, int start, int end) {
        int slot = (int) (hash >>> SLOT_SHIFT) & (SLOTS - 2);
        int found = matches(slot, hash, kind, a, start, end) ? slot
                : matches(slot + 1, hash, kind, a, start, end) ? slot + 1 : -1;
        if (found >= 0) {
            pendingSlot = -1;
            pendingBytes = null;
            return values[found];
        }
        pendingHash = hash;
        pendingSlot = slot;
        pendingKind = kind;
        pendingBytes = a;
        pendingStart = start;
        pendingEnd = end;
        return null;
    }

    /** The hash tells nearly every other value apart before its bytes are read. */
    private boolean matches(int slot, long hash, int kind, byte[] a, int start, int end) {
        if (hashes[slot] != hash) {
            return false;
        }
        byte[] key = keys[slot];
        return kinds[slot] == kind && key != null && key.length == end - start
                && Arrays.equals(key, 0, key.length, a, start, end);
    }

    /** Forgets the bytes of the last {@link #find}: a {@link #keep} that follows is a no-op. */
    void forget() {
        pendingSlot = -1;
        pendingBytes = null;
    }

    /** Keeps {@code value} (immutable) for the bytes of the last {@link #find} that answered {@code null}. */
    void keep(Object value) {
        int slot = pendingSlot;
        if (slot < 0) {
            return;
        }
        byte[] evicted = keys[slot + 1];
        keys[slot + 1] = keys[slot];
        hashes[slot + 1] = hashes[slot];
        kinds[slot + 1] = kinds[slot];
        values[slot + 1] = values[slot];
        int length = pendingEnd - pendingStart;
        byte[] key = evicted != null && evicted.length == length ? evicted : new byte[length];
        keys[slot] = key;
        System.arraycopy(pendingBytes, pendingStart, key, 0, length);
        hashes[slot] = pendingHash;
        kinds[slot] = pendingKind;
        values[slot] = value;
        pendingSlot = -1;
        pendingBytes = null;
    }

    /**
     * A multiplicative hash of the kind, the length and every byte, eight at a time; the slot comes from
     * the top bits, the only ones every input bit reaches (values that differ in one byte, such as two
     * callers' Contacts, must not crowd into a few sets).
     */
    private static long hash(int kind, byte[] a, int start, int end) {
        int length = end - start;
        long h = (kind * 31L + length) * MIX;
        int i = start;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            h = (h ^ (long) WORDS.get(a, i)) * MIX;
        }
        if (i < end) {
            long tail;
            if (length >= Long.BYTES) {
                tail = (long) WORDS.get(a, end - Long.BYTES);
            } else {
                tail = 0;
                for (int k = i; k < end; k++) {
                    tail = tail << 8 | (a[k] & 0xff);
                }
            }
            h = (h ^ tail) * MIX;
        }
        return h;
    }
}
