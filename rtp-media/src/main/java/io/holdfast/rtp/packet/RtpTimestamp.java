package io.holdfast.rtp.packet;

/**
 * RTP timestamps: 32-bit wrap-around arithmetic and conversions between media clock units and nanoseconds.
 * All arithmetic on 32-bit RTP timestamps in holdfast goes through this class. Timestamps are carried in
 * {@code long}s holding values 0..2^32-1. Stateless.
 */
public final class RtpTimestamp {

    /** Timestamps wrap modulo 2^32. */
    public static final long MODULUS = 1L << 32;

    private static final long MASK = MODULUS - 1;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private RtpTimestamp() {
    }

    /** Returns {@code timestamp + delta} modulo 2^32; {@code delta} may be negative. */
    public static long add(long timestamp, long delta) {
        return (timestamp + delta) & MASK;
    }

    /**
     * Returns the signed distance from {@code b} to {@code a} in the 32-bit timestamp space, in
     * -2^31..2^31-1: positive when {@code a} is later than {@code b}.
     */
    public static long difference(long a, long b) {
        return (int) (a - b);
    }

    /** Returns whether {@code a} is later than {@code b} in the 32-bit timestamp space. */
    public static boolean isNewer(long a, long b) {
        return difference(a, b) > 0;
    }

    /**
     * Converts a duration to media clock units, truncating. Exact for any non-negative duration that fits a
     * {@code long}.
     *
     * @param durationNs the duration in nanoseconds, not negative
     * @param clockRateHz the media clock rate
     */
    public static long fromNanos(long durationNs, int clockRateHz) {
        return (durationNs / NANOS_PER_SECOND) * clockRateHz
                + (durationNs % NANOS_PER_SECOND) * clockRateHz / NANOS_PER_SECOND;
    }

    /**
     * Converts media clock units to nanoseconds, truncating.
     *
     * @param units a non-negative number of clock units
     * @param clockRateHz the media clock rate
     */
    public static long toNanos(long units, int clockRateHz) {
        return (units / clockRateHz) * NANOS_PER_SECOND + (units % clockRateHz) * NANOS_PER_SECOND / clockRateHz;
    }

    /**
     * Rounds a non-negative number of clock units to the nearest whole number of frames, never below one
     * frame.
     *
     * @param units the clock units to round
     * @param frameUnits the clock units in one frame, positive
     */
    public static long roundToFrames(long units, long frameUnits) {
        final long frames = (units + frameUnits / 2) / frameUnits;
        return Math.max(1, frames) * frameUnits;
    }
}
