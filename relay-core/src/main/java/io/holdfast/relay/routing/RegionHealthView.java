package io.holdfast.relay.routing;

/**
 * What routing knows of a region's health. Region health (OPTIONS probes, media quality, the AI-stack
 * probe) comes in a later issue: it will publish immutable snapshots behind this view, read on the event
 * loops without blocking. Until then {@link #allHealthy()} says every region is healthy. Implementations
 * are safe on any thread and never block.
 */
@FunctionalInterface
public interface RegionHealthView {
    /** True when the region may take new calls. */
    boolean isHealthy(Region region);

    /** Every region is healthy: the view until region health exists. */
    static RegionHealthView allHealthy() {
        return region -> true;
    }
}
