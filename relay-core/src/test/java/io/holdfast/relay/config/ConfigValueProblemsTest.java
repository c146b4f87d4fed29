package io.holdfast.relay.config;

import static io.holdfast.relay.config.ConfigFixtures.REGIONS;
import static io.holdfast.relay.config.ConfigFixtures.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One problem per kind of bad key or value, with its exact message. */
class ConfigValueProblemsTest {
    @TempDir
    Path base;

    private String problem(String yaml) {
        List<String> problems = problemsOf(REGIONS + yaml, base);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void shouldSuggestTheClosestKeyWhenAKeyIsUnknown() {
        assertThat(problem("failover: { media-timout: 60ms }"))
                .isEqualTo("failover.media-timout: unknown key; did you mean media-timeout?");
        assertThat(problem("failover: { mediaTimeout: 60ms }"))
                .isEqualTo("failover.mediaTimeout: unknown key; did you mean media-timeout?");
        assertThat(problem("sipp: { listen: 127.0.0.1:5060 }")).isEqualTo("sipp: unknown key; did you mean sip?");
    }

    @Test
    void shouldListTheKeysWhenNoKnownKeyIsClose() {
        assertThat(problem("failover: { colour: red }")).isEqualTo("failover.colour: unknown key; the keys here are"
                + " mode, media-timeout, max-attempts, budget, prompt, escalation-prompt, warm-flip");
        assertThat(problem("health: {}")).isEqualTo("health: unknown key; the keys here are"
                + " sip, media, regions, failover, escalation, admin, events, drain-timeout");
    }

    @Test
    void shouldNameTheRegionWhenARegionKeyIsUnknown() {
        String yaml = """
                regions:
                  - { name: east, uri: "sip:agent@127.0.0.1:5080", priorty: 1 }
                """;
        assertThat(problemsOf(yaml, base)).containsExactly(
                "regions[0].priority: missing; write a whole number; priority 1 is tried first",
                "regions[0].priorty: unknown key; did you mean priority?");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc|failover.media-timeout: \"abc\" is not a duration; write it like 60ms or 2s",
        "60|failover.media-timeout: 60 has no unit; write it like 60ms or 60s",
        "60sec|failover.media-timeout: \"60sec\" has an unknown unit \"sec\"; use ms, s, m or h, like 60ms or 2s",
        "-60ms|failover.media-timeout: \"-60ms\" is negative; write a positive duration like 60ms or 2s",
        "0.5s|failover.media-timeout: \"0.5s\" is not a whole number; write it in a smaller unit, like 1500ms for 1.5s",
        "5ms|failover.media-timeout: \"5ms\" is too short; write at least 20ms",
        "0ms|failover.media-timeout: \"0ms\" is too short; write at least 20ms",
        "1m|failover.media-timeout: \"1m\" is too long; write at most 10s",
        "[60ms]|failover.media-timeout: a list is not a duration; write it like 60ms or 2s",
    })
    void shouldExplainWhenADurationIsBad(String value, String expected) {
        assertThat(problem("failover: { media-timeout: " + value + " }")).isEqualTo(expected);
    }

