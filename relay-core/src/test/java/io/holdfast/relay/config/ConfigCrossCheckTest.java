package io.holdfast.relay.config;

import static io.holdfast.relay.config.ConfigFixtures.REGIONS;
import static io.holdfast.relay.config.ConfigFixtures.parse;
import static io.holdfast.relay.config.ConfigFixtures.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules that span keys and sections: ports, region names and priorities, warm mode, loops. */
class ConfigCrossCheckTest {
    @TempDir
    Path base;

    @Test
    void shouldRejectWhenTheSipPortLiesInTheMediaRange() {
        assertThat(problemsOf(REGIONS + "sip: { listen: 127.0.0.1:30010 }", base))
                .containsExactly("sip.listen: port 30010 lies in media.ports 30000-30999; move one of them");
    }

    @Test
    void shouldRejectWhenTheAdminPortLiesInTheMediaRange() {
        assertThat(problemsOf(REGIONS + "admin: { listen: 127.0.0.1:30999 }", base))
                .containsExactly("admin.listen: port 30999 lies in media.ports 30000-30999; move one of them");
    }

    @Test
    void shouldRejectWhenAdminAndSipShareAPort() {
        assertThat(problemsOf(REGIONS + "admin: { listen: 127.0.0.1:5060 }", base))
                .containsExactly("admin.listen: port 5060 is also sip.listen's port; choose another port");
    }

    @Test
    void shouldRejectWhenAWildcardAddressSharesAPort() {
        String yaml = REGIONS + """
                sip: { listen: 0.0.0.0:5060 }
                admin: { listen: 127.0.0.1:5060 }
                media: { address: 127.0.0.1, ports: 5000-5999 }
                """;
        assertThat(problemsOf(yaml, base)).containsExactly(
                "admin.listen: port 5060 is also sip.listen's port; choose another port",
                "sip.listen: port 5060 lies in media.ports 5000-5999; move one of them",
                "admin.listen: port 5060 lies in media.ports 5000-5999; move one of them");
    }

    @Test
    void shouldAcceptWhenTheSamePortIsOnDifferentAddresses() {
        String yaml = REGIONS + """
                sip: { listen: 127.0.0.1:5060 }
                admin: { listen: 127.0.0.2:5060 }
                media: { address: 127.0.0.3, ports: 5000-5999 }
                """;
        HoldfastConfig config = parse(yaml, base);
        assertThat(config.admin().listen().getPort()).isEqualTo(5060);
    }

    @Test
    void shouldAcceptWhenListenPortsAreZero() {
        String yaml = REGIONS + """
                sip: { listen: 127.0.0.1:0 }
                admin: { listen: 127.0.0.1:0 }
                """;
        assertThat(parse(yaml, base).sip().listen().getPort()).isZero();
    }

    @Test
    void shouldAcceptWhenEveryPortIsChosenByTheOperatingSystem() {
        String yaml = REGIONS + """
                sip: { listen: 127.0.0.1:0 }
                media: { address: 127.0.0.1, ports: 0-0 }
                admin: { listen: 127.0.0.1:0 }
                """;
        HoldfastConfig config = parse(yaml, base);

        assertThat(config.media().ports().isEphemeral()).isTrue();
        assertThat(config.summary()).contains("ports 0-0 (chosen by the OS)");
    }

    @Test
    void shouldRejectWhenRegionNamesOrPrioritiesRepeat() {
        String yaml = """
                regions:
                  - { name: east, uri: "sip:agent@127.0.0.1:5080", priority: 1 }
                  - { name: west, uri: "sip:agent@127.0.0.1:5090", priority: 1 }
                  - { name: east, uri: "sip:agent@127.0.0.1:5070", priority: 3 }
                """;
        assertThat(problemsOf(yaml, base)).containsExactly(
                "regions[1].priority: 1 is also the priority of regions[0] (east); give each region its own priority",
                "regions[2].name: \"east\" is also the name of regions[0]; give each region its own name");
    }

