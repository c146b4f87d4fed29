package io.holdfast.sip.message;

import java.util.Objects;

/** A SIP request (RFC 3261 §7.1). Immutable. */
public final class SipRequest extends SipMessage {
    private final SipMethod method;
    private final String methodToken;
    private final SipUri requestUri;

    private SipRequest(Builder b) {
        super(b);
        this.method = b.method;
        this.methodToken = b.methodToken;
        this.requestUri = b.requestUri;
    }

    public SipMethod method() {
        return method;
    }

    /** The method exactly as on the wire (the only way to tell {@link SipMethod#EXTENSION} methods apart). */
    public String methodToken() {
        return methodToken;
    }

    public SipUri requestUri() {
        return requestUri;
    }

    public static Builder builder(SipMethod method, SipUri requestUri) {
        return new Builder(method, method.token(), requestUri);
    }

    public static Builder builder(String methodToken, SipUri requestUri) {
        return new Builder(SipMethod.of(methodToken), methodToken, requestUri);
    }

    /** A builder holding a copy of this request, to derive a changed one. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String toString() {
        return methodToken + ' ' + requestUri + " (Call-ID " + callId() + ", CSeq " + cseq() + ')';
    }

    /** Builds a {@link SipRequest}. Not thread-safe. */
    public static final class Builder extends SipMessage.Builder<Builder> {
        private SipMethod method;
        private String methodToken;
        private SipUri requestUri;

        private Builder(SipMethod method, String methodToken, SipUri requestUri) {
            this.method = Objects.requireNonNull(method);
            this.methodToken = Objects.requireNonNull(methodToken);
            this.requestUri = Objects.requireNonNull(requestUri);
        }

        private Builder(SipRequest r) {
            super(r);
            this.method = r.method;
            this.methodToken = r.methodToken;
            this.requestUri = r.requestUri;
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder method(SipMethod value) {
            method = Objects.requireNonNull(value);
            methodToken = value.token();
            return this;
        }

        public Builder requestUri(SipUri value) {
            requestUri = Objects.requireNonNull(value);
            return this;
        }

        public SipRequest build() {
            return new SipRequest(this);
        }
    }
}
