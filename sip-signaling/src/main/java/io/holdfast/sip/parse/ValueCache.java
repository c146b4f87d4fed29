package io.holdfast.sip.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Byte strings that recur from message to message (whole header lines and start lines, a Via or From
 * line without its branch or tag, URIs, Via sent-by parts...), each kept with the immutable value it
 * parsed to, so that the next message carrying the same bytes shares that value instead of parsing it
 * again. A kind tells apart what the same bytes mean in different places (a header line, a URI in the
 * Request-Line). Only values whose grammar depends on nothing but their own bytes and kind are kept, and
 * only after they parsed without fault: a hit is therefore exactly what parsing the same bytes would have
 * produced, and strictness does not change. A key may leave out a hole ({@link #findAround}). Two-way
 * set-associative on a hash of every byte (the caller's, or {@link #hash}): memory is bounded
 * ({@value #SLOTS} values of at most {@value #MAX_LENGTH} bytes), a miss costs a hash and, once the value
 * parsed, a copy of its bytes into the set's first slot (whose value moves to the second). Each entry
 * can hold a link to what its user found after it ({@link #link}), so that the user can try that first.
 *
 * <p>Confined to its parser's event loop.
 */
final class ValueCache {
    static final int SLOTS = 1024;
    static final int MAX_LENGTH = 256;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final int SLOT_SHIFT = Long.SIZE - Integer.numberOfTrailingZeros(SLOTS);

    /** Each slot's hash, apart from its entry, so that a set whose hashes differ is passed over in one load. */
    private final long[] hashes = new long[SLOTS];
    private final Entry[] entries = new Entry[SLOTS];
    /**
     * The slot found or kept last, or -1. Slots rather than references here and in {@link Entry#next}:
     * the parser's state lives long, and storing a reference in it costs a garbage-collector barrier
     * where storing an int costs nothing.
     */
    private int lastSlot = -1;
    private int pendingSlot = -1;
    private long pendingHash;
    private int pendingKind;
    private int pendingStart;
    private int pendingHoleStart;
    private int pendingHoleEnd;
    private int pendingEnd;

    /**
     * One kept value with its key: the bytes before the hole and after it ({@link #findAround}), or the
     * whole bytes with the hole at their end. Reused, key array included when its length fits, for the
     * value that evicts it.
     */
    private static final class Entry {
        int kind;
        int hole;
        byte[] key;
        Object value;
        /**
         * What the user of the cache found right after this entry the last time ({@link #link}), as a
         * number of its own, or -1: a guess only (that slot may hold another entry since), which the
         * user checks against the bytes ({@link #wholeLength}, {@link #holeAt}...).
         */
        int next = -1;
    }

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
        return find(hash(kind, a, start, end), kind, a, start, end, end, end);
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
        return find(hash, kind, a, start, end, end, end);
    }

    /**
     * Like {@link #find(int, long, byte[], int, int)} for the bytes {@code a[start, end)} without the
     * hole {@code [holeStart, holeEnd)}: the key is the bytes before the hole, the bytes after it and
     * where the hole is, so that values that differ only inside the hole find the same entry.
     */
    Object findAround(int kind, long hash, byte[] a, int start, int holeStart, int holeEnd, int end) {
        int length = holeStart - start + end - holeEnd;
        if (length == 0 || length > MAX_LENGTH) {
            pendingSlot = -1;
            return null;
        }
        return find(hash, kind, a, start, holeStart, holeEnd, end);
    }

    private Object find(long hash, int kind, byte[] a, int start, int holeStart, int holeEnd, int end) {
        int slot = (int) (hash >>> SLOT_SHIFT) & (SLOTS - 2);
        long[] h = hashes;
        int found = -1;
        if (h[slot] == hash && matches(entries[slot], kind, a, start, holeStart, holeEnd, end)) {
            found = slot;
        } else if (h[slot + 1] == hash && matches(entries[slot + 1], kind, a, start, holeStart, holeEnd, end)) {
            found = slot + 1;
        }
        if (found >= 0) {
            pendingSlot = -1;
            lastSlot = found;
            return entries[found].value;
        }
        pendingHash = hash;
        pendingSlot = slot;
        pendingKind = kind;
        pendingStart = start;
        pendingHoleStart = holeStart;
        pendingHoleEnd = holeEnd;
        pendingEnd = end;
        return null;
    }

    /** True when {@code entry} holds exactly these bytes around this hole. */
    private static boolean matches(Entry entry, int kind, byte[] a, int start, int holeStart, int holeEnd, int end) {
        if (entry == null || entry.kind != kind) {
            return false;
        }
        byte[] key = entry.key;
        int before = holeStart - start;
        return key.length == before + end - holeEnd && entry.hole == before
                && Arrays.equals(key, 0, before, a, start, holeStart)
                && (holeEnd == end || Arrays.equals(key, before, key.length, a, holeEnd, end));
    }

    /** The slot found ({@link #find} answered its value) or kept last, or -1. */
    int lastSlot() {
        return lastSlot;
    }

    /** The value kept in {@code slot}, which must hold one. */
    Object value(int slot) {
        return entries[slot].value;
    }

    /** What {@link #link} recorded for the entry in {@code slot}, or -1. */
    int next(int slot) {
        Entry entry = entries[slot];
        return entry == null ? -1 : entry.next;
    }

    /** Records {@code next} as what followed the entry in {@code slot} (if any). */
    void link(int slot, int next) {
        Entry entry = entries[slot];
        if (entry != null && entry.next != next) {
            entry.next = next;
        }
    }

    /** The length of the key in {@code slot} when it is a whole key of {@code kind}, else -1. */
    int wholeLength(int slot, int kind) {
        Entry entry = entries[slot];
        return entry == null || entry.kind != kind || entry.hole != entry.key.length ? -1 : entry.hole;
    }

    /** Where the hole of the key in {@code slot} is when it is a key of {@code kind} with a hole, else -1. */
    int holeAt(int slot, int kind) {
        Entry entry = entries[slot];
        return entry == null || entry.kind != kind || entry.hole == entry.key.length ? -1 : entry.hole;
    }

    /** How many bytes of the key in {@code slot} come after its hole. */
    int lengthAfterHole(int slot) {
        Entry entry = entries[slot];
        return entry.key.length - entry.hole;
    }

    /**
     * True when the bytes of the key in {@code slot} before its hole are {@code a} from {@code start}
     * and those after it are {@code a} from {@code holeEnd} (the caller checked that {@code a} holds
     * them): the entry then counts as found ({@link #lastSlot}). No lookup is pending afterwards.
     */
    boolean matchesAt(int slot, byte[] a, int start, int holeEnd) {
        Entry entry = entries[slot];
        byte[] key = entry.key;
        int before = entry.hole;
        pendingSlot = -1;
        if (!Arrays.equals(key, 0, before, a, start, start + before)
                || before < key.length && !Arrays.equals(key, before, key.length, a, holeEnd,
                        holeEnd + key.length - before)) {
            return false;
        }
        lastSlot = slot;
        return true;
    }

    /**
     * The value that a {@link #keep} now would evict from the cache (nothing else refers to it then, so
     * the caller may reuse it for the value it keeps), or {@code null}.
     */
    Object evictable() {
        int slot = pendingSlot;
        Entry evicted = slot < 0 ? null : entries[slot + 1];
        return evicted == null ? null : evicted.value;
    }

    /** Forgets the bytes of the last {@link #find}: a {@link #keep} that follows is a no-op. */
    void forget() {
        pendingSlot = -1;
    }

    /**
     * Keeps {@code value} (immutable) for the bytes of the last {@link #find} that answered {@code null},
     * which are still in {@code a}.
     *
     * @return the slot it went into, or -1 when there was no such find
     */
    int keep(Object value, byte[] a) {
        int slot = pendingSlot;
        if (slot < 0) {
            return -1;
        }
        Entry entry = entries[slot + 1];
        hashes[slot + 1] = hashes[slot];
        entries[slot + 1] = entries[slot];
        if (entry == null) {
            entry = new Entry();
        }
        int before = pendingHoleStart - pendingStart;
        int length = before + pendingEnd - pendingHoleEnd;
        byte[] key = entry.key != null && entry.key.length == length ? entry.key : new byte[length];
        System.arraycopy(a, pendingStart, key, 0, before);
        System.arraycopy(a, pendingHoleEnd, key, before, length - before);
        entry.kind = pendingKind;
        entry.hole = before;
        entry.key = key;
        entry.value = value;
        entry.next = -1;
        hashes[slot] = pendingHash;
        entries[slot] = entry;
        pendingSlot = -1;
        lastSlot = slot;
        return slot;
    }

    /**
     * A multiplicative hash of the kind, the length and every byte, eight at a time; the slot comes from
     * the top bits, the only ones every input bit reaches (values that differ in one byte, such as two
     * callers' Contacts, must not crowd into a few sets).
     */
    static long hash(int kind, byte[] a, int start, int end) {
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
