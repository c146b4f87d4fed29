package io.holdfast.sip.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stack's error handler: logs each distinct error (type and throwing frame) once with its stack trace and
 * counts every occurrence. Never throws. Any thread.
 */
public final class DistinctErrorLog {
    private final Logger log;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    public DistinctErrorLog() {
        this(LoggerFactory.getLogger(DistinctErrorLog.class));
    }

    /** @param log where the first occurrence of each error goes */
    DistinctErrorLog(Logger log) {
        this.log = log;
    }

    /** Records {@code error}; logs it when this kind of error has not been seen before. */
    public void onError(String where, Throwable error) {
        total.incrementAndGet();
        String key = keyOf(error);
        AtomicLong count = counts.get(key);
        if (count == null) {
            AtomicLong fresh = new AtomicLong();
            count = counts.putIfAbsent(key, fresh);
            if (count == null) {
                count = fresh;
                log.error("{}: {} (logged once, further occurrences are only counted)", where, key, error);
            }
        }
        count.incrementAndGet();
    }

    /** Every error recorded so far. */
    public long total() {
        return total.get();
    }

    /** How many distinct errors have been seen. */
    public int distinct() {
        return counts.size();
    }

    private static String keyOf(Throwable error) {
        StackTraceElement[] trace = error.getStackTrace();
        String frame = trace.length == 0 ? "?" : trace[0].toString();
        return error.getClass().getName() + " at " + frame;
    }
}
