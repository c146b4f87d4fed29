package io.holdfast.sip.parse;

import io.holdfast.sip.parse.SipParseException.Rule;
import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.util.Objects;

/**
 * Incremental framing of SIP over a stream (RFC 3261 §18.3): finds the end of the header section
 * (CRLF CRLF), reads Content-Length, which a stream must carry, and waits until the body is there.
 * Between messages it recognises the RFC 5626 §3.5.1 keep-alives: a double CRLF "ping" (which gets a
 * single CRLF "pong") and a single CRLF "pong" (also any stray CRLF before a start line, which RFC 3261
 * §7.5 says to ignore). A missing or malformed Content-Length, a bare CR or LF in the headers, or a
 * message beyond the {@link SipLimits} is a framing error after which the stream cannot be trusted.
 *
 * <p>Works on the decoder's cumulation buffer in place: it never copies, never moves the reader index
 * (the caller consumes {@link #frameLength()} bytes after each outcome), and remembers how far it has
 * scanned so that each byte is examined once however the stream is split.
 *
 * <p>Confined to the event loop of its connection.
 */
public final class SipFramer {
    /** What {@link #decode} found at the reader index. */
    public enum Outcome {
        /** Not enough bytes yet; nothing to consume. */
        NEED_MORE,
        /** A complete message of {@link #frameLength()} bytes. */
        MESSAGE,
        /** A CRLF CRLF keep-alive ping of {@link #frameLength()} bytes: answer with one CRLF. */
        PING,
        /** A single CRLF (keep-alive pong) of {@link #frameLength()} bytes. */
        PONG,
        /** A framing error ({@link #error()}): close the connection. */
        ERROR
    }

    private static final int IN_LINE = 0;
    private static final int AFTER_CR = 1;
    private static final int LINE_START = 2;
    private static final int EMPTY_LINE_CR = 3;

    private final SipLimits limits;
    private final HeaderEndFinder finder = new HeaderEndFinder();
    private int scanned;
    private int headerLength = -1;
    private int contentLength;
    private int frameLength;
    private SipParseException error;

