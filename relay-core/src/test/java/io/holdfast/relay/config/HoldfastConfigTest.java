package io.holdfast.relay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipUri;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The records' own checks, for code that builds a configuration without the loader. */
class HoldfastConfigTest {
    private static final RegionConfig EAST = RegionConfig.of("east", SipUri.sip("agent", "127.0.0.1", 5080), 1);
    private static final RegionConfig WEST = RegionConfig.of("west", SipUri.sip("agent", "127.0.0.1", 5090), 2);

    private static HoldfastConfig config(List<RegionConfig> regions, FailoverConfig failover) {
        return new HoldfastConfig(SipConfig.DEFAULT, MediaConfig.DEFAULT, regions, failover, Optional.empty(),
                AdminConfig.DEFAULT, EventsConfig.DEFAULT, HoldfastConfig.DEFAULT_DRAIN_TIMEOUT);
    }

    @Test
    void shouldSortRegionsByPriorityWhenBuilt() {
        List<RegionConfig> given = new ArrayList<>(List.of(WEST, EAST));

        HoldfastConfig config = config(given, FailoverConfig.DEFAULT);
        given.clear();

        assertThat(config.regions()).containsExactly(EAST, WEST);
        assertThatThrownBy(() -> config.regions().add(EAST)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldRefuseWhenRegionsAreMissingOrRepeated() {
        assertThatThrownBy(() -> config(List.of(), FailoverConfig.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("at least one region is needed");
        RegionConfig eastAgain = RegionConfig.of("east", SipUri.sip("agent", "127.0.0.1", 5070), 3);
        assertThatThrownBy(() -> config(List.of(EAST, eastAgain), FailoverConfig.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("two regions are named east");
        RegionConfig samePriority = RegionConfig.of("north", SipUri.sip("agent", "127.0.0.1", 5070), 1);
        assertThatThrownBy(() -> config(List.of(EAST, samePriority), FailoverConfig.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("two regions have priority 1");
    }

    @Test
    void shouldRefuseWhenWarmModeHasOneRegion() {
        FailoverConfig warm = new FailoverConfig(FailoverMode.WARM, FailoverConfig.DEFAULT_MEDIA_TIMEOUT,
                FailoverConfig.DEFAULT_MAX_ATTEMPTS, FailoverConfig.DEFAULT_BUDGET, Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> config(List.of(EAST), warm))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("warm failover needs at least 2 regions");
        assertThat(config(List.of(EAST, WEST), warm).failover().mode()).isEqualTo(FailoverMode.WARM);
    }

    @Test
    void shouldRefuseWhenARecordValueIsOutOfBounds() {
        assertThatThrownBy(() -> new FailoverConfig(FailoverMode.COLD, Duration.ofMillis(10), 2, Duration.ofSeconds(8),
                Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failover.media-timeout must be from 20ms to 10s, was 10ms");
        assertThatThrownBy(() -> new FailoverConfig(FailoverMode.COLD, Duration.ofMillis(60), 0, Duration.ofSeconds(8),
                Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failover.max-attempts must be from 1 to 10, was 0");
        assertThatThrownBy(() -> new SipConfig(SipConfig.DEFAULT_LISTEN, Duration.ofMillis(500), Duration.ofMillis(100),
                SipConfig.DEFAULT_T4, SipConfig.DEFAULT_INVITE_TIMEOUT, 65535, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sip.t2 must be from 500ms to 1m, was 100ms");
        assertThatThrownBy(() -> new SipConfig(SipConfig.DEFAULT_LISTEN, SipConfig.DEFAULT_T1, SipConfig.DEFAULT_T2,
                SipConfig.DEFAULT_T4, SipConfig.DEFAULT_INVITE_TIMEOUT, 65535, List.of("Via")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sip.passed-headers cannot hold Via");
        assertThatThrownBy(() -> new EventsConfig(EventsConfig.DEFAULT_FILE, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("events.queue-capacity must be from 16 to 1048576, was 1");
        assertThatThrownBy(() -> new MediaConfig(MediaConfig.DEFAULT_ADDRESS, MediaConfig.DEFAULT_PORTS,
                LatchPolicy.SIGNALLED, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("media.learning-window must be from 20ms to 30s, was 0s");
    }

    @Test
    void shouldRefuseWhenARegionIsMalformed() {
        SipUri uri = SipUri.sip("agent", "127.0.0.1", 5080);
        assertThatThrownBy(() -> RegionConfig.of("East", uri, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("region name must be 1 to 32 lower-case letters, digits and '-': East");
        assertThatThrownBy(() -> RegionConfig.of("east", uri, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("region east priority must be from 1 to 1000, was 0");
        SipUri tel = new SipUri(SipUri.Scheme.TEL, "+15551234", null, null, SipUri.NO_PORT,
                SipParameters.EMPTY, null);
        assertThatThrownBy(() -> RegionConfig.of("east", tel, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("region east needs a sip: or sips: URI, was tel:+15551234");
        assertThatThrownBy(() -> new RegionConfig("east", uri, 1, Optional.of(URI.create("ftp://x/health")),
                RegionConfig.DEFAULT_OPTIONS_INTERVAL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("health URL must be http or https with a host: ftp://x/health");
        assertThatThrownBy(() -> new EscalationConfig(tel)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("escalation.uri needs a sip: or sips: URI, was tel:+15551234");
    }

    @Test
    void shouldRenderKeyAndMessageWhenAProblemIsPrinted() {
        ConfigProblem problem = new ConfigProblem("failover.media-timeout", "\"abc\" is not a duration; write it like 60ms or 2s");

        assertThat(problem).hasToString("failover.media-timeout: \"abc\" is not a duration; write it like 60ms or 2s");
        assertThat(ConfigProblem.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
        assertThatThrownBy(() -> new ConfigException("x", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