    @Test
    void shouldRejectZeroWhenADurationMustBePositiveAndAcceptItWhenMeaningful() {
        assertThat(problem("failover: { budget: 0s }")).isEqualTo("failover.budget: \"0s\" is too short; write at least 100ms");
        assertThat(ConfigFixtures.parse(REGIONS + "drain-timeout: 0s", base).drainTimeout()).isZero();
        assertThat(problem("drain-timeout: 2h")).isEqualTo("drain-timeout: \"2h\" is too long; write at most 1h");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|failover.max-attempts: 0 is out of range; write a whole number from 1 to 10",
        "11|failover.max-attempts: 11 is out of range; write a whole number from 1 to 10",
        "-1|failover.max-attempts: -1 is out of range; write a whole number from 1 to 10",
        "99999999999999999999|failover.max-attempts: 99999999999999999999 is out of range; write a whole number from 1 to 10",
        "two|failover.max-attempts: \"two\" is not a whole number; write a whole number from 1 to 10",
        "1.5|failover.max-attempts: 1.5 is not a whole number; write a whole number from 1 to 10",
    })
    void shouldExplainWhenANumberIsBad(String value, String expected) {
        assertThat(problem("failover: { max-attempts: " + value + " }")).isEqualTo(expected);
    }

    @Test
    void shouldAcceptAQuotedNumberWhenItIsWhole() {
        assertThat(ConfigFixtures.parse(REGIONS + "failover: { max-attempts: \"3\" }", base).failover().maxAttempts())
                .isEqualTo(3);
    }

    @Test
    void shouldListTheChoicesWhenAChoiceIsBad() {
        assertThat(problem("failover: { mode: hot }")).isEqualTo("failover.mode: \"hot\" is not a failover mode; write cold or warm");
        assertThat(problem("media: { latch: always }"))
                .isEqualTo("media.latch: \"always\" is not a latch policy; write signalled or first-packet");
    }

    @Test
    void shouldExplainWhenASectionIsNotAMapping() {
        assertThat(problem("sip: 5060")).isEqualTo("sip: 5060 is not a mapping of keys; write it like sip: { listen: 127.0.0.1:5060 }");
        assertThat(problem("events: events.jsonl"))
                .isEqualTo("events: \"events.jsonl\" is not a mapping of keys; write it like events: { file: events.jsonl }");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1|sip.listen: \"127.0.0.1\" has no port; write it like 127.0.0.1:5060 or [::1]:5060",
        "localhost:5060|sip.listen: \"localhost:5060\" is not an IP address and port; write it like 127.0.0.1:5060 or [::1]:5060",
        "127.0.0.1:70000|sip.listen: \"127.0.0.1:70000\" has a port out of range; write a port from 0 to 65535, like 127.0.0.1:5060",
        "\"::1:5060\"|sip.listen: \"::1:5060\" is not an IP address and port; write an IPv6 address in brackets, like [::1]:5060",
        "{ host: x }|sip.listen: a mapping is not an address and port; write it like 127.0.0.1:5060; quote an IPv6 address: \"[::1]:5060\"",
    })
    void shouldExplainWhenAListenAddressIsBad(String value, String expected) {
        assertThat(problem("sip: { listen: " + value + " }")).isEqualTo(expected);
    }

    @Test
    void shouldNameTheAdminExampleWhenTheAdminAddressIsBad() {
        assertThat(problem("admin: { listen: 127.0.0.1 }"))
                .isEqualTo("admin.listen: \"127.0.0.1\" has no port; write it like 127.0.0.1:8080 or [::1]:8080");
    }

    @Test
    void shouldPointAtTheQuotesWhenAnIpv6AddressIsUnquoted() {
        assertThat(problemsOf(REGIONS + "sip:\n  listen: [::1]:5060\n", base)).containsExactly(
                "line 5, column 12: malformed YAML: expected the node content, but found ':'; check the indentation,"
                        + " and quote values that hold ': ', '[', '{' or '#'");
    }

    @Test
    void shouldExplainWhenTheMediaAddressOrPortsAreBad() {
        assertThat(problem("media: { address: media.example.com }"))
                .isEqualTo("media.address: \"media.example.com\" is not an IP address; write it like 127.0.0.1 or ::1");
        assertThat(problem("media: { ports: 30001-30999 }")).isEqualTo("media.ports: \"30001-30999\" starts on an odd port;"
                + " start on an even port (RTP even, RTCP odd), like 30000-30999");
        assertThat(problem("media: { ports: 30000 }"))
                .isEqualTo("media.ports: \"30000\" is not a port range; write it like 30000-30999");
        assertThat(problem("media: { ports: 80-1000 }"))
                .isEqualTo("media.ports: \"80-1000\" is outside 1024-65535; write a range like 30000-30999");
        assertThat(problem("media: { ports: 30000-30002 }"))
                .isEqualTo("media.ports: \"30000-30002\" holds 3 ports; write a range of at least 4 ports, like 30000-30999");
        assertThat(problem("media: { ports: 31000-30000 }"))
                .isEqualTo("media.ports: \"31000-30000\" ends before it starts; write it like 30000-30999");
        assertThat(problem("media: { learning-window: 10ms }"))
                .isEqualTo("media.learning-window: \"10ms\" is too short; write at least 20ms");
    }

    @Test
    void shouldExplainWhenSipTimersContradictEachOther() {
        assertThat(problem("sip: { t1: 500ms, t2: 100ms }"))
                .isEqualTo("sip.t2: 100ms is shorter than sip.t1 (500ms); write at least 500ms");
        assertThat(problem("sip: { t1: 500ms, invite-timeout: 40s }"))
                .isEqualTo("sip.invite-timeout: 40s is longer than Timer B (64 × sip.t1 = 32s); write at most 32s");
        assertThat(problem("sip: { t1: 10ms }")).isEqualTo("sip.t1: \"10ms\" is too short; write at least 50ms");
        assertThat(problem("sip: { max-message-bytes: 1300 }"))
                .isEqualTo("sip.max-message-bytes: 1300 is out of range; write a whole number from 4096 to 1048576");
    }

    @Test
    void shouldExplainWhenAPassedHeaderIsBad() {
        assertThat(problem("sip: { passed-headers: [P-Asserted-Identity, \"Bad Header\"] }"))
                .isEqualTo("sip.passed-headers[1]: \"Bad Header\" is not a header name; write it like P-Asserted-Identity");
        assertThat(problem("sip: { passed-headers: [Diversion, Call-ID] }"))
                .isEqualTo("sip.passed-headers[1]: \"Call-ID\" is set by holdfast on each leg and cannot be passed; remove it");
        assertThat(problem("sip: { passed-headers: [X-Holdfast-Attempt] }")).isEqualTo(
                "sip.passed-headers[0]: \"X-Holdfast-Attempt\" is set by holdfast on each leg and cannot be passed; remove it");
        assertThat(problem("sip: { passed-headers: [Diversion, diversion] }"))
                .isEqualTo("sip.passed-headers[1]: \"diversion\" is listed twice (also sip.passed-headers[0]); remove one");
        assertThat(problem("sip: { passed-headers: Diversion }"))
                .isEqualTo("sip.passed-headers: \"Diversion\" is not a list; write it like [P-Asserted-Identity, Diversion]");
        assertThat(problem("sip: { passed-headers: [[Diversion]] }"))
                .isEqualTo("sip.passed-headers[0]: a list is not a single value; write it like [P-Asserted-Identity, Diversion]");
    }

    @Test
    void shouldExplainWhenARegionIsIncomplete() {
        String yaml = """
                regions:
                  - { priority: 1 }
                  - { name: west, priority: 2, uri: [x] }
                """;
        assertThat(problemsOf(yaml, base)).containsExactly(
                "regions[0].name: missing; write a short name like east",
                "regions[0].uri: missing; write a SIP URI like sip:agent@127.0.0.1:5080",
                "regions[1].uri: a list is not a SIP URI; write it like sip:agent@127.0.0.1:5080");
    }

    @Test
    void shouldExplainWhenARegionValueIsBad() {
        String yaml = """
                regions:
                  - name: East Coast
                    uri: "http://127.0.0.1:5080"
                    priority: 0
                    health-url: "ftp://127.0.0.1/health"
                    options-interval: 10ms
                  - { name: west, uri: "sip:agent@127.0.0.1:5090", priority: 2, health-url: "http://127.0.0.1:8081/x y" }
                """;
        assertThat(problemsOf(yaml, base)).containsExactly(
                "regions[0].name: \"East Coast\" is not a region name; write 1 to 32 lower-case letters, digits and '-',"
                        + " like east-1",
                "regions[0].uri: \"http://127.0.0.1:5080\" is not a SIP URI (it must start with sip: or sips:);"
                        + " write it like sip:agent@127.0.0.1:5080",
                "regions[0].priority: 0 is out of range; write a whole number from 1 to 1000",
                "regions[0].health-url: \"ftp://127.0.0.1/health\" is not an http or https URL with a host;"
                        + " write it like http://127.0.0.1:8081/health",
                "regions[0].options-interval: \"10ms\" is too short; write at least 100ms",
                "regions[1].health-url: \"http://127.0.0.1:8081/x y\" is not a URL (Illegal character in path at index 23);"
                        + " write it like http://127.0.0.1:8081/health");
    }

    @Test
    void shouldExplainWhenEscalationIsBad() {
        assertThat(problem("escalation: {}"))
                .isEqualTo("escalation.uri: missing; write a SIP URI like sip:queue@127.0.0.1:5100");
        assertThat(problem("escalation: { uri: \"sip:queue@\" }"))
                .isEqualTo("escalation.uri: \"sip:queue@\" has no host; write it like sip:queue@127.0.0.1:5100");
        assertThat(problem("escalation: { uri: \"sip:queue@bad_host:5100\" }")).isEqualTo("escalation.uri:"
                + " \"sip:queue@bad_host:5100\" is not a valid SIP URI: unexpected character '_' in SIP URI;"
                + " write it like sip:queue@127.0.0.1:5100");
        assertThat(problem("escalation: sip:queue@127.0.0.1:5100")).isEqualTo("escalation: \"sip:queue@127.0.0.1:5100\""
                + " is not a mapping of keys; write it like escalation: { uri: \"sip:queue@127.0.0.1:5100\" }");
    }

    @Test
    void shouldExplainWhenEventsValuesAreBad() {
        assertThat(problem("events: { queue-capacity: 8 }"))
                .isEqualTo("events.queue-capacity: 8 is out of range; write a whole number from 16 to 1048576");
        assertThat(problem("events: { file: [a, b] }"))
                .isEqualTo("events.file: a list is not a file path; write it like events.jsonl");
    }
}
