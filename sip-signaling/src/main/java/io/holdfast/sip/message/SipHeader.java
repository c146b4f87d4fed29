package io.holdfast.sip.message;

import java.util.Objects;

/**
 * A header holdfast does not type: its name as received and its value with folding removed.
 * Passed through unchanged.
 */
public record SipHeader(String name, String value) {
    /**
     * Compact forms (RFC 3261 §7.3.3 and the extensions that define one) of headers holdfast keeps
     * untyped, indexed by letter; the typed ones are in {@link SipHeaderName}.
     */
    private static final String[] COMPACT = new String[26];

    static {
        COMPACT['a' - 'a'] = "Accept-Contact";
        COMPACT['b' - 'a'] = "Referred-By";
        COMPACT['d' - 'a'] = "Request-Disposition";
        COMPACT['e' - 'a'] = "Content-Encoding";
        COMPACT['j' - 'a'] = "Reject-Contact";
        COMPACT['n' - 'a'] = "Identity-Info";
        COMPACT['o' - 'a'] = "Event";
        COMPACT['r' - 'a'] = "Refer-To";
        COMPACT['s' - 'a'] = "Subject";
        COMPACT['u' - 'a'] = "Allow-Events";
        COMPACT['y' - 'a'] = "Identity";
    }

    public SipHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Header names compare case-insensitively (RFC 3261 §7.3.1), and a compact form equals its long
     * form (§7.3.3): {@code s} has the name {@code Subject}.
     */
    public boolean hasName(String other) {
        return longForm(name).equalsIgnoreCase(longForm(other));
    }

    private static String longForm(String name) {
        if (name.length() == 1) {
            int letter = (name.charAt(0) | 0x20) - 'a';
            if (letter >= 0 && letter < COMPACT.length && COMPACT[letter] != null) {
                return COMPACT[letter];
            }
        }
        return name;
    }
}
