package io.holdfast.relay.context;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The schema of a context body ({@code application/vnd.holdfast.context+json}): its field names, the
 * limits of each value and the rules a value must follow. Every rule names the field and the limit in its
 * message and never the value, so a refusal can be answered and logged without leaking what the region
 * sent. The same rules check a body ({@link ContextParser}) and a context built in code
 * ({@link ResumeContext}). Stateless; safe on any thread.
 */
public final class ContextSchema {
    /** The media type of a context body. */
    public static final String MEDIA_TYPE = "application/vnd.holdfast.context+json";
    /** Largest context body in bytes: 4 KiB. */
    public static final int MAX_BODY_BYTES = 4096;

    public static final String CUSTOMER_REF = "customerRef";
    public static final String LAST_INTENT = "lastIntent";
    public static final String CRM_RESULT_REF = "crmResultRef";
    public static final String SUMMARY = "summary";
    public static final String LANGUAGE = "language";
    public static final String LABELS = "labels";
    public static final String ESCALATE = "escalate";
    public static final String REASON = "reason";
    public static final String INTENT = "intent";
    public static final String INTENT_STATUS = "status";
    public static final String INTENT_CONFIDENCE = "confidence";

    /** Longest {@code customerRef}, {@code lastIntent} and {@code crmResultRef}, in characters. */
    public static final int MAX_REF_CHARS = 128;
    /** Longest {@code summary}, in characters. */
    public static final int MAX_SUMMARY_CHARS = 1000;
    /** Longest {@code language} tag, in characters (RFC 5646 §4.4.1 asks implementations for 35). */
    public static final int MAX_LANGUAGE_CHARS = 35;
    /** Most entries in {@code labels}. */
    public static final int MAX_LABELS = 16;
    /** Longest label key, in characters. */
    public static final int MAX_LABEL_KEY_CHARS = 64;
    /** Longest label value, in characters. */
    public static final int MAX_LABEL_VALUE_CHARS = 256;
    /** Longest escalation {@code reason}, in characters. */
    public static final int MAX_REASON_CHARS = 256;
    /** Longest {@code intent.status}, in characters. */
    public static final int MAX_INTENT_STATUS_CHARS = 64;
    /** What every {@code intent.status} starts with. */
    public static final String INTENT_PREFIX = "INTENT_";

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,6}");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1," + MAX_LABEL_KEY_CHARS + "}");
    private static final Pattern INTENT_STATUS_TOKEN = Pattern.compile("INTENT_[A-Z0-9_]{1,57}");

    private ContextSchema() {
    }

    /**
     * Checks an identifier-like text ({@code customerRef}, {@code lastIntent}, {@code crmResultRef}): at most
     * {@link #MAX_REF_CHARS} characters, no control characters.
     *
     * @return the problem, or {@code null} when the value is valid or absent ({@code null})
     */
    static String checkRef(String field, String value) {
        return checkText(field, value, MAX_REF_CHARS, false);
    }

    /** Checks {@code summary}: at most {@link #MAX_SUMMARY_CHARS}; line breaks and tabs allowed. */
    static String checkSummary(String value) {
        return checkText(SUMMARY, value, MAX_SUMMARY_CHARS, true);
    }

    /** Checks {@code language}: a BCP 47 tag such as {@code en} or {@code de-CH}. */
    static String checkLanguage(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_LANGUAGE_CHARS || !LANGUAGE_TAG.matcher(value).matches()) {
            return LANGUAGE + " must be a language tag (BCP 47) such as \"en\" or \"de-CH\", at most "
                    + MAX_LANGUAGE_CHARS + " characters";
        }
        return null;
    }

    /** Checks {@code labels}: at most {@link #MAX_LABELS} entries, keys and values within their limits. */
    static String checkLabels(Map<String, String> labels) {
        if (labels.size() > MAX_LABELS) {
            return LABELS + " must have at most " + MAX_LABELS + " entries, was " + labels.size();
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String problem = checkLabelKey(label.getKey());
            if (problem == null) {
                problem = checkLabelValue(label.getKey(), label.getValue());
            }
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** Checks a label key: 1 to 64 letters, digits, {@code _ . : -}. */
    static String checkLabelKey(String key) {
        if (key == null || !LABEL_KEY.matcher(key).matches()) {
            return LABELS + " keys must be 1 to " + MAX_LABEL_KEY_CHARS + " letters, digits, '_', '.', ':' or '-'";
        }
        return null;
    }

    /** Checks a label value; the key has passed {@link #checkLabelKey}, so it may be named. */
    static String checkLabelValue(String key, String value) {
        if (value == null) {
            return labelName(key) + " must be a string";
        }
        return checkText(labelName(key), value, MAX_LABEL_VALUE_CHARS, false);
    }

    /** Checks an escalation {@code reason}: at most {@link #MAX_REASON_CHARS}, no control characters. */
    static String checkReason(String value) {
        return checkText(REASON, value, MAX_REASON_CHARS, false);
    }

    /** Checks {@code intent.status}: {@code INTENT_} then upper-case letters, digits and '_'. */
    static String checkIntentStatus(String value) {
        if (value == null) {
            return INTENT + '.' + INTENT_STATUS + " is required";
        }
        if (!INTENT_STATUS_TOKEN.matcher(value).matches()) {
            return INTENT + '.' + INTENT_STATUS + " must be an INTENT_* tag of upper-case letters, digits and '_', at most "
                    + MAX_INTENT_STATUS_CHARS + " characters, such as \"INTENT_NOT_UNDERSTOOD\"";
        }
        return null;
    }

    /** Checks {@code intent.confidence}: a number from 0 to 1. */
    static String checkConfidence(double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            return INTENT + '.' + INTENT_CONFIDENCE + " must be a number from 0 to 1";
        }
        return null;
    }

    static String labelName(String key) {
        return LABELS + ".\"" + key + '"';
    }

    private static String checkText(String field, String value, int maxChars, boolean lineBreaks) {
        if (value == null) {
            return null;
        }
        int chars = value.codePointCount(0, value.length());
        if (chars > maxChars) {
            return field + " must be at most " + maxChars + " characters, was " + chars;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowedBreak = lineBreaks && (c == '\n' || c == '\r' || c == '\t');
            if (Character.isISOControl(c) && !allowedBreak) {
                return field + (lineBreaks
                        ? " must not contain control characters other than line breaks and tabs"
                        : " must not contain control characters");
            }
        }
        return null;
    }
}
