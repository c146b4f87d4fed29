package io.holdfast.relay.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A call id as events hold it: a keyed hash in lower-case hex, never the SIP Call-ID itself. Only
 * {@link CallIdHasher} makes one from a Call-ID; the constructor accepts any well-formed hash (to
 * read events back), so that no raw Call-ID can pass for one.
 *
 * @param hex 8 to 64 lower-case hex digits
 */
public record HashedCallId(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{8,64}");

    public HashedCallId {
        Objects.requireNonNull(hex, "hex");
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a hashed call id is 8 to 64 lower-case hex digits");
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
