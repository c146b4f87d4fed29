package io.holdfast.sip.message;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Header names holdfast types (RFC 3261 §20), with their compact forms (§7.3.3) and whether one
 * message may hold only one value. Any other header is kept as a raw {@link SipHeader}.
 */
public enum SipHeaderName {
    VIA("Via", 'v', false),
    FROM("From", 'f', true),
    TO("To", 't', true),
    CALL_ID("Call-ID", 'i', true),
    CSEQ("CSeq", '\0', true),
    MAX_FORWARDS("Max-Forwards", '\0', true),
    CONTACT("Contact", 'm', false),
    ROUTE("Route", '\0', false),
    RECORD_ROUTE("Record-Route", '\0', false),
    CONTENT_TYPE("Content-Type", 'c', true),
    CONTENT_LENGTH("Content-Length", 'l', true),
    REASON("Reason", '\0', false),
    ALLOW("Allow", '\0', false),
    SUPPORTED("Supported", 'k', false),
    REQUIRE("Require", '\0', false),
    SESSION_EXPIRES("Session-Expires", 'x', true),
    MIN_SE("Min-SE", '\0', true);

    private static final Map<String, SipHeaderName> BY_LOWER_NAME = new HashMap<>();

    static {
        for (SipHeaderName h : values()) {
            BY_LOWER_NAME.put(h.canonicalName.toLowerCase(Locale.ROOT), h);
            if (h.compactForm != '\0') {
                BY_LOWER_NAME.put(String.valueOf(h.compactForm), h);
            }
        }
    }

    private final String canonicalName;
    private final char compactForm;
    private final boolean singleValued;

    SipHeaderName(String canonicalName, char compactForm, boolean singleValued) {
        this.canonicalName = canonicalName;
        this.compactForm = compactForm;
        this.singleValued = singleValued;
    }

    /** The name as holdfast writes it, e.g. {@code Call-ID}. */
    public String canonicalName() {
        return canonicalName;
    }

    /** The compact form (RFC 3261 §7.3.3), or {@code '\0'} when there is none. */
    public char compactForm() {
        return compactForm;
    }

    /** True when a message may carry this header once only (a second value is a conflict). */
    public boolean singleValued() {
        return singleValued;
    }

    /** The typed header for a name in any case or compact form; {@code null} for other headers. */
    public static SipHeaderName lookup(String name) {
        return BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT));
    }
}
