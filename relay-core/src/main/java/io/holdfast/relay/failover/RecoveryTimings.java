package io.holdfast.relay.failover;

import io.holdfast.relay.events.RouteChangeEvent;

/**
 * The measurements of one recovery, all on the call's clock, and how they go into its route-change event:
 * <ul>
 *   <li>detection: from the last packet the failed region sent to the detection (0 when none came);</li>
 *   <li>prompt start: from detection to the first prompt frame handed to the caller-facing channel;</li>
 *   <li>re-anchor: from detection to media switched to the new destination;</li>
 *   <li>caller-heard gap: from the last packet relayed from the failed region to the first prompt frame,
 *       the silence the caller heard before the prompt (after it, the prompt plays until the new
 *       destination answers, and its media follows at once on the same stream).</li>
 * </ul>
 * Confined to the call's event loop.
 */
public final class RecoveryTimings {
    /** No upstream packet was ever seen. */
    public static final long NONE = Long.MIN_VALUE;

    private final long lastUpstreamNs;
    private final long detectedNs;
    private long promptStartNs = NONE;
    private long reanchorNs = NONE;

    /**
     * @param lastUpstreamNs the arrival of the failed region's last packet, or {@link #NONE}
     * @param detectedNs the detection
     */
    public RecoveryTimings(long lastUpstreamNs, long detectedNs) {
        this.lastUpstreamNs = lastUpstreamNs;
        this.detectedNs = detectedNs;
    }

    public long detectedNs() {
        return detectedNs;
    }

    /** The first prompt frame went out; only the first call counts. */
    public void promptStarted(long nowNs) {
        if (promptStartNs == NONE) {
            promptStartNs = nowNs;
        }
    }

    /** Media now goes to the new destination. */
    public void reanchored(long nowNs) {
        reanchorNs = nowNs;
    }

    /** From detection to the first prompt frame, or {@link #NONE}. */
    public long promptStartDelayNs() {
        return promptStartNs == NONE ? NONE : promptStartNs - detectedNs;
    }

    /** From detection to the re-anchoring, or {@link #NONE}. */
    public long reanchorDelayNs() {
        return reanchorNs == NONE ? NONE : reanchorNs - detectedNs;
    }

    /** Writes the measurements taken into {@code event}. */
    public RouteChangeEvent.Builder applyTo(RouteChangeEvent.Builder event) {
        boolean upstreamSeen = lastUpstreamNs != NONE && detectedNs - lastUpstreamNs >= 0;
        event.detectionNs(upstreamSeen ? detectedNs - lastUpstreamNs : 0);
        if (promptStartNs != NONE) {
            event.promptStartNs(Math.max(0, promptStartNs - detectedNs));
            event.callerHeardGapNs(Math.max(0, promptStartNs - (upstreamSeen ? lastUpstreamNs : detectedNs)));
        }
        if (reanchorNs != NONE) {
            event.reanchorNs(Math.max(0, reanchorNs - detectedNs));
        }
        return event;
    }
}
