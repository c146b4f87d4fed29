package io.holdfast.sip.message;

import java.util.Objects;

/** A SIP response (RFC 3261 §7.2). Immutable. */
public final class SipResponse extends SipMessage {
    private final int statusCode;
    private final String reasonPhrase;

    private SipResponse(Builder b) {
        super(b);
        this.statusCode = b.statusCode;
        this.reasonPhrase = b.reasonPhrase;
    }

    /** 100..699. */
    public int statusCode() {
        return statusCode;
    }

    public String reasonPhrase() {
        return reasonPhrase;
    }

    /** 1xx. */
    public boolean isProvisional() {
        return statusCode < 200;
    }

    /** 2xx. */
    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }

    /** 2xx..6xx. */
    public boolean isFinal() {
        return statusCode >= 200;
    }

    public static Builder builder(int statusCode, String reasonPhrase) {
        return new Builder(statusCode, reasonPhrase);
    }

    /**
     * A response to {@code request} per RFC 3261 §8.2.6: Via, From, To, Call-ID and CSeq copied (no
     * To tag added here; the transaction user adds it), everything else empty.
     */
    public static Builder to(SipRequest request, int statusCode, String reasonPhrase) {
        return new Builder(statusCode, reasonPhrase)
                .vias(request.vias())
                .from(request.from())
                .to(request.to())
                .callId(request.callId())
                .cseq(request.cseq());
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String toString() {
        return statusCode + " " + reasonPhrase + " (Call-ID " + callId() + ", CSeq " + cseq() + ')';
    }

    /** Builds a {@link SipResponse}. Not thread-safe. */
    public static final class Builder extends SipMessage.Builder<Builder> {
        private int statusCode;
        private String reasonPhrase;

        private Builder(int statusCode, String reasonPhrase) {
            status(statusCode, reasonPhrase);
        }

        private Builder(SipResponse r) {
            super(r);
            this.statusCode = r.statusCode;
            this.reasonPhrase = r.reasonPhrase;
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder status(int code, String phrase) {
            if (code < 100 || code > 699) {
                throw new IllegalArgumentException("status code outside 100..699: " + code);
            }
            statusCode = code;
            reasonPhrase = Objects.requireNonNull(phrase);
            return this;
        }

        public SipResponse build() {
            return new SipResponse(this);
        }
    }
}
