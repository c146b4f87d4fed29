package io.holdfast.rtp.packet;

import io.netty.buffer.ByteBuf;

/**
 * What a datagram on a media port carries, told apart without parsing it. RTP and RTCP share a port under
 * rtcp-mux and are distinguished by the second octet (RFC 5761 §4: 192..223, that is payload types 64..95 with
 * the marker bit, are RTCP); anything whose first octet is outside 128..191 is not RTP version 2 (RFC 7983:
 * STUN, DTLS, ZRTP, TURN channels). Stateless.
 */
public enum RtpPacketKind {
    /** An RTP packet. */
    RTP,
    /** An RTCP (compound) packet. */
    RTCP,
    /** Too short, or not RTP/RTCP at all. */
    NOT_RTP;

    private static final int FIRST_RTP_OCTET = 128;
    private static final int LAST_RTP_OCTET = 191;
    private static final int FIRST_RTCP_TYPE = 192;
    private static final int LAST_RTCP_TYPE = 223;
    private static final int MIN_LENGTH = 4;

    /**
     * Classifies a datagram. Borrows; does not retain.
     *
     * @param buffer the buffer holding the datagram
     * @param offset absolute index of its first byte
     * @param length its length
     */
    public static RtpPacketKind classify(ByteBuf buffer, int offset, int length) {
        if (length < MIN_LENGTH) {
            return NOT_RTP;
        }
        final int first = buffer.getUnsignedByte(offset);
        if (first < FIRST_RTP_OCTET || first > LAST_RTP_OCTET) {
            return NOT_RTP;
        }
        final int second = buffer.getUnsignedByte(offset + 1);
        return second >= FIRST_RTCP_TYPE && second <= LAST_RTCP_TYPE ? RTCP : RTP;
    }
}