    public SipFramer(SipLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Bytes to consume for the last MESSAGE, PING or PONG. */
    public int frameLength() {
        return frameLength;
    }

    /** The framing error of the last ERROR outcome, else {@code null}. */
    public SipParseException error() {
        return error;
    }

    /**
     * Looks at the readable bytes of {@code in} from its reader index. Borrows; does not retain; does
     * not move any index.
     */
    public Outcome decode(ByteBuf in) {
        if (error != null) {
            return Outcome.ERROR;
        }
        int start = in.readerIndex();
        int readable = in.readableBytes();
        if (readable == 0) {
            return Outcome.NEED_MORE;
        }
        if (headerLength < 0) {
            if (scanned == 0) {
                Outcome keepAlive = keepAlive(in, start, readable);
                if (keepAlive != null) {
                    return keepAlive;
                }
                finder.begin();
            }
            int limit = Math.min(readable, limits.maxMessageBytes());
            int found = in.forEachByte(start + scanned, limit - scanned, finder);
            if (finder.rule != null) {
                return fail(finder.rule, finder.errorOffset, finder.errorHeader, finder.detail);
            }
            if (found < 0) {
                scanned = limit;
                if (limit == limits.maxMessageBytes()) {
                    return fail(Rule.MESSAGE_TOO_LONG, limit, null, "no end of headers within "
                            + limits.maxMessageBytes() + " bytes");
                }
                return Outcome.NEED_MORE;
            }
            headerLength = found - start + 1;
            scanned = headerLength;
            if (finder.contentLength < 0) {
                return fail(Rule.MISSING_CONTENT_LENGTH, headerLength, "Content-Length",
                        "Content-Length is mandatory on a stream");
            }
            if (finder.contentLength > limits.maxMessageBytes() - headerLength) {
                return fail(Rule.MESSAGE_TOO_LONG, headerLength, "Content-Length", "Content-Length "
                        + finder.contentLength + " makes the message longer than " + limits.maxMessageBytes()
                        + " bytes");
            }
            contentLength = (int) finder.contentLength;
        }
        int total = headerLength + contentLength;
        if (readable < total) {
            return Outcome.NEED_MORE;
        }
        frameLength = total;
        scanned = 0;
        headerLength = -1;
        return Outcome.MESSAGE;
    }

    /**
     * PING, PONG, NEED_MORE or ERROR for CR/LF at a message boundary; {@code null} when a start line
     * begins there. Borrows; does not retain.
     */
    private Outcome keepAlive(ByteBuf in, int start, int readable) {
        byte first = in.getByte(start);
        if (first == '\n') {
            return fail(Rule.ILLEGAL_CHARACTER, 0, null, "bare LF before a start line");
        }
        if (first != '\r') {
            return null;
        }
        if (readable < 2) {
            return Outcome.NEED_MORE;
        }
        if (in.getByte(start + 1) != '\n') {
            return fail(Rule.ILLEGAL_CHARACTER, 0, null, "bare CR before a start line");
        }
        if (readable >= 4 && in.getByte(start + 2) == '\r' && in.getByte(start + 3) == '\n') {
            frameLength = 4;
            return Outcome.PING;
        }
        if (readable == 3 && in.getByte(start + 2) == '\r') {
            return Outcome.NEED_MORE;
        }
        frameLength = 2;
        return Outcome.PONG;
    }

    private Outcome fail(Rule rule, int offset, String header, String detail) {
        error = rule.isLimit() ? new TooLongSipMessageException(rule, offset, header, detail, null)
                : new SipParseException(rule, offset, header, detail, null);
        return Outcome.ERROR;
    }

    /**
     * Scans for the CR LF CR LF that ends the header section in one pass, refusing a bare CR or LF,
     * enforcing the header-line and header-count limits, and reading the one Content-Length (long form
     * or {@code l}, any case, folds allowed) on the way.
     */
    private final class HeaderEndFinder implements ByteProcessor {
        private static final String CONTENT_LENGTH = "content-length";
        /** Where the current header field is: its name, before its colon, or its value. */
        private static final int OTHER = 0;
        private static final int NAME = 1;
        private static final int BEFORE_COLON = 2;
        private static final int VALUE = 3;
        private static final int DIGITS = 4;
        private static final int AFTER_DIGITS = 5;

        int state;
        int lineLength;
        int lines;
        int position;
        Rule rule;
        String detail;
        String errorHeader;
        int errorOffset;
        long contentLength;
        private int field;
        private int nameLength;
        private boolean longName;
        private boolean shortName;
        private long value;

        void begin() {
            state = IN_LINE;
            lineLength = 0;
            lines = 0;
            position = 0;
            rule = null;
            errorHeader = null;
            contentLength = -1;
            field = OTHER;
        }

        @Override
        public boolean process(byte b) {
            position++;
            switch (state) {
                case IN_LINE -> {
                    if (b == '\r') {
                        state = AFTER_CR;
                        return true;
                    }
                    if (b == '\n') {
                        return stop(Rule.ILLEGAL_CHARACTER, "bare LF");
                    }
                    if (++lineLength > limits.maxHeaderLineBytes()) {
                        return stop(Rule.HEADER_LINE_TOO_LONG, "line longer than " + limits.maxHeaderLineBytes()
                                + " bytes");
                    }
                    return field == OTHER || fieldByte(b);
                }
                case AFTER_CR -> {
                    if (b != '\n') {
                        return stopAtCr();
                    }
                    state = LINE_START;
                    return true;
                }
                case LINE_START -> {
                    if (b == ' ' || b == '\t') {
                        state = IN_LINE;
                        lineLength += 3;
                        if (lineLength > limits.maxHeaderLineBytes()) {
                            return stop(Rule.HEADER_LINE_TOO_LONG, "header field longer than "
                                    + limits.maxHeaderLineBytes() + " bytes");
                        }
                        return true;
                    }
                    if (!endField()) {
                        return false;
                    }
                    if (b == '\r') {
                        state = EMPTY_LINE_CR;
                        return true;
                    }
                    if (b == '\n') {
                        return stop(Rule.ILLEGAL_CHARACTER, "bare LF");
                    }
                    if (++lines > limits.maxHeaderLines()) {
                        return stop(Rule.TOO_MANY_HEADERS, "more than " + limits.maxHeaderLines() + " header fields");
                    }
                    state = IN_LINE;
                    lineLength = 1;
                    field = NAME;
                    nameLength = 0;
                    longName = true;
                    shortName = true;
                    return fieldByte(b);
                }
                default -> {
                    if (b != '\n') {
                        return stopAtCr();
                    }
                    return false;
                }
            }
        }

        /** One byte of a header field that may still be Content-Length. */
        private boolean fieldByte(byte b) {
            switch (field) {
                case NAME -> {
                    if (SipChars.is(b, SipChars.TOKEN)) {
                        int lower = b | 0x20;
                        longName &= nameLength < CONTENT_LENGTH.length() && lower == CONTENT_LENGTH.charAt(nameLength);
                        shortName &= nameLength == 0 && lower == 'l';
                        nameLength++;
                    } else if (b == ' ' || b == '\t') {
                        field = BEFORE_COLON;
                    } else {
                        colon(b);
                    }
                }
                case BEFORE_COLON -> {
                    if (b != ' ' && b != '\t') {
                        colon(b);
                    }
                }
                case VALUE -> {
                    if (b >= '0' && b <= '9') {
                        field = DIGITS;
                        value = b - '0';
                    } else if (b != ' ' && b != '\t') {
                        return badContentLength("Content-Length is not 1*DIGIT");
                    }
                }
                case DIGITS -> {
                    if (b >= '0' && b <= '9') {
                        value = value * 10 + b - '0';
                        if (value > Integer.MAX_VALUE) {
                            return badContentLength("Content-Length out of range");
                        }
                    } else if (b == ' ' || b == '\t') {
                        field = AFTER_DIGITS;
                    } else {
                        return badContentLength("Content-Length is not 1*DIGIT");
                    }
                }
                case AFTER_DIGITS -> {
                    if (b != ' ' && b != '\t') {
                        return badContentLength("Content-Length is not 1*DIGIT");
                    }
                }
                default -> {
                    return true;
                }
            }
            return true;
        }

        private void colon(byte b) {
            boolean contentLengthName = longName && nameLength == CONTENT_LENGTH.length()
                    || shortName && nameLength == 1;
            field = b == ':' && contentLengthName ? VALUE : OTHER;
        }

        /** At the end of a header field: commits a Content-Length value. */
        private boolean endField() {
            if (field == VALUE) {
                return badContentLength("Content-Length is empty");
            }
            if (field == DIGITS || field == AFTER_DIGITS) {
                if (contentLength >= 0) {
                    errorHeader = "Content-Length";
                    return stop(Rule.DUPLICATE_HEADER, "second Content-Length on a stream");
                }
                contentLength = value;
            }
            field = OTHER;
            return true;
        }

        private boolean badContentLength(String why) {
            errorHeader = "Content-Length";
            return stop(Rule.BAD_CONTENT_LENGTH, why);
        }

        private boolean stop(Rule broken, String why) {
            rule = broken;
            detail = why;
            errorOffset = position - 1;
            return false;
        }

        /** A CR not followed by LF: the fault is the CR, one byte back. */
        private boolean stopAtCr() {
            stop(Rule.ILLEGAL_CHARACTER, "bare CR");
            errorOffset = position - 2;
            return false;
        }
    }
}
