package io.holdfast.sip.sdp;

/**
 * {@code a=rtcp:<port> [IN <addrtype> <address>]} (RFC 3605 §2.1): where the RTCP of a stream goes
 * when it is not the RTP port plus one. {@code connection} is {@code null} when the line names a
 * port only (the address is then the stream's connection address).
 */
public record RtcpAttribute(int port, Connection connection) {
    public RtcpAttribute {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("RTCP port out of range: " + port);
        }
    }

    /** The value of the {@code a=rtcp:} line, without {@code a=rtcp:}. */
    public String toSdpValue() {
        return connection == null ? Integer.toString(port) : port + " " + connection.toSdpValue();
    }
}
