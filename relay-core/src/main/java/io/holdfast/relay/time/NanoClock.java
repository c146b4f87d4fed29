package io.holdfast.relay.time;

/**
 * The only source of time in holdfast. {@link #nanoTime()} is monotonic and measures intervals
 * (deadlines, timeouts, gaps); {@link #epochMillis()} is wall-clock time, used only to stamp what a
 * person reads (events, logs), never to measure. Implementations are safe to read from any thread.
 */
public interface NanoClock {
    /**
     * Monotonic time in nanoseconds from an arbitrary origin; only differences mean something.
     * Compare deadlines as {@code deadlineNs - nowNs < 0}, never with {@code <} on the values.
     */
    long nanoTime();

    /** Wall-clock time in milliseconds since 1970-01-01T00:00:00Z; may jump when the host clock is set. */
    long epochMillis();

    /** The host's clocks: {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
    static NanoClock system() {
        return SystemNanoClock.INSTANCE;
    }
}
