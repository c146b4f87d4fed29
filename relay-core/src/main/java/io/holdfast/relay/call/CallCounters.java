package io.holdfast.relay.call;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One event loop's block of {@link CallCounter}s. Written only by the owning loop (single writer, ordered
 * stores); any thread may read a value for reporting.
 */
public final class CallCounters {
    private static final CallCounter[] COUNTERS = CallCounter.values();

    private final AtomicLongArray values = new AtomicLongArray(COUNTERS.length);

    /** Adds one. Owner loop only. */
    public void increment(CallCounter counter) {
        int i = counter.ordinal();
        values.lazySet(i, values.get(i) + 1);
    }

    /** The current value; any thread. */
    public long get(CallCounter counter) {
        return values.get(counter.ordinal());
    }
}
