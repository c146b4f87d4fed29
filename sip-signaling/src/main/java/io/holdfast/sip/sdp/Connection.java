package io.holdfast.sip.sdp;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Connection data (RFC 8866 §5.7): a {@code c=} line, or the address part of {@code a=rtcp:}
 * (RFC 3605). Network type is always {@code IN}. {@code address} is an IP literal or, as the
 * grammar allows, a host name; {@code ttl} ({@link #NO_TTL} when absent) and {@code addressCount}
 * (1 when absent) only appear on multicast addresses.
 */
public record Connection(AddressType addressType, String address, int ttl, int addressCount) {
    /** {@link #ttl()} when the address carries none. */
    public static final int NO_TTL = -1;

    public Connection {
        Objects.requireNonNull(addressType, "addressType");
        if (!SdpSyntax.isNonWhitespaceString(address) || address.indexOf('/') >= 0) {
            throw new IllegalArgumentException("bad connection address: " + address);
        }
        if (ttl < NO_TTL || ttl > 255) {
            throw new IllegalArgumentException("TTL out of range: " + ttl);
        }
        if (addressCount < 1) {
            throw new IllegalArgumentException("address count must be positive: " + addressCount);
        }
    }

    /** A unicast connection to an IP address. */
    public static Connection of(InetAddress address) {
        return new Connection(AddressType.of(address), IpLiteral.format(address), NO_TTL, 1);
    }

    /** True when {@link #address()} is a host name rather than an IP literal. */
    public boolean isHostName() {
        return literalBytes() == null;
    }

    /**
     * The IP address, built from the literal without any name lookup; {@code null} when
     * {@link #address()} is a host name.
     */
    public InetAddress inetAddress() {
        byte[] bytes = literalBytes();
        return bytes == null ? null : IpLiteral.toInetAddress(bytes);
    }

    /**
     * True for {@code 0.0.0.0} or {@code ::}: the pre-RFC 3264 way of putting a stream on hold,
     * and what ICE and WebRTC write when no address is known yet.
     */
    public boolean isUnspecified() {
        InetAddress a = inetAddress();
        return a != null && a.isAnyLocalAddress();
    }

    private byte[] literalBytes() {
        return addressType == AddressType.IP4 ? IpLiteral.parseIp4(address) : IpLiteral.parseIp6(address);
    }

    /** The value of the {@code c=} line, without {@code c=}. */
    public String toSdpValue() {
        StringBuilder out = new StringBuilder("IN ").append(addressType).append(' ').append(address);
        if (ttl != NO_TTL) {
            out.append('/').append(ttl);
        }
        if (addressCount > 1) {
            out.append('/').append(addressCount);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return toSdpValue();
    }
}
