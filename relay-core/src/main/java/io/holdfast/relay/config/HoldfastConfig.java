package io.holdfast.relay.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The whole configuration, bound once at start-up by {@link ConfigLoader} and passed down by
 * constructors. Immutable; safe to share with every thread.
 *
 * @param sip SIP signalling
 * @param media anchored media
 * @param regions the Voice AI regions, sorted by priority (the first is tried first); never empty,
 *                names and priorities unique
 * @param failover how calls leave a failed region
 * @param escalation where calls go when no region can take them; empty when there are no humans to
 *                   escalate to (such a call hears the prompt to its end and is released)
 * @param admin the admin HTTP API
 * @param events the route-change event log
 * @param drainTimeout on SIGTERM, how long calls in progress may go on before they are ended
 */
public record HoldfastConfig(SipConfig sip, MediaConfig media, List<RegionConfig> regions, FailoverConfig failover,
                             Optional<EscalationConfig> escalation, AdminConfig admin, EventsConfig events,
                             Duration drainTimeout) {
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    /** Zero ends calls in progress at once. */
    public static final Duration MIN_DRAIN_TIMEOUT = Duration.ZERO;
    public static final Duration MAX_DRAIN_TIMEOUT = Duration.ofHours(1);
    /** A warm failover needs a second region for its standby leg. */
    public static final int WARM_MIN_REGIONS = 2;

    public HoldfastConfig {
        Objects.requireNonNull(sip, "sip");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(failover, "failover");
        Objects.requireNonNull(escalation, "escalation");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(events, "events");
        ConfigDuration.requireWithin("drain-timeout", drainTimeout, MIN_DRAIN_TIMEOUT, MAX_DRAIN_TIMEOUT);
        List<RegionConfig> sorted = new ArrayList<>(regions);
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("at least one region is needed");
        }
        sorted.sort(Comparator.comparingInt(RegionConfig::priority));
        Set<String> names = new HashSet<>();
        Set<Integer> priorities = new HashSet<>();
        for (RegionConfig region : sorted) {
            if (!names.add(region.name())) {
                throw new IllegalArgumentException("two regions are named " + region.name());
            }
            if (!priorities.add(region.priority())) {
                throw new IllegalArgumentException("two regions have priority " + region.priority());
            }
        }
        if (failover.mode() == FailoverMode.WARM && sorted.size() < WARM_MIN_REGIONS) {
            throw new IllegalArgumentException("warm failover needs at least " + WARM_MIN_REGIONS + " regions");
        }
        regions = List.copyOf(sorted);
    }

    /** The region of that name, if configured. */
    public Optional<RegionConfig> region(String name) {
        for (RegionConfig region : regions) {
            if (region.name().equals(name)) {
                return Optional.of(region);
            }
        }
        return Optional.empty();
    }

    /** One line an operator reads to confirm what holdfast will do, as {@code holdfast check-config} prints it. */
    public String summary() {
        StringJoiner regionList = new StringJoiner(", ", "(", ")");
        for (RegionConfig region : regions) {
            regionList.add(region.name() + " " + region.uri() + " priority " + region.priority());
        }
        return (regions.size() == 1 ? "1 region " : regions.size() + " regions ") + regionList
                + "; sip " + SocketAddressSyntax.format(sip.listen()) + " udp+tcp"
                + "; media " + SocketAddressSyntax.address(media.address()) + " ports " + media.ports()
                + (media.ports().isEphemeral() ? " (chosen by the OS)" : " (" + media.ports().pairCount() + " pairs)")
                + "; failover " + ConfigSection.configName(failover.mode())
                + ", media-timeout " + ConfigDuration.format(failover.mediaTimeout())
                + ", max-attempts " + failover.maxAttempts()
                + ", budget " + ConfigDuration.format(failover.budget())
                + "; escalation " + escalation.map(e -> e.uri().toString()).orElse("none")
                + "; admin " + SocketAddressSyntax.format(admin.listen())
                + "; events " + events.file();
    }
}
