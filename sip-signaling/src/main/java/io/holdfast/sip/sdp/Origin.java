package io.holdfast.sip.sdp;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The {@code o=} line (RFC 8866 §5.2): {@code <username> <sess-id> <sess-version> IN <addrtype>
 * <unicast-address>}. The session id and version are kept as the decimal digits received (they may
 * exceed 64 bits); {@link #withVersionIncremented()} adds one in decimal, as RFC 3264 §8 asks of
 * every new offer or answer in a session. A B2BUA keeps one origin per leg.
 */
public record Origin(String username, String sessionId, String sessionVersion, AddressType addressType,
                     String address) {
    public Origin {
        Objects.requireNonNull(addressType, "addressType");
        if (!SdpSyntax.isNonWhitespaceString(username)) {
            throw new IllegalArgumentException("bad o= username: " + username);
        }
        if (!SdpSyntax.isDigits(sessionId)) {
            throw new IllegalArgumentException("bad o= session id: " + sessionId);
        }
        if (!SdpSyntax.isDigits(sessionVersion)) {
            throw new IllegalArgumentException("bad o= session version: " + sessionVersion);
        }
        if (!SdpSyntax.isNonWhitespaceString(address)) {
            throw new IllegalArgumentException("bad o= address: " + address);
        }
    }

    /** An origin for a description holdfast writes itself. */
    public static Origin of(String username, long sessionId, long sessionVersion, InetAddress address) {
        if (sessionId < 0 || sessionVersion < 0) {
            throw new IllegalArgumentException("negative o= session id or version");
        }
        return new Origin(username, Long.toString(sessionId), Long.toString(sessionVersion),
                AddressType.of(address), IpLiteral.format(address));
    }

    /** The same origin with the session version plus one (decimal, no overflow). */
    public Origin withVersionIncremented() {
        char[] digits = sessionVersion.toCharArray();
        int i = digits.length - 1;
        while (i >= 0 && digits[i] == '9') {
            digits[i--] = '0';
        }
        String incremented;
        if (i < 0) {
            incremented = "1" + new String(digits);
        } else {
            digits[i]++;
            incremented = new String(digits);
        }
        return new Origin(username, sessionId, incremented, addressType, address);
    }

    /** The same origin with another unicast address. */
    public Origin withAddress(InetAddress newAddress) {
        return new Origin(username, sessionId, sessionVersion, AddressType.of(newAddress),
                IpLiteral.format(newAddress));
    }

    /** The value of the {@code o=} line, without {@code o=}. */
    public String toSdpValue() {
        return username + ' ' + sessionId + ' ' + sessionVersion + " IN " + addressType + ' ' + address;
    }

    @Override
    public String toString() {
        return toSdpValue();
    }
}
