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
        /** reserved, mark, space and tab: the Reason-Phrase characters besides alphanumerics and UTF-8. */
        private static final String REASON_PHRASE_MARKS = ";/?:@&=+$,-_.!~*'() \t";

        public BadRequest {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int statusCode() {
            return 400;
        }

        /**
         * {@code Bad Request - <reason>}, the form the SIP stack uses for its own 400s, made a legal
         * Reason-Phrase (RFC 3261 §25.1: reserved, unreserved, space, tab, UTF-8): a double quote, which the
         * reason uses around names, becomes an apostrophe, and any other character outside the grammar a '?'.
         */
        @Override
        public String reasonPhrase() {
            String phrase = "Bad Request - " + reason;
            StringBuilder legal = new StringBuilder(phrase.length());
            for (int i = 0; i < phrase.length(); i++) {
                char c = phrase.charAt(i);
                legal.append(c == '"' ? '\'' : isReasonPhraseChar(c) ? c : '?');
            }
            return legal.toString();
        }

        private static boolean isReasonPhraseChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80
                    || REASON_PHRASE_MARKS.indexOf(c) >= 0;
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
