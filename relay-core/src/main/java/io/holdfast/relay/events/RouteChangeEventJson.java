package io.holdfast.relay.events;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * The JSON form of a {@link RouteChangeEvent}, one object per line ({@code events.jsonl}):
 *
 * <pre>{@code
 * {"time":"2026-01-01T00:00:02.480Z","callId":"9f2c4e...","fromRegion":"east","toRegion":"west",
 *  "cause":"MEDIA_TIMEOUT","category":"infra","detectionMs":61.2,"promptStartMs":4.1,
 *  "reanchorMs":212.7,"callerHeardGapMs":65.3,"attempt":1,"outcome":"reanchored"}
 * }</pre>
 *
 * Absent parts are left out; durations are milliseconds with microsecond precision. Reading ignores
 * fields it does not know (a newer holdfast may add some) and refuses anything else that is wrong
 * with a {@link MalformedEventException}. Stateless and thread-safe.
 */
public final class RouteChangeEventJson {
    public static final String TIME = "time";
    public static final String CALL_ID = "callId";
    public static final String FROM_REGION = "fromRegion";
    public static final String TO_REGION = "toRegion";
    public static final String CAUSE = "cause";
    public static final String CATEGORY = "category";
    public static final String DETECTION_MS = "detectionMs";
    public static final String PROMPT_START_MS = "promptStartMs";
    public static final String REANCHOR_MS = "reanchorMs";
    public static final String CALLER_HEARD_GAP_MS = "callerHeardGapMs";
    public static final String ATTEMPT = "attempt";
    public static final String OUTCOME = "outcome";
    public static final String ESCALATION_REASON = "escalationReason";

    /** A day: no measurement in an event is longer, so anything over it is not one. */
    private static final double MAX_MS = Duration.ofDays(1).toMillis();
    private static final DateTimeFormatter TIME_FORMAT = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private RouteChangeEventJson() {
    }

    /** The event as one JSON object, without a line end. */
    public static String toJson(RouteChangeEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(event, generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    /** Writes the event as one JSON object and a {@code '\n'}; does not flush or close {@code out}. */
    static void writeLine(RouteChangeEvent event, OutputStream out) throws IOException {
        try (JsonGenerator generator = FACTORY.createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)) {
            write(event, generator);
        }
        out.write('\n');
    }

    /**
     * Reads one line.
     *
     * @throws MalformedEventException when the line is not JSON or not a valid event; the message
     *         says which field is wrong and how
     */
    public static RouteChangeEvent fromJson(String line) throws MalformedEventException {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JacksonException e) {
            throw new MalformedEventException("not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        long timeEpochMs = time(node);
        HashedCallId callId;
        try {
            callId = new HashedCallId(text(node, CALL_ID, true));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(CALL_ID + " is not a hashed call id");
        }
        String causeName = text(node, CAUSE, true);
        CauseTag cause = CauseTag.fromWireName(causeName);
        if (cause == null) {
            throw new MalformedEventException(CAUSE + " \"" + causeName + "\" is not a known cause tag");
        }
        String categoryName = text(node, CATEGORY, false);
        if (categoryName != null && CauseCategory.fromWireName(categoryName) != cause.category()) {
            throw new MalformedEventException(CATEGORY + " \"" + categoryName + "\" does not match cause " + cause
                    + " (" + cause.category().wireName() + ")");
        }
        String outcomeName = text(node, OUTCOME, true);
        RouteOutcome outcome = RouteOutcome.fromWireName(outcomeName);
        if (outcome == null) {
            throw new MalformedEventException(OUTCOME + " \"" + outcomeName + "\" is not a known outcome");
        }
        try {
            return new RouteChangeEvent(timeEpochMs, callId, text(node, FROM_REGION, false), text(node, TO_REGION, false),
                    cause, duration(node, DETECTION_MS), duration(node, PROMPT_START_MS), duration(node, REANCHOR_MS),
                    duration(node, CALLER_HEARD_GAP_MS), attempt(node), outcome, text(node, ESCALATION_REASON, false));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage());
        }
    }

    private static void write(RouteChangeEvent event, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField(TIME, TIME_FORMAT.format(event.time()));
        out.writeStringField(CALL_ID, event.callId().hex());
        if (event.fromRegion() != null) {
            out.writeStringField(FROM_REGION, event.fromRegion());
        }
        if (event.toRegion() != null) {
            out.writeStringField(TO_REGION, event.toRegion());
        }
        out.writeStringField(CAUSE, event.cause().name());
        out.writeStringField(CATEGORY, event.category().wireName());
        writeMs(out, DETECTION_MS, event.detection());
        writeMs(out, PROMPT_START_MS, event.promptStart());
        writeMs(out, REANCHOR_MS, event.reanchor());
        writeMs(out, CALLER_HEARD_GAP_MS, event.callerHeardGap());
        if (event.attempt() != 0) {
            out.writeNumberField(ATTEMPT, event.attempt());
        }
        out.writeStringField(OUTCOME, event.outcome().wireName());
        if (event.escalationReason() != null) {
            out.writeStringField(ESCALATION_REASON, event.escalationReason());
        }
        out.writeEndObject();
    }

    private static void writeMs(JsonGenerator out, String field, Duration duration) throws IOException {
        if (duration != null) {
            long micros = Math.round(duration.toNanos() / 1_000.0);
            out.writeNumberField(field, micros / 1_000.0);
        }
    }

    private static long time(JsonNode node) throws MalformedEventException {
        String text = text(node, TIME, true);
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new MalformedEventException(TIME + " \"" + text + "\" is not an ISO-8601 UTC time like 2026-01-01T00:00:00.000Z");
        }
    }

    private static String text(JsonNode node, String field, boolean required) throws MalformedEventException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new MalformedEventException(field + " is missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedEventException(field + " is not a string");
        }
        return value.textValue();
    }

    private static Duration duration(JsonNode node, String field) throws MalformedEventException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > MAX_MS || Double.isNaN(value.doubleValue())) {
            throw new MalformedEventException(field + " is not a number of milliseconds from 0 to " + (long) MAX_MS);
        }
        return Duration.ofNanos(Math.round(value.doubleValue() * 1_000_000.0));
    }

    private static int attempt(JsonNode node) throws MalformedEventException {
        JsonNode value = node.get(ATTEMPT);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new MalformedEventException(ATTEMPT + " is not a whole number");
        }
        return value.intValue();
    }
}