    @Test
    void shouldRejectWhenThereAreNoRegions() {
        String fix = "add at least one, like - { name: east, uri: \"sip:agent@127.0.0.1:5080\", priority: 1 }";
        assertThat(problemsOf("sip: { listen: 127.0.0.1:5060 }", base))
                .containsExactly("regions: no regions are configured; " + fix);
        assertThat(problemsOf("regions: []", base)).containsExactly("regions: no regions are configured; " + fix);
        assertThat(problemsOf("regions: east", base)).containsExactly("regions: \"east\" is not a list; write it like"
                + " - { name: east, uri: \"sip:agent@127.0.0.1:5080\", priority: 1 }");
        assertThat(problemsOf("regions: [east]", base)).containsExactly("regions[0]: \"east\" is not a mapping of keys;"
                + " write it like - { name: east, uri: \"sip:agent@127.0.0.1:5080\", priority: 1 }");
    }

    @Test
    void shouldRejectWhenWarmModeHasOneRegion() {
        String yaml = """
                regions:
                  - { name: east, uri: "sip:agent@127.0.0.1:5080", priority: 1 }
                failover: { mode: warm }
                """;
        assertThat(problemsOf(yaml, base)).containsExactly(
                "failover.mode: warm needs at least 2 regions (the standby leg goes to the second); add a region or write cold");
    }

    @Test
    void shouldCountABrokenRegionWhenWarmModeNeedsTwo() {
        String yaml = """
                regions:
                  - { name: east, uri: "sip:agent@127.0.0.1:5080", priority: 1 }
                  - { name: west, uri: "sip:agent@", priority: 2 }
                failover: { mode: warm }
                """;
        assertThat(problemsOf(yaml, base))
                .containsExactly("regions[1].uri: \"sip:agent@\" has no host; write it like sip:agent@127.0.0.1:5080");
    }

    @Test
    void shouldRejectWhenARegionOrEscalationPointsAtHoldfastItself() {
        String yaml = """
                sip: { listen: 0.0.0.0:5060 }
                regions:
                  - { name: east, uri: "sip:agent@127.0.0.1", priority: 1 }
                  - { name: west, uri: "sip:agent@127.0.0.1:5090", priority: 2 }
                escalation: { uri: "sip:queue@127.0.0.1:5060" }
                """;
        assertThat(problemsOf(yaml, base)).containsExactly(
                "regions[0].uri: \"sip:agent@127.0.0.1\" is holdfast's own sip.listen; point it at the region's agent",
                "escalation.uri: \"sip:queue@127.0.0.1:5060\" is holdfast's own sip.listen; point it at the human agents'"
                        + " queue");
    }

    @Test
    void shouldAcceptWhenARegionSharesTheAddressOnAnotherPort() {
        String yaml = """
                sip: { listen: 127.0.0.1:5060 }
                regions:
                  - { name: east, uri: "sips:agent@127.0.0.1", priority: 1 }
                """;
        assertThat(parse(yaml, base).regions().get(0).uri().port()).isEqualTo(-1);
    }

    @Test
    void shouldCollectEveryProblemWhenManyKeysAreBad() {
        String yaml = """
                sip: { listen: 127.0.0.1:30010, t1: fast }
                media: { ports: 30000-30999, latch: sometimes }
                regions:
                  - { name: east, uri: "sip:agent@127.0.0.1:5080", priority: 1 }
                  - { name: east, uri: "http://x", priority: 1 }
                failover: { mode: warm, media-timeout: abc, max-attempts: 0, bugdet: 8s }
                escalation: { uri: "sip:queue@127.0.0.1:5100" }
                admin: { listen: 127.0.0.1:5060 }
                events: { file: events.jsonl }
                drain-timeout: soon
                extra: 1
                """;
        assertThat(problemsOf(yaml, base)).containsExactly(
                "sip.t1: \"fast\" is not a duration; write it like 60ms or 2s",
                "media.latch: \"sometimes\" is not a latch policy; write signalled or first-packet",
                "regions[1].uri: \"http://x\" is not a SIP URI (it must start with sip: or sips:);"
                        + " write it like sip:agent@127.0.0.1:5080",
                "regions[1].name: \"east\" is also the name of regions[0]; give each region its own name",
                "regions[1].priority: 1 is also the priority of regions[0] (east); give each region its own priority",
                "failover.media-timeout: \"abc\" is not a duration; write it like 60ms or 2s",
                "failover.max-attempts: 0 is out of range; write a whole number from 1 to 10",
                "failover.bugdet: unknown key; did you mean budget?",
                "drain-timeout: \"soon\" is not a duration; write it like 60ms or 2s",
                "extra: unknown key; the keys here are sip, media, regions, failover, escalation, admin, events,"
                        + " drain-timeout",
                "sip.listen: port 30010 lies in media.ports 30000-30999; move one of them");
    }
}
