package io.holdfast.sip.parse;

import java.util.Objects;

/**
 * A SIP message that holdfast refuses: which grammar or protocol {@link Rule} it broke, at which byte
 * offset (from the first byte handed to the parser or framer) and in which header ({@code null} for
 * the start line, the framing or the body). When the request's start line and top Via were readable,
 * {@link #badRequestContext()} holds what a stateless error response needs; otherwise the message can
 * only be dropped and counted.
 *
 * <p>Thrown for hostile input at line rate, so it carries no stack trace. Immutable.
 */
public class SipParseException extends Exception {
    /** The rule a refused message broke, with the status code an answer to it carries. */
    public enum Rule {
        MESSAGE_TOO_LONG(513, "Message too large"),
        HEADER_LINE_TOO_LONG(513, "Header line too long"),
        TOO_MANY_HEADERS(513, "Too many header lines"),
        ILLEGAL_CHARACTER(400, "Illegal character"),
        INCOMPLETE_HEADERS(400, "Header section not terminated"),
        BAD_START_LINE(400, "Malformed start line"),
        BAD_METHOD(400, "Malformed method"),
        BAD_REQUEST_URI(400, "Malformed Request-URI"),
        UNSUPPORTED_URI_SCHEME(416, "Unsupported URI scheme"),
        BAD_VERSION(505, "Unsupported SIP version"),
        BAD_STATUS_CODE(400, "Malformed status code"),
        BAD_REASON_PHRASE(400, "Malformed reason phrase"),
        BAD_HEADER_LINE(400, "Malformed header line"),
        MISSING_HEADER(400, "Missing"),
        DUPLICATE_HEADER(400, "Duplicate"),
        CSEQ_METHOD_MISMATCH(400, "CSeq method does not match the request method"),
        BAD_CSEQ(400, "Malformed CSeq"),
        BAD_MAX_FORWARDS(400, "Malformed Max-Forwards"),
        BAD_CONTENT_LENGTH(400, "Malformed Content-Length"),
        MISSING_CONTENT_LENGTH(400, "Missing Content-Length on a stream"),
        BODY_TRUNCATED(400, "Body shorter than Content-Length"),
        BODY_OVERRUN(400, "Bytes after the body"),
        BAD_VIA(400, "Malformed Via"),
        BAD_URI(400, "Malformed URI"),
        BAD_NAME_ADDR(400, "Malformed name-addr"),
        UNBALANCED_QUOTES(400, "Unbalanced quotes"),
        UNBALANCED_ANGLE_BRACKETS(400, "Unbalanced angle brackets"),
        BAD_HEADER_VALUE(400, "Malformed");

        private final int statusCode;
        private final String description;

        Rule(int statusCode, String description) {
            this.statusCode = statusCode;
            this.description = description;
        }

        /** The status code of a response refusing a request that broke this rule. */
        public int statusCode() {
            return statusCode;
        }

        /** True for the three size limits of {@link SipLimits}. */
        public boolean isLimit() {
            return this == MESSAGE_TOO_LONG || this == HEADER_LINE_TOO_LONG || this == TOO_MANY_HEADERS;
        }

        /** A short text naming the fault, e.g. {@code Missing Call-ID} or {@code Malformed Via}. */
        public String describe(String headerName) {
            if (headerName == null) {
                return description;
            }
            return switch (this) {
                case MISSING_HEADER, DUPLICATE_HEADER, BAD_HEADER_VALUE -> description + ' ' + headerName;
                case BAD_VIA, BAD_CSEQ, BAD_MAX_FORWARDS, BAD_CONTENT_LENGTH, MISSING_CONTENT_LENGTH,
                        CSEQ_METHOD_MISMATCH -> description;
                default -> description + " in " + headerName;
            };
        }
    }

    private final Rule rule;
    private final int offset;
    private final String headerName;
    private final String detail;
    private final BadRequestContext badRequestContext;

    /**
     * @param rule              the rule broken
     * @param offset            byte offset of the fault from the first byte of the message
     * @param headerName        the header in which it lies, or {@code null}
     * @param detail            human-readable detail
     * @param badRequestContext what a 400 needs, or {@code null} when no response can be formed
     */
    public SipParseException(Rule rule, int offset, String headerName, String detail,
                             BadRequestContext badRequestContext) {
        super(null, null, false, false);
        this.rule = Objects.requireNonNull(rule, "rule");
        this.offset = offset;
        this.headerName = headerName;
        this.detail = Objects.requireNonNull(detail, "detail");
        this.badRequestContext = badRequestContext;
    }

    public Rule rule() {
        return rule;
    }

    /** Byte offset of the fault from the first byte of the message (or of the stream frame). */
    public int offset() {
        return offset;
    }

    /** The header in which the fault lies (canonical name for known headers), or {@code null}. */
    public String headerName() {
        return headerName;
    }

    /** Human-readable detail, without rule, offset or header. */
    public String detail() {
        return detail;
    }

    /** What a stateless error response needs, or {@code null}: then the message is dropped and counted. */
    public BadRequestContext badRequestContext() {
        return badRequestContext;
    }

    /** True when {@link #badRequestContext()} is present, i.e. the refusal can be answered. */
    public boolean canRespond() {
        return badRequestContext != null;
    }

    /** This exception with a bad-request context attached (same rule, offset, header and detail). */
    SipParseException withContext(BadRequestContext context) {
        return new SipParseException(rule, offset, headerName, detail, context);
    }

    @Override
    public String getMessage() {
        return rule + " at byte " + offset + (headerName == null ? "" : " in " + headerName) + ": " + detail;
    }
}
