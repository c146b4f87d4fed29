package io.holdfast.sip.message;

import java.util.Objects;

/**
 * A SIP, SIPS (RFC 3261 §19.1) or tel (RFC 3966) URI. {@code user} and {@code password} are
 * held unescaped (escapes decoded exactly once); {@code host} is a name, an IPv4 address or an
 * IPv6 reference with its brackets. For tel URIs {@code user} holds the number and host is null.
 * URI headers ({@code ?h=v}) are kept as received.
 */
public record SipUri(Scheme scheme, String user, String password, String host, int port,
                     SipParameters parameters, String headers) {
    /** URI schemes holdfast accepts. */
    public enum Scheme {
        SIP("sip"), SIPS("sips"), TEL("tel");

        private final String token;

        Scheme(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    /** Port value meaning "not given". */
    public static final int NO_PORT = -1;

    public SipUri {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(parameters, "parameters");
        if (scheme != Scheme.TEL) {
            Objects.requireNonNull(host, "host");
        }
        if (port != NO_PORT && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** {@code sip:user@host:port} with no parameters. */
    public static SipUri sip(String user, String host, int port) {
        return new SipUri(Scheme.SIP, user, null, host, port, SipParameters.EMPTY, null);
    }

    public SipUri withHost(String newHost, int newPort) {
        return new SipUri(scheme, user, password, newHost, newPort, parameters, headers);
    }

    public SipUri withUser(String newUser) {
        return new SipUri(scheme, newUser, password, host, port, parameters, headers);
    }

    public SipUri withParameters(SipParameters newParameters) {
        return new SipUri(scheme, user, password, host, port, newParameters, headers);
    }

    /** The {@code transport} parameter, or {@code null}. */
    public String transport() {
        return parameters.get("transport");
    }

    /** True when the URI carries {@code ;lr} (loose routing, RFC 3261 §16.12). */
    public boolean looseRouting() {
        return parameters.has("lr");
    }

    @Override
    public String toString() {
        return SipUriWriter.write(this);
    }
}
