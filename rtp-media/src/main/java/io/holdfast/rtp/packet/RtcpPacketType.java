package io.holdfast.rtp.packet;

/**
 * RTCP packet types (RFC 3550 §12.1, RFC 4585 §6.1, RFC 3611 §2), by the value of the PT octet. Immutable.
 */
public enum RtcpPacketType {
    /** Sender report, RFC 3550 §6.4.1. */
    SR(200),
    /** Receiver report, RFC 3550 §6.4.2. */
    RR(201),
    /** Source description, RFC 3550 §6.5. */
    SDES(202),
    /** Goodbye, RFC 3550 §6.6. */
    BYE(203),
    /** Application-defined, RFC 3550 §6.7. */
    APP(204),
    /** Transport-layer feedback, RFC 4585. Passed through unparsed. */
    RTPFB(205),
    /** Payload-specific feedback, RFC 4585. Passed through unparsed. */
    PSFB(206),
    /** Extended report, RFC 3611. Passed through unparsed. */
    XR(207),
    /** Any other value. */
    UNKNOWN(-1);

    private final int value;

    RtcpPacketType(int value) {
        this.value = value;
    }

    /** Returns the PT octet's value, or -1 for {@link #UNKNOWN}. */
    public int value() {
        return value;
    }

    /** Returns the type for a PT octet value; never allocates. */
    public static RtcpPacketType of(int packetType) {
        switch (packetType) {
            case 200:
                return SR;
            case 201:
                return RR;
            case 202:
                return SDES;
            case 203:
                return BYE;
            case 204:
                return APP;
            case 205:
                return RTPFB;
            case 206:
                return PSFB;
            case 207:
                return XR;
            default:
                return UNKNOWN;
        }
    }
}
