package io.holdfast.sip.transaction;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One loop's block of {@link TransactionCounter}s. Written only by the owning loop (single writer, ordered
 * stores); any thread may read a value for reporting.
 */
public final class TransactionCounters {
    private static final TransactionCounter[] COUNTERS = TransactionCounter.values();

    private final AtomicLongArray values = new AtomicLongArray(COUNTERS.length);

    /** Adds one. Owner loop only. */
    public void increment(TransactionCounter counter) {
        int i = counter.ordinal();
        values.lazySet(i, values.get(i) + 1);
    }

    /** The current value; any thread. */
    public long get(TransactionCounter counter) {
        return values.get(counter.ordinal());
    }
}
