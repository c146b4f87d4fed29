package io.holdfast.sip.transport;

import java.util.Locale;

/** SIP transport protocols (RFC 3261 §18) and what the stack needs to know about each. */
public enum Transport {
    UDP(false, 5060),
    TCP(true, 5060),
    /** The seam for TLS (RFC 3261 §26.2); not implemented yet. */
    TLS(true, 5061);

    private final boolean reliable;
    private final int defaultPort;

    Transport(boolean reliable, int defaultPort) {
        this.reliable = reliable;
        this.defaultPort = defaultPort;
    }

    /** True for connection-oriented transports: no retransmission timers (§17). */
    public boolean reliable() {
        return reliable;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The token in a Via ({@code SIP/2.0/UDP}). */
    public String viaToken() {
        return name();
    }

    /** The value of a URI's {@code transport} parameter ({@code udp}, {@code tcp}, {@code tls}). */
    public String uriParameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The transport named in a Via, any case; {@code null} for one holdfast does not speak (SCTP, WS). */
    public static Transport ofViaToken(String token) {
        for (Transport t : values()) {
            if (t.name().equalsIgnoreCase(token)) {
                return t;
            }
        }
        return null;
    }
}
