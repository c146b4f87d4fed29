package io.holdfast.rtp.packet;

/**
 * Header validity checks for RTP (RFC 3550 Appendix A.1) and compound RTCP (Appendix A.2). Outcomes are a
 * {@link Result}, never an exception: a packet that fails is counted and dropped by the caller. Stateless.
 */
public final class RtpValidation {

    /** The outcome of a validity check. */
    public enum Result {
        /** The packet passed every check. */
        VALID,
        /** Shorter than a fixed RTP header (12 octets) or an RTCP common header with SSRC (8 octets). */
        TOO_SHORT,
        /** The version field is not 2. */
        BAD_VERSION,
        /** RTP payload type 72..76, which collides with RTCP SR/RR/SDES/BYE/APP (A.1, RFC 3551 §6). */
        PAYLOAD_TYPE_RTCP_CONFLICT,
        /** The CSRC list runs past the end of the packet. */
        CSRC_OVERFLOW,
        /** The header extension runs past the end of the packet. */
        EXTENSION_OVERFLOW,
        /** The padding count is zero or larger than the packet less its header. */
        BAD_PADDING,
        /** The first packet of an RTCP compound is neither SR nor RR (A.2). */
        RTCP_FIRST_NOT_REPORT,
        /** The padding bit is set on an RTCP packet that is not the last of its compound (A.2). */
        RTCP_PADDING_NOT_LAST,
        /** The RTCP packet lengths do not add up to the compound's length (A.2). */
        RTCP_LENGTH_MISMATCH,
        /** An RTCP packet is too short for the report blocks, chunks or sources its count announces. */
        RTCP_BODY_OVERFLOW;

        /** Returns whether this is {@link #VALID}. */
        public boolean isValid() {
            return this == VALID;
        }
    }

    private static final int FIRST_RTCP_CONFLICT = 72;
    private static final int LAST_RTCP_CONFLICT = 76;
    private static final int RTCP_MIN_COMPOUND = RtcpPacket.HEADER_LENGTH + 4;
    private static final int FEEDBACK_MIN_LENGTH = 12;

    private RtpValidation() {
    }

    /**
     * Checks an RTP packet as RFC 3550 A.1 asks: version 2, a payload type that is not RTCP's, a padding
     * count that fits, a CSRC list and a header extension that fit. The view is not moved.
     */
    public static Result validateRtp(RtpHeader header) {
        final int length = header.length();
        if (length < RtpHeader.FIXED_HEADER_LENGTH) {
            return Result.TOO_SHORT;
        }
        if (header.version() != RtpHeader.VERSION) {
            return Result.BAD_VERSION;
        }
        final int payloadType = header.payloadType();
        if (payloadType >= FIRST_RTCP_CONFLICT && payloadType <= LAST_RTCP_CONFLICT) {
            return Result.PAYLOAD_TYPE_RTCP_CONFLICT;
        }
        int headerLength = header.extensionOffset();
        if (headerLength > length) {
            return Result.CSRC_OVERFLOW;
        }
        if (header.extension()) {
            if (headerLength + RtpHeader.EXTENSION_HEADER_LENGTH > length) {
                return Result.EXTENSION_OVERFLOW;
            }
            headerLength += RtpHeader.EXTENSION_HEADER_LENGTH + 4 * header.extensionLengthWords();
            if (headerLength > length) {
                return Result.EXTENSION_OVERFLOW;
            }
        }
        if (header.padding()) {
            final int padding = header.paddingLength();
            if (padding == 0 || padding > length - headerLength) {
                return Result.BAD_PADDING;
            }
        }
        return Result.VALID;
    }

    /**
     * Checks a compound RTCP packet as RFC 3550 A.2 asks: every packet version 2, the first an SR or RR, the
     * padding bit only on the last, the lengths adding up to the compound's length; and each packet long
     * enough for what its count announces. The view is left positioned on the first packet.
     */
    public static Result validateRtcp(RtcpPacket rtcp) {
        final int compoundLength = rtcp.compoundLength();
        if (compoundLength < RTCP_MIN_COMPOUND) {
            return Result.TOO_SHORT;
        }
        Result result = Result.VALID;
        boolean first = true;
        for (boolean more = rtcp.first(); more && result == Result.VALID; more = rtcp.next()) {
            result = validatePacket(rtcp, first, rtcp.packetOffset() - rtcp.compoundOffset(), compoundLength);
            first = false;
        }
        rtcp.first();
        return result;
    }

    private static Result validatePacket(RtcpPacket rtcp, boolean first, int position, int compoundLength) {
        if (rtcp.version() != RtcpPacket.VERSION) {
            return Result.BAD_VERSION;
        }
        final RtcpPacketType type = rtcp.type();
        if (first && type != RtcpPacketType.SR && type != RtcpPacketType.RR) {
            return Result.RTCP_FIRST_NOT_REPORT;
        }
        final int packetLength = rtcp.packetLength();
        final int packetEnd = position + packetLength;
        if (packetEnd > compoundLength) {
            return Result.RTCP_LENGTH_MISMATCH;
        }
        final boolean last = packetEnd == compoundLength;
        if (compoundLength - packetEnd < RtcpPacket.HEADER_LENGTH && !last) {
            return Result.RTCP_LENGTH_MISMATCH;
        }
        int paddingLength = 0;
        if (rtcp.padding()) {
            if (!last) {
                return Result.RTCP_PADDING_NOT_LAST;
            }
            paddingLength = rtcp.paddingLength();
            if (paddingLength == 0 || paddingLength > packetLength - RtcpPacket.HEADER_LENGTH) {
                return Result.BAD_PADDING;
            }
        }
        return validateBody(rtcp, type, packetLength - paddingLength);
    }

    private static Result validateBody(RtcpPacket rtcp, RtcpPacketType type, int bodyEnd) {
        final int count = rtcp.count();
        switch (type) {
            case SR:
                return fits(RtcpPacket.SR_REPORT_BLOCKS_OFFSET + RtcpPacket.REPORT_BLOCK_LENGTH * count, bodyEnd);
            case RR:
                return fits(RtcpPacket.RR_REPORT_BLOCKS_OFFSET + RtcpPacket.REPORT_BLOCK_LENGTH * count, bodyEnd);
            case BYE:
                return fits(RtcpPacket.SSRC_OFFSET + 4 * count, bodyEnd);
            case APP:
                return fits(RtcpPacket.APP_MIN_LENGTH, bodyEnd);
            case RTPFB:
            case PSFB:
                return fits(FEEDBACK_MIN_LENGTH, bodyEnd);
            case SDES:
                return validateSdes(rtcp, count);
            case XR:
                return fits(RtcpPacket.SSRC_OFFSET + 4, bodyEnd);
            default:
                return Result.VALID;
        }
    }

    private static Result validateSdes(RtcpPacket rtcp, int count) {
        int chunk = rtcp.firstSdesChunk();
        for (int i = 0; i < count; i++) {
            if (chunk < 0 || chunk + 4 > rtcp.packetOffset() + rtcp.packetLength()) {
                return Result.RTCP_BODY_OVERFLOW;
            }
            chunk = rtcp.sdesChunkEnd(chunk);
        }
        return chunk < 0 && count > 0 ? Result.RTCP_BODY_OVERFLOW : Result.VALID;
    }

    private static Result fits(int needed, int available) {
        return needed <= available ? Result.VALID : Result.RTCP_BODY_OVERFLOW;
    }
}
