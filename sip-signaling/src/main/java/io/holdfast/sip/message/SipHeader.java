package io.holdfast.sip.message;

import java.util.Locale;
import java.util.Objects;

/**
 * A header holdfast does not type: its name as received and its value with folding removed.
 * Passed through unchanged.
 */
public record SipHeader(String name, String value) {
    public SipHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** Header names compare case-insensitively (RFC 3261 §7.3.1). */
    public boolean hasName(String other) {
        return name.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT));
    }
}
