package io.holdfast.sip.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One event loop's block of {@link SipCounter} values: a plain {@code long} array with a single
 * writer (the loop) and no locks. Writes and reads are opaque, so a reporter on another thread sees
 * whole, eventually current values; the reporter sums the blocks of all loops.
 *
 * <p>Written only by its event loop; {@link #get} and {@link #snapshot} may be called from any thread.
 */
public final class SipCounters {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] values = new long[SipCounter.count()];

    /** Adds one. Event loop only. */
    public void increment(SipCounter counter) {
        add(counter, 1);
    }

    /** Adds {@code delta}. Event loop only. */
    public void add(SipCounter counter, long delta) {
        int slot = counter.id();
        SLOTS.setOpaque(values, slot, (long) SLOTS.getOpaque(values, slot) + delta);
    }

    /** The current value; any thread. */
    public long get(SipCounter counter) {
        return (long) SLOTS.getOpaque(values, counter.id());
    }

    /** Copies every value into {@code target} (indexed by {@link SipCounter#id()}); any thread. */
    public void snapshot(long[] target) {
        if (target.length < values.length) {
            throw new IllegalArgumentException("target holds " + target.length + " slots, need " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            target[i] = (long) SLOTS.getOpaque(values, i);
        }
    }
}
