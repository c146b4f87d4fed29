package io.holdfast.relay.context;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The minimum a region reports so that the next region or a human can resume a call without asking the
 * caller again (DESIGN.md, "Resume context"). Every field may be absent ({@code null}; {@code labels} is
 * then empty); at least one is present. The values follow {@link ContextSchema}, checked when built.
 *
 * <p>Zero retention: {@link #toString()} names the fields that are present and never prints a value, so a
 * context that reaches a log line by mistake leaks nothing. The values themselves are handed only to
 * {@link ContextJson} (for the next destination) and to code that reads the accessors on purpose.
 * Immutable; safe on any thread.
 *
 * @param customerRef  an opaque reference to the customer in the region's CRM, never raw PII
 * @param lastIntent   the last intent the agent recognised, e.g. {@code book_appointment}
 * @param crmResultRef a reference to the CRM lookup the agent already made, so the next one re-queries by it
 * @param summary      a short text summary of the conversation so far (line breaks allowed)
 * @param language     the conversation's language as a BCP 47 tag, e.g. {@code de-CH}
 * @param labels       free string labels, in the order reported
 */
public record ResumeContext(String customerRef, String lastIntent, String crmResultRef, String summary,
                            String language, Map<String, String> labels) {
    /**
     * @throws IllegalArgumentException when a value breaks {@link ContextSchema} (the message names the field
     *                                  and the rule, not the value) or no field is present
     */
    public ResumeContext {
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        String problem = firstProblem(customerRef, lastIntent, crmResultRef, summary, language, labels);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (customerRef == null && lastIntent == null && crmResultRef == null && summary == null && language == null
                && labels.isEmpty()) {
            throw new IllegalArgumentException("a resume context needs at least one field");
        }
    }

    /** The first schema problem of these values, or {@code null}. */
    static String firstProblem(String customerRef, String lastIntent, String crmResultRef, String summary,
                               String language, Map<String, String> labels) {
        String problem = ContextSchema.checkRef(ContextSchema.CUSTOMER_REF, customerRef);
        if (problem == null) {
            problem = ContextSchema.checkRef(ContextSchema.LAST_INTENT, lastIntent);
        }
        if (problem == null) {
            problem = ContextSchema.checkRef(ContextSchema.CRM_RESULT_REF, crmResultRef);
        }
        if (problem == null) {
            problem = ContextSchema.checkSummary(summary);
        }
        if (problem == null) {
            problem = ContextSchema.checkLanguage(language);
        }
        if (problem == null) {
            problem = ContextSchema.checkLabels(labels);
        }
        return problem;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Names the fields present, never their values: {@code ResumeContext[customerRef=<redacted>, labels=<2 redacted>]}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("ResumeContext[");
        redacted(out, ContextSchema.CUSTOMER_REF, customerRef);
        redacted(out, ContextSchema.LAST_INTENT, lastIntent);
        redacted(out, ContextSchema.CRM_RESULT_REF, crmResultRef);
        redacted(out, ContextSchema.SUMMARY, summary);
        redacted(out, ContextSchema.LANGUAGE, language);
        if (!labels.isEmpty()) {
            separator(out).append(ContextSchema.LABELS).append("=<").append(labels.size()).append(" redacted>");
        }
        return out.append(']').toString();
    }

    private static void redacted(StringBuilder out, String field, String value) {
        if (value != null) {
            separator(out).append(field).append("=<redacted>");
        }
    }

    private static StringBuilder separator(StringBuilder out) {
        if (out.charAt(out.length() - 1) != '[') {
            out.append(", ");
        }
        return out;
    }

    /** Builds a context field by field; single use, not thread-safe. */
    public static final class Builder {
        private String customerRef;
        private String lastIntent;
        private String crmResultRef;
        private String summary;
        private String language;
        private final Map<String, String> labels = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder customerRef(String value) {
            customerRef = value;
            return this;
        }

        public Builder lastIntent(String value) {
            lastIntent = value;
            return this;
        }

        public Builder crmResultRef(String value) {
            crmResultRef = value;
            return this;
        }

        public Builder summary(String value) {
            summary = value;
            return this;
        }

        public Builder language(String value) {
            language = value;
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        /** @throws IllegalArgumentException as the record's constructor does */
        public ResumeContext build() {
            return new ResumeContext(customerRef, lastIntent, crmResultRef, summary, language, labels);
        }
    }
}
