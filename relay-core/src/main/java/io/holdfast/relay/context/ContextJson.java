package io.holdfast.relay.context;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes context bodies ({@link ContextSchema#MEDIA_TYPE}): the fields present, in the schema's order,
 * absent ones left out, UTF-8, no white space. What holdfast hands to the next region is the stored
 * {@link ResumeContext} written again, not the bytes a region sent, so only known, checked fields travel.
 * {@link ContextParser} reads back exactly what this writes. Stateless; safe on any thread.
 *
 * <pre>{@code
 * {"customerRef":"c-7f3a","lastIntent":"book_appointment","crmResultRef":"crm-q-991",
 *  "summary":"Wants to move Tuesday's appointment to Friday.","language":"de-CH","labels":{"tier":"gold"}}
 * }</pre>
 */
public final class ContextJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ContextJson() {
    }

    /** The context as a body for an INVITE part or an INFO. */
    public static byte[] toBytes(ResumeContext context) {
        return toBytes(ContextReport.of(context));
    }

    /** A whole report (context fields, {@code escalate} and {@code reason}, {@code intent}) as one body. */
    public static byte[] toBytes(ContextReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            if (report.context().isPresent()) {
                writeContextFields(report.context().get(), json);
            }
            if (report.escalation().isPresent()) {
                json.writeBooleanField(ContextSchema.ESCALATE, true);
                json.writeStringField(ContextSchema.REASON, report.escalation().get().reason());
            }
            if (report.intent().isPresent()) {
                IntentReport intent = report.intent().get();
                json.writeObjectFieldStart(ContextSchema.INTENT);
                json.writeStringField(ContextSchema.INTENT_STATUS, intent.status());
                if (intent.confidence().isPresent()) {
                    json.writeNumberField(ContextSchema.INTENT_CONFIDENCE, intent.confidence().getAsDouble());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void writeContextFields(ResumeContext context, JsonGenerator json) throws IOException {
        writeIfPresent(json, ContextSchema.CUSTOMER_REF, context.customerRef());
        writeIfPresent(json, ContextSchema.LAST_INTENT, context.lastIntent());
        writeIfPresent(json, ContextSchema.CRM_RESULT_REF, context.crmResultRef());
        writeIfPresent(json, ContextSchema.SUMMARY, context.summary());
        writeIfPresent(json, ContextSchema.LANGUAGE, context.language());
        if (!context.labels().isEmpty()) {
            json.writeObjectFieldStart(ContextSchema.LABELS);
            for (Map.Entry<String, String> label : context.labels().entrySet()) {
                json.writeStringField(label.getKey(), label.getValue());
            }
            json.writeEndObject();
        }
    }

    private static void writeIfPresent(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }
}
