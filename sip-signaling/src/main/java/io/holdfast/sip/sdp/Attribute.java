package io.holdfast.sip.sdp;

import java.util.Objects;

/**
 * One {@code a=} line (RFC 8866 §5.13): a property attribute ({@code a=rtcp-mux}, {@code value}
 * is {@code null}) or a value attribute ({@code a=ptime:20}). The value is kept as received.
 */
public record Attribute(String name, String value) {
    public Attribute {
        Objects.requireNonNull(name, "name");
        if (!SdpSyntax.isToken(name)) {
            throw new IllegalArgumentException("bad attribute name: " + name);
        }
    }

    /** True for a property attribute, which has no value. */
    public boolean isFlag() {
        return value == null;
    }

    /** The value of the {@code a=} line, without {@code a=}. */
    public String toSdpValue() {
        return value == null ? name : name + ':' + value;
    }

    @Override
    public String toString() {
        return toSdpValue();
    }
}
