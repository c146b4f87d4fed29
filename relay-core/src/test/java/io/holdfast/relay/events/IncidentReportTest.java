package io.holdfast.relay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.holdfast.relay.time.ManualNanoClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentReportTest {
    /**
     * Seven calls: two re-anchored, one failed attempt then escalation, an intent report, an intent
     * escalation, an initial-call failover, a release; and three malformed lines and a blank one.
     */
    static final String FIXTURE = "io/holdfast/relay/events/incident.jsonl";

    static IncidentReport fixtureReport() throws IOException {
        InputStream in = IncidentReportTest.class.getClassLoader().getResourceAsStream(FIXTURE);
        assertThat(in).as(FIXTURE).isNotNull();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return IncidentReport.read(reader, "incident.jsonl");
        }
    }

    @Test
    void shouldCountCallsAndEventsWhenReadingTheFixture() throws IOException {
        IncidentReport report = fixtureReport();

        assertThat(report.eventCount()).isEqualTo(13);
        assertThat(report.callCount()).isEqualTo(7);
        assertThat(report.callsFailedOver()).isEqualTo(2);
        assertThat(report.callsEscalated()).isEqualTo(2);
        assertThat(report.callsReleased()).isEqualTo(1);
        assertThat(report.first()).isEqualTo(Instant.parse("2026-03-04T10:00:00Z"));
        assertThat(report.last()).isEqualTo(Instant.parse("2026-03-04T10:01:20Z"));
    }

    @Test
    void shouldKeepCategoriesApartWhenCounting() throws IOException {
        IncidentReport report = fixtureReport();

        assertThat(report.byCategory()).containsExactly(
                new IncidentReport.CategoryCount(CauseCategory.INFRA, 5, 6),
                new IncidentReport.CategoryCount(CauseCategory.INTENT, 2, 2),
                new IncidentReport.CategoryCount(CauseCategory.NORMAL, 5, 5));
        assertThat(report.byCause()).extracting(IncidentReport.CauseCount::cause).containsExactly(
                CauseTag.MEDIA_TIMEOUT, CauseTag.SIP_TIMEOUT, CauseTag.SIP_5XX, CauseTag.SIP_REMOTE_FAILURE,
                CauseTag.REGION_DOWN, CauseTag.INTENT_NOT_UNDERSTOOD, CauseTag.INTENT_HUMAN_REQUESTED,
                CauseTag.NORMAL_CLEARING, CauseTag.CALLER_HANGUP);
        assertThat(report.byCause().get(0)).isEqualTo(new IncidentReport.CauseCount(CauseTag.MEDIA_TIMEOUT, 2, 2,
                Map.of(RouteOutcome.REANCHORED, 1L, RouteOutcome.ESCALATED, 1L)));
    }

    @Test
    void shouldChargeFailuresToTheRegionThatFailedWhenCountingPerRegion() throws IOException {
        assertThat(fixtureReport().byRegion()).containsExactly(
                new IncidentReport.RegionCount("east", 4, 0, 2, 1),
                new IncidentReport.RegionCount("west", 2, 3, 0, 3));
    }

    @Test
    void shouldGivePercentilesOverTheEventsThatMeasuredWhenSummarisingGaps() throws IOException {
        IncidentReport.GapStats gap = fixtureReport().gaps().get(IncidentReport.Measure.CALLER_HEARD_GAP.ordinal());

        assertThat(gap.count()).isEqualTo(4);
        assertThat(gap.p50().toNanos()).isCloseTo(Duration.ofMillis(65).toNanos(), withinPercentage(0.1));
        assertThat(gap.p90()).isEqualTo(Duration.ofMillis(1002));
        assertThat(gap.max()).isEqualTo(Duration.ofMillis(1002));
    }

    @Test
    void shouldListEscalationsWithReasonsAndMalformedLinesWithNumbers() throws IOException {
        IncidentReport report = fixtureReport();

        assertThat(report.escalations()).containsExactly(
                new IncidentReport.EscalationCount(RouteOutcome.ESCALATED, CauseTag.MEDIA_TIMEOUT, "attempts exhausted", 1),
                new IncidentReport.EscalationCount(RouteOutcome.ESCALATED, CauseTag.INTENT_HUMAN_REQUESTED,
                        "caller asked for a person", 1),
                new IncidentReport.EscalationCount(RouteOutcome.RELEASED, CauseTag.REGION_DOWN,
                        "no region and no human answered", 1));
        assertThat(report.malformedCount()).isEqualTo(3);
        assertThat(report.malformedLines()).extracting(IncidentReport.MalformedLine::lineNumber).containsExactly(5L, 16L, 17L);
    }

    @Test
    void shouldPrintTheSummaryAPersonReadsWhenRendered() throws IOException {
        assertThat(fixtureReport().render()).isEqualTo("""
                holdfast incident report: incident.jsonl
                  from 2026-03-04T10:00:00.000Z to 2026-03-04T10:01:20.000Z (1m 20s)
                  13 events, 7 calls, 3 malformed lines (not counted, listed at the end)
                  2 calls re-anchored on another region, 2 escalated to a human, 1 released with no one to take them

                By category (infrastructure failures move calls; intent failures never do; normal ends)
                  category  calls  events
                  infra         5       6
                  intent        2       2
                  normal        5       5

                By cause: infra
                  cause               calls  events  outcomes                   meaning
                  MEDIA_TIMEOUT           2       2  1 reanchored, 1 escalated  no RTP from the region while the caller still sent
                  SIP_TIMEOUT             1       1  1 routed                   the region did not answer the INVITE in time
                  SIP_5XX                 1       1  1 attempt-failed           the region refused the INVITE with 5xx or 6xx
                  SIP_REMOTE_FAILURE      1       1  1 reanchored               the region hung up with a failure Reason
                  REGION_DOWN             1       1  1 released                 OPTIONS probes marked the region down

                By cause: intent
                  cause                   calls  events  outcomes     meaning
                  INTENT_NOT_UNDERSTOOD       1       1  1 recorded   the agent did not understand the caller
                  INTENT_HUMAN_REQUESTED      1       1  1 escalated  a human was asked for

                By cause: normal
                  cause            calls  events  outcomes  meaning
                  NORMAL_CLEARING      2       2  2 ended   the region ended the call normally
                  CALLER_HANGUP        3       3  3 ended   the caller hung up

                By region (failed: infra failures charged to it; took over: calls it received from another)
                  region  failed  took over  intent reports  calls ended
                  east         4          0               2            1
                  west         2          3               0            3

                Times, milliseconds (over the route changes that measured them)
                  measure           count    p50     p90     p99     max
                  detection             5   61.0  2000.0  2000.0  2000.0
                  prompt start          4    3.5     5.0     5.0     5.0
                  re-anchor             3  184.1   900.0   900.0   900.0
                  caller-heard gap      4   65.0  1002.0  1002.0  1002.0

                Escalations and releases: 3
                  count  outcome    cause                   reason
                      1  escalated  MEDIA_TIMEOUT           attempts exhausted
                      1  escalated  INTENT_HUMAN_REQUESTED  caller asked for a person
                      1  released   REGION_DOWN             no region and no human answered

                Malformed lines: 3
                  line 5: not JSON (Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))
                  line 16: callId is not a hashed call id
                  line 17: cause "GREMLINS" is not a known cause tag
                """);
    }

    @Test
    void shouldSayThereAreNoEventsWhenTheLogIsEmpty() throws IOException {
        IncidentReport report = IncidentReport.read(new BufferedReader(new StringReader("\n\n")), "empty.jsonl");

        assertThat(report.render()).isEqualTo("""
                holdfast incident report: empty.jsonl
                  0 events, 0 calls

                No route-change events.
                """);
        assertThat(report.gaps()).allMatch(g -> g.count() == 0 && g.p99().isZero());
    }

    @Test
    void shouldCountLinesThatAreNotUtf8AsMalformedWhenReadingAFile(@TempDir Path dir) throws IOException {
        ManualNanoClock clock = new ManualNanoClock();
        String good = RouteChangeEventJson.toJson(TestEvents.callEnd(clock, "c1", "east"));
        byte[] bad = {'{', (byte) 0xC3, '}', '\n'};
        Path file = dir.resolve("events.jsonl");
        Files.write(file, (good + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(file, bad, StandardOpenOption.APPEND);

        IncidentReport report = IncidentReport.read(file);

        assertThat(report.eventCount()).isEqualTo(1);
        assertThat(report.malformedCount()).isEqualTo(1);
        assertThat(report.source()).isEqualTo(file.toString());
    }

    @Test
    void shouldListOnlyTheFirstMalformedLinesWhenThereAreMany() {
        IncidentReport.Builder builder = IncidentReport.builder("many.jsonl");
        for (int i = 1; i <= IncidentReport.MAX_LISTED_MALFORMED_LINES + 5; i++) {
            builder.addMalformed(i, "not JSON");
        }

        IncidentReport report = builder.build();

        assertThat(report.malformedCount()).isEqualTo(IncidentReport.MAX_LISTED_MALFORMED_LINES + 5);
        assertThat(report.malformedLines()).hasSize(IncidentReport.MAX_LISTED_MALFORMED_LINES);
        assertThat(report.render()).endsWith("  line 20: not JSON\n  and 5 more\n");
    }
}
