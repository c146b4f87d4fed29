package io.holdfast.rtp.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The media counters of one event loop: a plain {@code long} array indexed by {@link MediaCounter} ordinal,
 * written by that loop only (single writer, no lock, no allocation) with opaque stores, so that a reporter on
 * another thread reads whole, recent values with {@link #get}.
 */
public final class MediaCounters {

    private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] values = new long[MediaCounter.all().length];

    /** Adds one to a counter. Owning loop only. */
    public void increment(MediaCounter counter) {
        add(counter, 1);
    }

    /** Adds {@code delta} to a counter. Owning loop only. */
    public void add(MediaCounter counter, long delta) {
        final int index = counter.ordinal();
        VALUES.setOpaque(values, index, (long) VALUES.getOpaque(values, index) + delta);
    }

    /** Returns a counter's value. Any thread. */
    public long get(MediaCounter counter) {
        return (long) VALUES.getOpaque(values, counter.ordinal());
    }
}
