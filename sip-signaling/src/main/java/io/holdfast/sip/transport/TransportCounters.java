package io.holdfast.sip.transport;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One loop's block of {@link TransportCounter}s. Written only by the owning loop (single writer, ordered
 * stores); any thread may read a value for reporting.
 */
public final class TransportCounters {
    private static final TransportCounter[] COUNTERS = TransportCounter.values();

    private final AtomicLongArray values = new AtomicLongArray(COUNTERS.length);

    /** Adds one. Owner loop only. */
    public void increment(TransportCounter counter) {
        int i = counter.ordinal();
        values.lazySet(i, values.get(i) + 1);
    }

    /** The current value; any thread. */
    public long get(TransportCounter counter) {
        return values.get(counter.ordinal());
    }
}
