package io.holdfast.sip.sdp;

/**
 * A session description that is not valid SDP (RFC 8866 §5, §9). Says which line is at fault
 * (1-based, counting every physical line of the body), the type letter of that line and what is
 * wrong. When a required line is missing, {@link #lineType()} is the missing type and
 * {@link #lineNumber()} the line where it was expected (one past the last line when the body
 * ended first). Callers answer the request that carried it with {@code 400 Bad Request}.
 */
public final class SdpParseException extends Exception {
    /** {@link #lineType()} when the line does not even start with a type letter. */
    public static final char NO_TYPE = '?';

    private final int lineNumber;
    private final char lineType;
    private final String reason;

    public SdpParseException(int lineNumber, char lineType, String reason) {
        super("SDP line " + lineNumber + " (" + lineType + "=): " + reason);
        this.lineNumber = lineNumber;
        this.lineType = lineType;
        this.reason = reason;
    }

    /** The 1-based number of the line at fault. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The type letter the fault concerns, or {@link #NO_TYPE}. */
    public char lineType() {
        return lineType;
    }

    /** What is wrong, without the line number. */
    public String reason() {
        return reason;
    }
}
