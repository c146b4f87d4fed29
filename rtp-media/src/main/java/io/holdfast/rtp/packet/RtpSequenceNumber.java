package io.holdfast.rtp.packet;

/**
 * RTP sequence numbers: 16-bit wrap-around arithmetic (static methods) and, per instance, the extended
 * sequence number of one source as kept by RFC 3550 Appendix A.1 {@code update_seq}: the highest sequence
 * number seen, the count of wraps ("cycles"), the base sequence number, the resynchronisation candidate after
 * a large jump, and the probation that a new source must pass ({@link #MIN_SEQUENTIAL} in-order packets).
 *
 * <p>All arithmetic on 16-bit sequence numbers in holdfast goes through this class. Sequence numbers are
 * carried in {@code int}s holding values 0..65535; extended sequence numbers in {@code long}s.
 *
 * <p>Instances are confined to the event loop that owns the stream.
 */
public final class RtpSequenceNumber {

    /** Sequence numbers wrap modulo 2^16 (A.1 {@code RTP_SEQ_MOD}). */
    public static final int RTP_SEQ_MOD = 1 << 16;
    /** Largest forward jump still taken as packet loss rather than a restart (A.1). */
    public static final int MAX_DROPOUT = 3000;
    /** Largest backward distance still taken as a late (reordered or duplicate) packet (A.1). */
    public static final int MAX_MISORDER = 100;
    /** In-order packets a new source must deliver before it is valid (A.1). */
    public static final int MIN_SEQUENTIAL = 2;

    private static final int MASK = RTP_SEQ_MOD - 1;

    /** What one call to {@link #update(int)} concluded about a packet's sequence number. */
    public enum Update {
        /** The source is still on probation; the packet does not count towards statistics. */
        PROBATION,
        /** The packet advanced the highest sequence number (a gap means loss), or equals it (a duplicate). */
        IN_ORDER,
        /** The packet is older than the highest sequence number but within {@link #MAX_MISORDER}. */
        LATE,
        /** A very large jump; remembered as a resynchronisation candidate, the packet does not count. */
        BAD_JUMP,
        /** The second packet after a very large jump: the sender restarted, the state was re-initialised. */
        RESTARTED
    }

    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq;
    private int probation;
    private boolean started;

    /** Creates the state of a source from which no packet has been seen yet. */
    public RtpSequenceNumber() {
        reset();
    }

    /** Returns {@code seq + 1} modulo 2^16. */
    public static int next(int seq) {
        return (seq + 1) & MASK;
    }

    /** Returns {@code seq + delta} modulo 2^16; {@code delta} may be negative. */
    public static int add(int seq, int delta) {
        return (seq + delta) & MASK;
    }

    /**
     * Returns the signed distance from {@code b} to {@code a} in the 16-bit sequence space, in
     * -32768..32767: positive when {@code a} is newer than {@code b}.
     */
    public static int difference(int a, int b) {
        return (short) (a - b);
    }

    /** Returns whether {@code a} is newer than {@code b} in the 16-bit sequence space. */
    public static boolean isNewer(int a, int b) {
        return difference(a, b) > 0;
    }

    /** Forgets the source: the next packet starts a new probation. */
    public void reset() {
        maxSeq = 0;
        cycles = 0;
        baseSeq = 0;
        badSeq = RTP_SEQ_MOD + 1;
        probation = MIN_SEQUENTIAL;
        started = false;
    }

    /**
     * Accounts for one packet's sequence number, as A.1 {@code update_seq} (and {@code init_seq} for the
     * first packet of a source).
     *
     * @param seq the packet's sequence number, 0..65535
     * @return what the packet is with respect to the source's sequence
     */
    public Update update(int seq) {
        if (!started) {
            started = true;
            init(seq);
            maxSeq = add(seq, -1);
            probation = MIN_SEQUENTIAL;
        }
        final int udelta = (seq - maxSeq) & MASK;
        if (probation > 0) {
            if (seq == next(maxSeq)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    init(seq);
                    return Update.IN_ORDER;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return Update.PROBATION;
        }
        if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += RTP_SEQ_MOD;
            }
            maxSeq = seq;
            return Update.IN_ORDER;
        }
        if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                init(seq);
                return Update.RESTARTED;
            }
            badSeq = next(seq);
            return Update.BAD_JUMP;
        }
        return Update.LATE;
    }

    /** Returns whether the source has passed probation. */
    public boolean isValid() {
        return started && probation == 0;
    }

    /** Returns the highest sequence number seen (valid once {@link #isValid()}). */
    public int highest() {
        return maxSeq;
    }

    /** Returns the extended highest sequence number: wraps times 2^16 plus {@link #highest()} (A.3). */
    public long extendedHighest() {
        return cycles + maxSeq;
    }

    /** Returns the number of times the sequence number wrapped. */
    public long wraps() {
        return cycles >>> 16;
    }

    /** Returns the sequence number the statistics count from (A.1 {@code base_seq}). */
    public int base() {
        return baseSeq;
    }

    /**
     * Returns the extended sequence number of {@code seq} taken as the closest one to the extended highest
     * sequence number: used to place late packets.
     */
    public long extend(int seq) {
        return extendedHighest() + difference(seq, maxSeq);
    }

    private void init(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = RTP_SEQ_MOD + 1;
        cycles = 0;
    }
}
