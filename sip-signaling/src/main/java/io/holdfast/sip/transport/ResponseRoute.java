package io.holdfast.sip.transport;

import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.message.Via;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * Server transport response routing: the {@code received}/{@code rport} stamp on the top Via of a received
 * request (RFC 3261 §18.2.1, RFC 3581 §4) and where its responses go (RFC 3261 §18.2.2, RFC 3581 §4). Never
 * resolves a name: a sent-by host name always differs from the source address, so it always gets a
 * {@code received}. Stateless.
 */
final class ResponseRoute {
    private ResponseRoute() {
    }

    /**
     * The top Via of a request received from {@code source}: {@code received} added when the sent-by host is
     * not the source address, or when {@code rport} is present (RFC 3581 requires it then); an empty
     * {@code rport} filled with the source port.
     */
    static Via stamp(Via top, InetSocketAddress source) {
        Via stamped = top;
        boolean rport = top.hasRport();
        if (rport || !isAddress(top.host(), source.getAddress())) {
            stamped = stamped.withReceived(NetUtil.toAddressString(source.getAddress()));
        }
        if (rport && top.parameters().get("rport") == null) {
            stamped = stamped.withRport(source.getPort());
        }
        return stamped;
    }

    /**
     * Where responses to a request go over an unreliable transport, from its stamped top Via: {@code maddr}
     * with the sent-by port; else the {@code received} address with the {@code rport} port, or the sent-by
     * port; else the sent-by address. Falls back to {@code source} for anything that is not an IP literal.
     */
    static InetSocketAddress unreliableTarget(Via top, InetSocketAddress source) {
        String maddr = top.parameters().get("maddr");
        InetAddress maddrAddress = maddr == null ? null : literal(maddr);
        if (maddrAddress != null) {
            return new InetSocketAddress(maddrAddress, top.portOrDefault());
        }
        InetAddress host = top.received() != null ? literal(top.received()) : literal(top.host());
        if (host == null) {
            host = source.getAddress();
        }
        int rport = rportValue(top);
        return new InetSocketAddress(host, rport != SipUri.NO_PORT ? rport : top.portOrDefault());
    }

    /**
     * Where responses go over a reliable transport once the request's connection has closed (§18.2.2): the
     * {@code received} address (or the source address) and the sent-by port.
     */
    static InetSocketAddress reliableFallbackTarget(Via top, InetSocketAddress source) {
        InetAddress host = top.received() == null ? null : literal(top.received());
        return new InetSocketAddress(host == null ? source.getAddress() : host, top.portOrDefault());
    }

    private static int rportValue(Via top) {
        String value = top.parameters().get("rport");
        if (value == null || value.isEmpty() || value.length() > 5) {
            return SipUri.NO_PORT;
        }
        int port = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return SipUri.NO_PORT;
            }
            port = port * 10 + (c - '0');
        }
        return port > 0 && port <= 65535 ? port : SipUri.NO_PORT;
    }

    private static boolean isAddress(String host, InetAddress address) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(unbracketed(host));
        return bytes != null && Arrays.equals(bytes, address.getAddress());
    }

    /** The address of an IP literal (IPv6 with or without brackets), or {@code null} for a host name. */
    private static InetAddress literal(String host) {
        return NetUtil.createInetAddressFromIpAddressString(unbracketed(host));
    }

    private static String unbracketed(String host) {
        return host.length() > 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']'
                ? host.substring(1, host.length() - 1)
                : host;
    }
}
