package io.holdfast.relay.call;

import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transport.Transport;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where a request of one leg goes: the next hop's address and transport. Never resolved by name on an
 * event loop: a target whose host is not an IP literal falls back to the leg's known address. Immutable.
 *
 * @param address the next hop
 * @param transport UDP or TCP
 */
record Hop(InetSocketAddress address, Transport transport) {
    Hop {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transport, "transport");
    }

    /**
     * The next hop of an in-dialog request (RFC 3261 §12.2.1.1): the first route of the route set, else the
     * remote target; its transport parameter, else {@code fallback}'s. When that URI's host is a name (no
     * lookup on the loop) or there is no target, {@code fallback}.
     */
    static Hop inDialog(Dialog dialog, Hop fallback) {
        SipUri next = dialog.routeSet().isEmpty() ? dialog.remoteTarget() : dialog.routeSet().get(0).uri();
        if (next == null || next.host() == null) {
            return fallback;
        }
        InetAddress address = literal(next.host());
        if (address == null) {
            return fallback;
        }
        Transport transport = next.transport() == null ? fallback.transport() : Transport.ofViaToken(next.transport());
        if (transport == null || transport == Transport.TLS) {
            return fallback;
        }
        int port = next.port() != SipUri.NO_PORT ? next.port() : transport.defaultPort();
        return new Hop(new InetSocketAddress(address, port), transport);
    }

    /** The address of an IP literal (IPv6 with or without brackets), or {@code null} for a host name. */
    private static InetAddress literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(bare);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes is always valid", e);
        }
    }
}
