package io.holdfast.relay.context;

import java.util.Objects;

/**
 * What {@link ContextParser} makes of a body: accepted (answer {@code 200}), a bad body ({@code 400}) or a
 * body of another type ({@code 415}). A refusal's {@link #reason()} names the field and the rule, never a
 * value the region sent, so it may go in the response's reason phrase and in a log line. Immutable.
 */
public sealed interface ContextParseResult {
    /** The SIP status to answer the INFO with. */
    int statusCode();

    /** The reason phrase for that status. */
    String reasonPhrase();

    /** The body is valid: its report. */
    record Accepted(ContextReport report) implements ContextParseResult {
        public Accepted {
            Objects.requireNonNull(report, "report");
        }

        @Override
        public int statusCode() {
            return 200;
        }

        @Override
        public String reasonPhrase() {
            return "OK";
        }
    }

    /** Malformed JSON, a schema violation or a body over the size limit. */
    record BadRequest(String reason) implements ContextParseResult {
        public BadRequest {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int statusCode() {
            return 400;
        }

        /** {@code Bad Request - <reason>}, the form the SIP stack uses for its own 400s. */
        @Override
        public String reasonPhrase() {
            return "Bad Request - " + reason;
        }
    }

    /**
     * Not a context body: missing or other Content-Type, or a charset other than UTF-8. The response should
     * carry {@code Accept: } {@link ContextSchema#MEDIA_TYPE} (RFC 3261 §21.4.13).
     */
    record UnsupportedMediaType(String reason) implements ContextParseResult {
        public UnsupportedMediaType {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int statusCode() {
            return 415;
        }

        @Override
        public String reasonPhrase() {
            return "Unsupported Media Type";
        }
    }
}
