package io.holdfast.sip.message;

import java.util.Objects;

/**
 * One Via value (RFC 3261 §20.42, §18.2.1; {@code rport} from RFC 3581): transport, sent-by and
 * parameters such as {@code branch}, {@code received} and {@code rport}.
 */
public record Via(String transport, String host, int port, SipParameters parameters) {
    /** The branch magic cookie of RFC 3261 §8.1.1.7. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    public Via {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(parameters, "parameters");
    }

    public String branch() {
        return parameters.get("branch");
    }

    /** True when the branch starts with the RFC 3261 magic cookie (else RFC 2543 matching applies). */
    public boolean hasMagicCookie() {
        String branch = branch();
        return branch != null && branch.startsWith(MAGIC_COOKIE);
    }

    public String received() {
        return parameters.get("received");
    }

    /** True when {@code rport} is present, with or without a value (RFC 3581 §3). */
    public boolean hasRport() {
        return parameters.has("rport");
    }

    /** The {@code rport} value, or {@link SipUri#NO_PORT} when absent or empty. */
    public int rport() {
        String value = parameters.get("rport");
        return value == null ? SipUri.NO_PORT : Integer.parseInt(value);
    }

    public Via withReceived(String address) {
        return new Via(transport, host, port, parameters.with("received", address));
    }

    public Via withRport(int sourcePort) {
        return new Via(transport, host, port, parameters.with("rport", Integer.toString(sourcePort)));
    }

    /** The sent-by port, or the default for the transport (5060, 5061 for TLS) when absent. */
    public int portOrDefault() {
        if (port != SipUri.NO_PORT) {
            return port;
        }
        return "TLS".equalsIgnoreCase(transport) ? 5061 : 5060;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(96);
        out.append("SIP/2.0/").append(transport).append(' ').append(host);
        if (port != SipUri.NO_PORT) {
            out.append(':').append(port);
        }
        parameters.appendTo(out);
        return out.toString();
    }
}
