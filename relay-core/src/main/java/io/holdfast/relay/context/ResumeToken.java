package io.holdfast.relay.context;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The opaque token a call carries to every destination it moves to ({@code X-Holdfast-Resume-Token}): 128
 * random bits from {@link SecureRandom}, base64url without padding (22 characters). It is drawn, never
 * derived from the caller, the Call-ID or the context, so it tells nothing about them; it lets a region
 * that receives a call tie the handoffs of one conversation together. One per call, kept by the call for
 * its life. Immutable; safe on any thread.
 */
public record ResumeToken(String value) {
    /** Random bytes in a token. */
    public static final int TOKEN_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{22}");

    /** @throws IllegalArgumentException when {@code value} is not 22 base64url characters */
    public ResumeToken {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a resume token is 22 base64url characters");
        }
    }

    /** A new random token. */
    public static ResumeToken random() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return new ResumeToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
