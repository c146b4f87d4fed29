package io.holdfast.relay.routing;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Chooses where a call goes: the healthy region with the best (lowest) priority among those the call has
 * not tried yet. Initial-call failover asks again after each refusal or timeout, with the failed region
 * added to the tried set, as Kamailio's dispatcher does; when no healthy untried region is left the call
 * is refused. Immutable; shared by every event loop; allocation-free per call.
 */
public final class RoutePolicy {
    private final List<Region> regions;
    private final RegionHealthView health;

    /**
     * @param regions every region, in priority order (first is best)
     * @param health the current health of each region
     */
    public RoutePolicy(List<Region> regions, RegionHealthView health) {
        this.regions = List.copyOf(regions);
        this.health = Objects.requireNonNull(health, "health");
        if (this.regions.isEmpty()) {
            throw new IllegalArgumentException("routing needs at least one region");
        }
    }

    /**
     * The region for the next attempt of a call.
     *
     * @param tried the names of the regions this call already tried
     * @return the healthy untried region with the best priority, or {@code null} when there is none
     */
    public Region next(Set<String> tried) {
        for (Region region : regions) {
            if (!tried.contains(region.name()) && health.isHealthy(region)) {
                return region;
            }
        }
        return null;
    }

    /** Every region, in priority order. */
    public List<Region> regions() {
        return regions;
    }
}
