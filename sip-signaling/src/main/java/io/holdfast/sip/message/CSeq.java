package io.holdfast.sip.message;

import java.util.Objects;

/** The CSeq header (RFC 3261 §20.16): a 32-bit unsigned sequence number and the request method. */
public record CSeq(long sequence, SipMethod method, String methodToken) {
    public static final long MAX_SEQUENCE = 0xFFFF_FFFFL;

    public CSeq {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(methodToken, "methodToken");
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("CSeq sequence out of 32-bit range: " + sequence);
        }
    }

    public static CSeq of(long sequence, SipMethod method) {
        return new CSeq(sequence, method, method.token());
    }

    @Override
    public String toString() {
        return sequence + " " + methodToken;
    }
}
