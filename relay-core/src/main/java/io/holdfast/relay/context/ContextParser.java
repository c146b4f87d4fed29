package io.holdfast.relay.context;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.holdfast.sip.message.MediaType;
import io.holdfast.sip.message.SipMessage;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Checks a context body a region sends (in-dialog INFO, or the admin API) and reads it into a
 * {@link ContextReport}. In this order: the Content-Type must be {@link ContextSchema#MEDIA_TYPE} (415
 * otherwise, charset UTF-8 if given), the body at most {@link ContextSchema#MAX_BODY_BYTES} bytes, valid
 * JSON (no duplicate field, nothing after the object), one object with only the known fields of
 * {@link ContextSchema}, each of its type and within its limits (400 otherwise, with the first problem in
 * document order). JSON {@code null} counts as an absent field.
 *
 * <p>Zero retention: no refusal quotes the body. A malformed body is refused with its line and column only
 * (not Jackson's message, which may quote the text), and an unknown field is named only when its name is a
 * plain identifier. Nothing read is kept once {@link #parse} returns. Stateless; safe on any thread.
 */
public final class ContextParser {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern PRINTABLE_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final String TYPE = "application";
    private static final String SUBTYPE = "vnd.holdfast.context+json";

    private ContextParser() {
    }

    /** Reads the body of a received message (an INFO). Borrows the message. */
    public static ContextParseResult parse(SipMessage message) {
        return parse(message.contentType(), message.body());
    }

    /**
     * Reads a context body.
     *
     * @param contentType the body's Content-Type as received, or {@code null} when there was none
     * @param body        the body bytes; not kept
     */
    public static ContextParseResult parse(String contentType, byte[] body) {
        String unsupported = checkContentType(contentType);
        if (unsupported != null) {
            return new ContextParseResult.UnsupportedMediaType(unsupported);
        }
        if (body.length == 0) {
            return new ContextParseResult.BadRequest("context body is empty");
        }
        if (body.length > ContextSchema.MAX_BODY_BYTES) {
            return new ContextParseResult.BadRequest("context body is " + body.length + " bytes, over the limit of "
                    + ContextSchema.MAX_BODY_BYTES);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException e) {
            return new ContextParseResult.BadRequest(malformed(e));
        } catch (IOException e) {
            return new ContextParseResult.BadRequest("context body is not valid UTF-8 JSON");
        }
        if (root == null || !root.isObject()) {
            return new ContextParseResult.BadRequest("context body must be a JSON object");
        }
        return new BodyReader().read(root);
    }

    /** True when {@code contentType} names a context body (any parameters). */
    public static boolean isContextType(String contentType) {
        MediaType mediaType = contentType == null ? null : MediaType.parse(contentType);
        return mediaType != null && mediaType.is(TYPE, SUBTYPE);
    }

    private static String checkContentType(String contentType) {
        if (contentType == null) {
            return "body without Content-Type where " + ContextSchema.MEDIA_TYPE + " is expected";
        }
        MediaType mediaType = MediaType.parse(contentType);
        if (mediaType == null) {
            return "malformed Content-Type where " + ContextSchema.MEDIA_TYPE + " is expected";
        }
        if (!mediaType.is(TYPE, SUBTYPE)) {
            return "body of type " + mediaType.type() + '/' + mediaType.subtype() + " where "
                    + ContextSchema.MEDIA_TYPE + " is expected";
        }
        String charset = mediaType.parameter("charset");
        if (charset != null && !charset.toLowerCase(Locale.ROOT).equals("utf-8")) {
            return "context body must be UTF-8";
        }
        return null;
    }

    private static String malformed(JacksonException e) {
        JsonLocation location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Duplicate field")) {
            return "duplicate field" + where;
        }
        return "malformed JSON" + where;
    }

    static String unknownField(String prefix, String name) {
        return PRINTABLE_NAME.matcher(name).matches()
                ? "unknown field \"" + prefix + name + '"'
                : "unknown field (its name is not 1 to 64 letters, digits, '_', '.', ':' or '-')";
    }

    /** Reads one body's fields; collects the values, stops at the first problem. Single use. */
    private static final class BodyReader {
        private String customerRef;
        private String lastIntent;
        private String crmResultRef;
        private String summary;
        private String language;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private boolean escalate;
        private String reason;
        private IntentReport intent;
        private String problem;

        ContextParseResult read(JsonNode root) {
            Iterator<Map.Entry<String, JsonNode>> fields = root.properties().iterator();
            while (problem == null && fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isNull()) {
                    readField(field.getKey(), field.getValue());
                }
            }
            if (problem == null) {
                problem = crossCheck();
            }
            if (problem != null) {
                return new ContextParseResult.BadRequest(problem);
            }
            Optional<ResumeContext> context = Optional.empty();
            if (customerRef != null || lastIntent != null || crmResultRef != null || summary != null || language != null
                    || !labels.isEmpty()) {
                context = Optional.of(new ResumeContext(customerRef, lastIntent, crmResultRef, summary, language, labels));
            }
            Optional<EscalationRequest> escalation = escalate ? Optional.of(new EscalationRequest(reason)) : Optional.empty();
            if (context.isEmpty() && intent == null && escalation.isEmpty()) {
                return new ContextParseResult.BadRequest("context body carries no context, intent or escalation");
            }
            return new ContextParseResult.Accepted(new ContextReport(context, Optional.ofNullable(intent), escalation));
        }

        private void readField(String name, JsonNode value) {
            switch (name) {
                case ContextSchema.CUSTOMER_REF -> customerRef = refText(name, value);
                case ContextSchema.LAST_INTENT -> lastIntent = refText(name, value);
                case ContextSchema.CRM_RESULT_REF -> crmResultRef = refText(name, value);
                case ContextSchema.SUMMARY -> {
                    summary = text(name, value);
                    check(ContextSchema.checkSummary(summary));
                }
                case ContextSchema.LANGUAGE -> {
                    language = text(name, value);
                    check(ContextSchema.checkLanguage(language));
                }
                case ContextSchema.LABELS -> readLabels(value);
                case ContextSchema.ESCALATE -> {
                    if (value.isBoolean()) {
                        escalate = value.booleanValue();
                    } else {
                        problem = ContextSchema.ESCALATE + " must be true or false";
                    }
                }
                case ContextSchema.REASON -> {
                    reason = text(name, value);
                    check(ContextSchema.checkReason(reason));
                }
                case ContextSchema.INTENT -> readIntent(value);
                default -> problem = unknownField("", name);
            }
        }

        private String refText(String name, JsonNode value) {
            String text = text(name, value);
            check(ContextSchema.checkRef(name, text));
            return text;
        }

        private String text(String name, JsonNode value) {
            if (!value.isTextual()) {
                problem = name + " must be a string";
                return null;
            }
            return value.textValue();
        }

        private void check(String found) {
            if (problem == null) {
                problem = found;
            }
        }

        private void readLabels(JsonNode value) {
            if (!value.isObject()) {
                problem = ContextSchema.LABELS + " must be an object of strings";
                return;
            }
            if (value.size() > ContextSchema.MAX_LABELS) {
                problem = ContextSchema.LABELS + " must have at most " + ContextSchema.MAX_LABELS + " entries, was "
                        + value.size();
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> entries = value.properties().iterator();
            while (problem == null && entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String key = entry.getKey();
                problem = ContextSchema.checkLabelKey(key);
                if (problem == null) {
                    JsonNode labelValue = entry.getValue();
                    problem = ContextSchema.checkLabelValue(key, labelValue.isTextual() ? labelValue.textValue() : null);
                    labels.put(key, labelValue.textValue());
                }
            }
        }

        private void readIntent(JsonNode value) {
            if (!value.isObject()) {
                problem = ContextSchema.INTENT + " must be an object";
                return;
            }
            String status = null;
            OptionalDouble confidence = OptionalDouble.empty();
            Iterator<Map.Entry<String, JsonNode>> entries = value.properties().iterator();
            while (problem == null && entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                JsonNode field = entry.getValue();
                if (field.isNull()) {
                    continue;
                }
                switch (entry.getKey()) {
                    case ContextSchema.INTENT_STATUS -> status = text(ContextSchema.INTENT + '.' + ContextSchema.INTENT_STATUS,
                            field);
                    case ContextSchema.INTENT_CONFIDENCE -> {
                        if (field.isNumber()) {
                            confidence = OptionalDouble.of(field.doubleValue());
                            problem = ContextSchema.checkConfidence(field.doubleValue());
                        } else {
                            problem = ContextSchema.checkConfidence(Double.NaN);
                        }
                    }
                    default -> problem = unknownField(ContextSchema.INTENT + '.', entry.getKey());
                }
            }
            if (problem == null) {
                problem = ContextSchema.checkIntentStatus(status);
            }
            if (problem == null) {
                intent = IntentReport.of(status, confidence);
            }
        }

        private String crossCheck() {
            if (reason != null && !escalate) {
                return ContextSchema.REASON + " is only allowed with \"" + ContextSchema.ESCALATE + "\": true";
            }
            if (escalate && reason == null) {
                return "\"" + ContextSchema.ESCALATE + "\": true needs a " + ContextSchema.REASON;
            }
            return null;
        }
    }
}
