package io.holdfast.sip.parse;

/**
 * Size limits the parser and the framer enforce before anything else, so that a hostile peer cannot
 * make holdfast buffer or scan without bound. Exceeding one is reported as a
 * {@link TooLongSipMessageException}. Immutable.
 *
 * @param maxMessageBytes    start line, headers and body together
 * @param maxHeaderLineBytes one header field, folded continuation lines included (also the start line)
 * @param maxHeaderLines     header fields in one message
 */
public record SipLimits(int maxMessageBytes, int maxHeaderLineBytes, int maxHeaderLines) {
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_HEADER_LINE_BYTES = 8 * 1024;
    public static final int DEFAULT_MAX_HEADER_LINES = 256;
    /** Upper bound for {@link #maxMessageBytes()}: a SIP message is control plane, never bulk data. */
    public static final int CEILING_MESSAGE_BYTES = 16 * 1024 * 1024;

    public static final SipLimits DEFAULT =
            new SipLimits(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_HEADER_LINE_BYTES, DEFAULT_MAX_HEADER_LINES);

    public SipLimits {
        if (maxMessageBytes < 64 || maxMessageBytes > CEILING_MESSAGE_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes must be within 64.." + CEILING_MESSAGE_BYTES
                    + ", got " + maxMessageBytes);
        }
        if (maxHeaderLineBytes < 32 || maxHeaderLineBytes > maxMessageBytes) {
            throw new IllegalArgumentException("maxHeaderLineBytes must be within 32..maxMessageBytes ("
                    + maxMessageBytes + "), got " + maxHeaderLineBytes);
        }
        if (maxHeaderLines < 5) {
            throw new IllegalArgumentException("maxHeaderLines must be at least 5 (the mandatory headers), got "
                    + maxHeaderLines);
        }
    }
}
