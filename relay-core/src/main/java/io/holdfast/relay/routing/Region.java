package io.holdfast.relay.routing;

import io.holdfast.relay.config.RegionConfig;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transport.Transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A configured region with its SIP next hop resolved once at start-up (no name lookup ever happens on
 * an event loop): where INVITEs go and over which transport. Immutable; any thread.
 *
 * @param config the region as configured
 * @param tag the region's index in priority order, the tag media samples carry for it
 * @param destination the address of the region's URI host and port (5060, 5061 for sips, when absent)
 * @param transport the URI's {@code transport} parameter, UDP when absent
 */
public record Region(RegionConfig config, int tag, InetSocketAddress destination, Transport transport) {
    public Region {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(transport, "transport");
        if (destination.isUnresolved()) {
            throw new IllegalArgumentException("region " + config.name() + ": unresolved destination " + destination);
        }
    }

    /**
     * Resolves a region's URI host (a name is looked up here, at start-up, once).
     *
     * @throws UnknownHostException when the host name does not resolve
     * @throws IllegalArgumentException when the URI names a transport holdfast does not speak
     */
    public static Region resolve(RegionConfig config, int tag) throws UnknownHostException {
        SipUri uri = config.uri();
        Transport transport = transportOf(uri);
        String host = uri.host().startsWith("[") ? uri.host().substring(1, uri.host().length() - 1) : uri.host();
        int port = uri.port() != SipUri.NO_PORT ? uri.port() : transport.defaultPort();
        return new Region(config, tag, new InetSocketAddress(InetAddress.getByName(host), port), transport);
    }

    private static Transport transportOf(SipUri uri) {
        String parameter = uri.transport();
        if (parameter == null) {
            return uri.scheme() == SipUri.Scheme.SIPS ? Transport.TLS : Transport.UDP;
        }
        Transport transport = Transport.ofViaToken(parameter);
        if (transport == null) {
            throw new IllegalArgumentException("region uri " + uri + ": transport " + parameter
                    + " is not one holdfast speaks; use udp or tcp");
        }
        return transport;
    }

    public String name() {
        return config.name();
    }

    public SipUri uri() {
        return config.uri();
    }

    @Override
    public String toString() {
        return config.name();
    }
}
