package io.holdfast.relay.time;

import java.time.Duration;
import java.time.Instant;

/**
 * A {@link NanoClock} that moves only when a test says so. Wall-clock time moves with the monotonic
 * time (both start at the values given) unless a test sets it apart to model a host clock step.
 * Confined to the test's thread.
 */
public final class ManualNanoClock implements NanoClock {
    /** 2026-01-01T00:00:00Z, a readable default wall-clock start. */
    public static final long DEFAULT_START_EPOCH_MS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    /** A monotonic origin far from zero, so that code which assumes {@code nanoTime() > 0} or compares raw values fails. */
    public static final long DEFAULT_START_NS = Long.MAX_VALUE - Duration.ofHours(1).toNanos();

    private long nowNs;
    private long epochOffsetMs;
    private long epochOriginNs;

    public ManualNanoClock() {
        this(DEFAULT_START_NS, DEFAULT_START_EPOCH_MS);
    }

    public ManualNanoClock(long startNs, long startEpochMs) {
        this.nowNs = startNs;
        this.epochOriginNs = startNs;
        this.epochOffsetMs = startEpochMs;
    }

    @Override
    public long nanoTime() {
        return nowNs;
    }

    @Override
    public long epochMillis() {
        return epochOffsetMs + Math.floorDiv(nowNs - epochOriginNs, 1_000_000L);
    }

    /** Moves both clocks forward; {@code ns} must not be negative (monotonic time never goes back). */
    public void advanceNs(long ns) {
        if (ns < 0) {
            throw new IllegalArgumentException("a monotonic clock cannot go back: " + ns + " ns");
        }
        nowNs += ns;
    }

    public void advanceMs(long ms) {
        advanceNs(Math.multiplyExact(ms, 1_000_000L));
    }

    public void advance(Duration duration) {
        advanceNs(duration.toNanos());
    }

    /** Steps the wall clock only (as an NTP step would); monotonic time does not move. */
    public void setEpochMillis(long epochMs) {
        this.epochOriginNs = nowNs;
        this.epochOffsetMs = epochMs;
    }
}
