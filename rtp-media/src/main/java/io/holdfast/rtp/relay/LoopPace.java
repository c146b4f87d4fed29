package io.holdfast.rtp.relay;

import io.holdfast.rtp.stats.MediaCounter;
import io.holdfast.rtp.stats.MediaCounters;

/**
 * Whether an event loop keeps pace with its traffic, judged by how late its periodic media-timeout sweep runs: the
 * sweep is scheduled every {@link MediaConfig#SWEEP_INTERVAL}, and Netty runs scheduled tasks between rounds of I/O,
 * so a sweep that runs more than {@link #BEHIND_NS} after its slot means rounds of I/O are taking that long: the
 * loop is behind, its ports hold backlogs. It counts as keeping pace again once a sweep runs within
 * {@link #CAUGHT_UP_NS} of its slot (hysteresis, so the reading mode does not flap). Read by
 * {@link MediaRecvByteBufAllocator} at every read event. Confined to the loop.
 */
final class LoopPace {

    /** A sweep this late means the loop is behind. */
    static final long BEHIND_NS = 2_000_000L;
    /** A sweep at most this late means the loop caught up. */
    static final long CAUGHT_UP_NS = 500_000L;

    private final long periodNs;
    private final MediaCounters counters;
    private boolean started;
    private long slotNs;
    private boolean behind;
    private long timesBehind;

    /**
     * @param periodNs the sweep's period
     * @param counters where {@link MediaCounter#MEDIA_LOOP_FELL_BEHIND} is counted
     */
    LoopPace(long periodNs, MediaCounters counters) {
        this.periodNs = periodNs;
        this.counters = counters;
    }

    /** Notes a run of the periodic sweep at {@code nowNs}. */
    void onSweep(long nowNs) {
        if (!started) {
            started = true;
            slotNs = nowNs;
            return;
        }
        slotNs += periodNs;
        final long lateNs = nowNs - slotNs;
        if (lateNs < 0) {
            slotNs = nowNs;
        }
        if (lateNs > BEHIND_NS) {
            if (!behind) {
                timesBehind++;
                counters.increment(MediaCounter.MEDIA_LOOP_FELL_BEHIND);
            }
            behind = true;
        } else if (lateNs <= CAUGHT_UP_NS) {
            behind = false;
        }
    }

    /** Returns whether the loop is behind: ports are then read until empty. */
    boolean behind() {
        return behind;
    }

    /** Returns how often the loop fell behind. */
    long timesBehind() {
        return timesBehind;
    }
}
