package io.holdfast.relay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.relay.time.ManualNanoClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteChangeEventJsonTest {
    private static final String HASH = TestEvents.HASHER.hash("call-1").hex();

    @Test
    void shouldWriteOneObjectWithEveryPartWhenAFailoverIsWritten() {
        ManualNanoClock clock = new ManualNanoClock();
        RouteChangeEvent event = TestEvents.mediaTimeoutFailover(clock, "call-1");

        assertThat(RouteChangeEventJson.toJson(event)).isEqualTo("{\"time\":\"2026-01-01T00:00:00.245Z\",\"callId\":\""
                + HASH + "\",\"fromRegion\":\"east\",\"toRegion\":\"west\",\"cause\":\"MEDIA_TIMEOUT\",\"category\":\"infra\","
                + "\"detectionMs\":61.0,\"promptStartMs\":4.0,\"reanchorMs\":184.0,\"callerHeardGapMs\":65.0,\"attempt\":1,"
                + "\"outcome\":\"reanchored\"}");
    }

    @Test
    void shouldLeaveAbsentPartsOutWhenACallEndIsWritten() {
        RouteChangeEvent event = TestEvents.callEnd(new ManualNanoClock(), "call-1", "west");

        assertThat(RouteChangeEventJson.toJson(event)).isEqualTo("{\"time\":\"2026-01-01T00:00:00.000Z\",\"callId\":\""
                + HASH + "\",\"fromRegion\":\"west\",\"cause\":\"CALLER_HANGUP\",\"category\":\"normal\",\"outcome\":\"ended\"}");
    }

    @Test
    void shouldReadBackTheSameEventWhenRoundTripped() throws MalformedEventException {
        ManualNanoClock clock = new ManualNanoClock();
        RouteChangeEvent failover = TestEvents.mediaTimeoutFailover(clock, "call-1");
        RouteChangeEvent escalation = RouteChangeEvent.builder(clock.epochMillis(), TestEvents.HASHER.hash("call-2"),
                        CauseTag.SIP_5XX, RouteOutcome.ESCALATED)
                .from("west").detectionNs(1_235_000).promptStartNs(0).attempt(2)
                .escalationReason("attempts exhausted: \"west\" answered 503\n").build();
        RouteChangeEvent end = TestEvents.callEnd(clock, "call-3", "east");

        for (RouteChangeEvent event : new RouteChangeEvent[] {failover, escalation, end}) {
            String json = RouteChangeEventJson.toJson(event);
            assertThat(json).doesNotContain("\n");
            assertThat(RouteChangeEventJson.fromJson(json)).isEqualTo(event);
        }
    }

    @Test
    void shouldKeepMicrosecondsWhenDurationsAreWritten() throws MalformedEventException {
        RouteChangeEvent event = RouteChangeEvent.builder(0, TestEvents.HASHER.hash("c"), CauseTag.MEDIA_TIMEOUT,
                RouteOutcome.REANCHORED).reanchorNs(3_412_499).build();

        String json = RouteChangeEventJson.toJson(event);

        assertThat(json).contains("\"reanchorMs\":3.412");
        assertThat(RouteChangeEventJson.fromJson(json).reanchor()).isEqualTo(Duration.ofNanos(3_412_000));
    }

    @Test
    void shouldIgnoreFieldsItDoesNotKnowWhenReading() throws MalformedEventException {
        String line = "{\"time\":\"2026-01-01T00:00:00Z\",\"callId\":\"" + HASH + "\",\"cause\":\"CALLER_HANGUP\","
                + "\"outcome\":\"ended\",\"futureField\":{\"x\":1}}";

        assertThat(RouteChangeEventJson.fromJson(line).cause()).isEqualTo(CauseTag.CALLER_HANGUP);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json|not JSON (Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))",
        "[1,2]|not a JSON object",
        "{\"callId\":\"HASH\",\"cause\":\"CALLER_HANGUP\",\"outcome\":\"ended\"}|time is missing",
        "{\"time\":\"yesterday\",\"callId\":\"HASH\",\"cause\":\"CALLER_HANGUP\",\"outcome\":\"ended\"}|time \"yesterday\" is not an ISO-8601 UTC time like 2026-01-01T00:00:00.000Z",
        "{\"time\":\"2026-01-01T00:00:00Z\",\"callId\":\"sip-call-id@host\",\"cause\":\"CALLER_HANGUP\",\"outcome\":\"ended\"}|callId is not a hashed call id",
        "{\"time\":\"2026-01-01T00:00:00Z\",\"callId\":\"HASH\",\"cause\":\"GREMLINS\",\"outcome\":\"ended\"}|cause \"GREMLINS\" is not a known cause tag",
        "{\"time\":\"2026-01-01T00:00:00Z\",\"callId\":\"HASH\",\"cause\":\"MEDIA_TIMEOUT\",\"category\":\"intent\",\"outcome\":\"reanchored\"}|category \"intent\" does not match cause MEDIA_TIMEOUT (infra)",
        "{\"time\":\"2026-01-01T00:00:00Z\",\"callId\":\"HASH\",\"cause\":\"MEDIA_TIMEOUT\",\"outcome\":\"teleported\"}|outcome \"teleported\" is not a known outcome",
        "{\"time\":\"2026-01-01T00:00:00Z\",\"callId\":\"HASH\",\"cause\":\"MEDIA_TIMEOUT\",\"outcome\":\"reanchored\",\"detectionMs\":-1}|detectionMs is not a number of milliseconds from 0 to 86400000",
        "{\"time\":\"2026-01-01T00:00:00Z\",\"callId\":\"HASH\",\"cause\":\"MEDIA_TIMEOUT\",\"outcome\":\"reanchored\",\"reanchorMs\":\"5\"}|reanchorMs is not a number of milliseconds from 0 to 86400000",
        "{\"time\":\"2026-01-01T00:00:00Z\",\"callId\":\"HASH\",\"cause\":\"MEDIA_TIMEOUT\",\"outcome\":\"reanchored\",\"attempt\":1.5}|attempt is not a whole number",
        "{\"time\":\"2026-01-01T00:00:00Z\",\"callId\":\"HASH\",\"cause\":\"MEDIA_TIMEOUT\",\"outcome\":\"reanchored\",\"toRegion\":7}|toRegion is not a string",
        "{\"time\":\"2026-01-01T00:00:00Z\",\"callId\":\"HASH\",\"cause\":\"INTENT_OTHER\",\"outcome\":\"reanchored\"}|an intent failure never moves a call to a region: INTENT_OTHER REANCHORED",
        "{\"time\":\"2026-01-01T00:00:00Z\",\"callId\":\"HASH\",\"cause\":\"CALLER_HANGUP\",\"outcome\":\"ended\"} {}|not JSON (Trailing token (of type START_OBJECT) found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`)",
    })
    void shouldSayWhatIsWrongWhenALineIsNotAnEvent(String line, String reason) {
        assertThatThrownBy(() -> RouteChangeEventJson.fromJson(line.replace("HASH", HASH)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage(reason);
    }
}
