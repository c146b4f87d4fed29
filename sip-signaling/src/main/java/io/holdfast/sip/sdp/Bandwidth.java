package io.holdfast.sip.sdp;

import java.util.Objects;

/**
 * A {@code b=<bwtype>:<bandwidth>} line (RFC 8866 §5.8): {@code AS} and {@code CT} in kilobits per
 * second, {@code TIAS} (RFC 3890) in bits per second, {@code RS}/{@code RR} (RFC 3556) in bits per
 * second.
 */
public record Bandwidth(String type, long value) {
    public Bandwidth {
        Objects.requireNonNull(type, "type");
        if (!SdpSyntax.isToken(type) || value < 0) {
            throw new IllegalArgumentException("bad bandwidth: " + type + ':' + value);
        }
    }
}
