package io.holdfast.sip.sdp;

import java.net.Inet4Address;
import java.net.InetAddress;

/** The {@code <addrtype>} of {@code o=}, {@code c=} and {@code a=rtcp:} for network type {@code IN}. */
public enum AddressType {
    IP4,
    IP6;

    /** The address type of an IP address. */
    public static AddressType of(InetAddress address) {
        return address instanceof Inet4Address ? IP4 : IP6;
    }
}
