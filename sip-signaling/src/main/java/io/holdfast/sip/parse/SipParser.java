package io.holdfast.sip.parse;

import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipHeaderName;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.message.Via;
import io.holdfast.sip.parse.SipParseException.Rule;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Parses one complete SIP message (RFC 3261 §7, §25) into an immutable {@link SipRequest} or
 * {@link SipResponse}, strictly, as a carrier edge must: everything RFC 4475 lets a lenient element
 * accept is refused here with a {@link SipParseException} naming the rule, the byte offset and the
 * header. Typed: Via, From, To, Call-ID, CSeq, Max-Forwards, Contact (and {@code *}), Route,
 * Record-Route, Content-Type, Content-Length, Reason (cause and text; extension parameters are
 * checked, not kept), Allow, Supported, Require, Session-Expires, Min-SE. Every other header is kept
 * as a raw {@link io.holdfast.sip.message.SipHeader}, unfolded, in received order; Date, Expires and
 * Min-Expires are validated, and single-valued ones (Subject, Event, Refer-To...) may appear once.
 *
 * <p>Framing of the body (RFC 3261 §18.3): on a {@link Framing#DATAGRAM} the body is the
 * Content-Length bytes after the headers, anything after them is discarded, a datagram shorter than
 * Content-Length is refused, and without Content-Length the body is the rest of the datagram. On a
 * {@link Framing#STREAM} Content-Length is mandatory and must match the frame exactly.
 *
 * <p>The message is a copy: the input may be released as soon as a parse returns. Values that recur
 * from message to message (hosts, peers' header values, {@code ;lr}...) are shared rather than
 * allocated again (a bounded cache per parser).
 *
 * <p>Confined to one event loop: the parser keeps scratch state (a copy area for direct buffers, a
 * parameter stack, the string cache); one parser per loop can serve all of that loop's channels.
 */
public final class SipParser {
    /** How the message arrived, which decides how its body is delimited. */
    public enum Framing { DATAGRAM, STREAM }

    private static final int MIN_SCRATCH = 4096;

    /**
     * What a start line parsed to: a request's method and Request-URI, or a response's status code and
     * reason phrase ({@code method} is then {@code null}). Immutable.
     */
    private record StartLine(String method, SipUri uri, int code, String reason) {
    }

    private final SipLimits limits;
    private final SipScanner scanner = new SipScanner();
    private final HeaderLines lines = new HeaderLines(scanner);
    private final MessageAssembly assembly = new MessageAssembly();
    private byte[] scratch = new byte[0];
    /**
     * The request method of the message being parsed, kept so that a later failure can be answered;
     * valid when {@link #methodRead}. Left from message to message and stored only when it changes (a
     * reference stored into this long-lived object costs a garbage-collector barrier).
     */
    private String methodToken;
    private boolean methodRead;

    public SipParser() {
        this(SipLimits.DEFAULT);
    }

    public SipParser(SipLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public SipLimits limits() {
        return limits;
    }

    /**
     * Parses the readable bytes of {@code buf} as one message. Borrows; does not retain: the buffer's
     * indexes are not changed and it may be released as soon as this returns.
     */
    public SipMessage parse(ByteBuf buf, Framing framing) throws SipParseException {
        return parse(buf, buf.readerIndex(), buf.readableBytes(), framing);
    }

    /**
     * Parses {@code length} bytes of {@code buf} from {@code index} as one message. Borrows; does not
     * retain: the buffer's indexes are not changed.
     */
    public SipMessage parse(ByteBuf buf, int index, int length, Framing framing) throws SipParseException {
        checkSize(length);
        if (buf.hasArray()) {
            return parse(buf.array(), buf.arrayOffset() + index, length, framing);
        }
        if (scratch.length < length) {
            scratch = new byte[Math.min(Math.max(length, Math.max(MIN_SCRATCH, scratch.length * 2)),
                    limits.maxMessageBytes())];
        }
        buf.getBytes(index, scratch, 0, length);
        return parse(scratch, 0, length, framing);
    }

    /** Parses {@code length} bytes of {@code bytes} from {@code offset} as one message. */
    public SipMessage parse(byte[] bytes, int offset, int length, Framing framing) throws SipParseException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        checkSize(length);
        scanner.reset(bytes, offset);
        int end = offset + length;
        int pos = offset;
        while (pos + 1 < end && bytes[pos] == '\r' && bytes[pos + 1] == '\n') {
            pos += 2;
        }
        if (pos >= end) {
            throw scanner.failAt(Rule.BAD_START_LINE, pos, "no start line");
        }
        int lineEnd = lines.startLineEnd(pos, end, limits.maxHeaderLineBytes());
        methodRead = false;
        try {
            return parseMessage(pos, lineEnd, end, framing);
        } catch (SipParseException e) {
            if (!methodRead) {
                throw e;
            }
            BadRequestContext context = BadRequestSalvage.collect(scanner, lines, limits, e, methodToken,
                    lineEnd + 2, end);
            throw context == null ? e : e.withContext(context);
        }
    }

    /**
     * Parses the whole of {@code text} (as UTF-8) as one SIP, SIPS or tel URI with the same strict
     * grammar as the URIs of a message (RFC 3261 §19.1.1, §25.1; RFC 3966): escapes in the user and
     * password are decoded once, a host is a name, an IPv4 address or a bracketed IPv6 reference, a port
     * is 0..65535. The URI must fill the text exactly: no white space or angle brackets around it.
     * Passwords and URI headers ({@code ?h=v}) belong to the grammar and are accepted, as between
     * {@code <>}; a caller that refuses them checks {@link SipUri#password()} and {@link SipUri#headers()}.
     * Meant for configuration and tools, not the message path: each call allocates its own scanner.
     * Stateless and safe from any thread.
     *
     * @throws SipParseException with {@link Rule#BAD_URI} (or {@link Rule#UNSUPPORTED_URI_SCHEME}), the
     *                           byte offset of the fault in the UTF-8 text and a detail naming it
     */
    public static SipUri parseUri(String text) throws SipParseException {
        byte[] bytes = Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
        SipScanner uriScanner = new SipScanner();
        uriScanner.reset(bytes, 0);
        return UriParser.parse(uriScanner, 0, bytes.length, UriParser.Place.NAME_ADDR);
    }

    private void checkSize(int length) throws TooLongSipMessageException {
        if (length > limits.maxMessageBytes()) {
            throw new TooLongSipMessageException(Rule.MESSAGE_TOO_LONG, limits.maxMessageBytes(), null,
                    "message of " + length + " bytes exceeds " + limits.maxMessageBytes(), null);
        }
    }

    private SipMessage parseMessage(int pos, int lineEnd, int end, Framing framing)
            throws SipParseException {
        byte[] a = scanner.a;
        SipRequest.Builder request = null;
        SipResponse.Builder response = null;
        StartLine start = (StartLine) lines.keptStartLine();
        if (start == null) {
            start = startLine(pos, lineEnd);
            lines.keepStartLine(start);
        }
        if (start.method() != null) {
            methodRead(start.method());
            request = SipRequest.builder(methodToken, start.uri());
        } else {
            response = SipResponse.builder(start.code(), start.reason());
        }
        SipMessage.Builder<?> builder = request != null ? request : response;
        MessageAssembly m = assembly;
        m.reset(builder);
        lines.reset(lineEnd + 2, end, limits);
        while (lines.nextField()) {
            if (lines.found == HeaderLines.KEPT) {
                m.kept(lines.kept(), scanner, lines.nameStart);
                continue;
            }
            if (lines.found == HeaderLines.AROUND) {
                KeptAround around = lines.keptAround();
                String holeValue = around.unique() ? scanner.fresh(lines.holeStart, lines.holeEnd)
                        : scanner.ascii(lines.holeStart, lines.holeEnd);
                m.around(around, holeValue, scanner, lines.nameStart);
                continue;
            }
            HeaderName known = HeaderName.lookup(a, lines.nameStart, lines.nameEnd);
            Object value;
            if (known != null && known.typed != null) {
                scanner.range(lines.valueStart, lines.valueEnd, known.canonical);
                scanner.tokenValueStart = -1;
                value = m.typed(known.typed, scanner, lines.nameStart);
                if (value != null) {
                    lines.keep(known, value);
                }
                if (lines.holeStart >= 0 && m.aroundValue != null) {
                    keepAround(known, m.aroundValue);
                }
            } else {
                String name = known != null ? known.asReceived(a, lines.nameStart, lines.nameEnd)
                        : scanner.ascii(lines.nameStart, lines.nameEnd);
                scanner.range(lines.valueStart, lines.valueEnd, known != null ? known.canonical : name);
                lines.keep(known, m.untyped(known, name, scanner, lines.nameStart));
            }
        }
        int bodyStart = lines.bodyStart;
        checkMandatory(m, request != null, bodyStart);
        if (request != null && !methodToken.equals(m.cseqMethod)) {
            scanner.header = SipHeaderName.CSEQ.canonicalName();
            throw scanner.failAt(Rule.CSEQ_METHOD_MISMATCH, m.cseqOffset, "CSeq method " + m.cseqMethod
                    + " does not match the request method " + methodToken);
        }
        int bodyLength = bodyLength(m.contentLength, end - bodyStart, bodyStart, framing);
        if (bodyLength > 0) {
            if (!m.seen(SipHeaderName.CONTENT_TYPE)) {
                scanner.header = SipHeaderName.CONTENT_TYPE.canonicalName();
                throw scanner.failAt(Rule.MISSING_HEADER, bodyStart, "a body needs a Content-Type");
            }
            builder.body(a, bodyStart, bodyLength);
        }
        m.finish();
        return request != null ? request.build() : response.build();
    }

    /**
     * Keeps the Via, From or To line just read around its hole when the hole is exactly its last
     * parameter value, read as a token, whose grammar has no rule beyond token: any other token there
     * parses the same way, to the same value with that token as the parameter's value.
     */
    private void keepAround(HeaderName known, Object value) {
        int from = lines.holeStart;
        int to = lines.holeEnd;
        if (scanner.tokenValueStart != from || scanner.tokenValueEnd != to) {
            return;
        }
        boolean via = known.typed == SipHeaderName.VIA;
        List<SipParameters.Parameter> parameters = via ? ((Via) value).parameters().asList()
                : ((NameAddr) value).parameters().asList();
        int last = parameters.size() - 1;
        while (last >= 0 && parameters.get(last).value() == null) {
            last--;
        }
        if (last < 0 || !sameText(parameters.get(last).value(), from, to)) {
            return;
        }
        String name = parameters.get(last).name();
        if (via && (name.equalsIgnoreCase("rport") || name.equalsIgnoreCase("ttl") || name.equalsIgnoreCase("maddr")
                || name.equalsIgnoreCase("received"))) {
            return;
        }
        lines.keepAround(known, value, last, name.equalsIgnoreCase(via ? "branch" : "tag"));
    }

    private boolean sameText(String text, int from, int to) {
        byte[] a = scanner.a;
        if (text.length() != to - from) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != a[from + i]) {
                return false;
            }
        }
        return true;
    }

    private void methodRead(String token) {
        if (methodToken != token) {
            methodToken = token;
        }
        methodRead = true;
    }

    private void checkMandatory(MessageAssembly m, boolean isRequest, int bodyStart) throws SipParseException {
        SipHeaderName missing = null;
        if (!m.seen(SipHeaderName.VIA)) {
            missing = SipHeaderName.VIA;
        } else if (!m.seen(SipHeaderName.FROM)) {
            missing = SipHeaderName.FROM;
        } else if (!m.seen(SipHeaderName.TO)) {
            missing = SipHeaderName.TO;
        } else if (!m.seen(SipHeaderName.CALL_ID)) {
            missing = SipHeaderName.CALL_ID;
        } else if (!m.seen(SipHeaderName.CSEQ)) {
            missing = SipHeaderName.CSEQ;
        } else if (isRequest && !m.seen(SipHeaderName.MAX_FORWARDS)) {
            missing = SipHeaderName.MAX_FORWARDS;
        }
        if (missing != null) {
            scanner.header = missing.canonicalName();
            throw scanner.failAt(Rule.MISSING_HEADER, bodyStart - 2, "mandatory header " + missing.canonicalName()
                    + " is missing");
        }
    }

    private int bodyLength(int contentLength, int available, int bodyStart, Framing framing)
            throws SipParseException {
        scanner.header = SipHeaderName.CONTENT_LENGTH.canonicalName();
        if (contentLength < 0) {
            if (framing == Framing.STREAM) {
                throw scanner.failAt(Rule.MISSING_CONTENT_LENGTH, bodyStart, "Content-Length is mandatory on a stream");
            }
            scanner.header = null;
            return available;
        }
        if (contentLength > available) {
            throw scanner.failAt(Rule.BODY_TRUNCATED, bodyStart + available, "Content-Length " + contentLength
                    + " but only " + available + " body bytes");
        }
        if (contentLength < available && framing == Framing.STREAM) {
            throw scanner.failAt(Rule.BODY_OVERRUN, bodyStart + contentLength, (available - contentLength)
                    + " bytes after the body in a stream frame");
        }
        scanner.header = null;
        return contentLength;
    }

    /**
     * Reads the start line {@code [pos, lineEnd)}, which depends on nothing but its bytes (so that its
     * line can be kept); {@link #methodToken} is set as soon as the method is read.
     */
    private StartLine startLine(int pos, int lineEnd) throws SipParseException {
        byte[] a = scanner.a;
        for (int i = pos; i < lineEnd; i++) {
            int c = a[i] & 0xff;
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw scanner.failAt(Rule.ILLEGAL_CHARACTER, i, SipScanner.describe(c) + " in the start line");
            }
        }
        if (lineEnd - pos >= 4 && (a[pos] | 0x20) == 's' && (a[pos + 1] | 0x20) == 'i' && (a[pos + 2] | 0x20) == 'p'
                && a[pos + 3] == '/') {
            return statusLine(pos, lineEnd);
        }
        return requestLine(pos, lineEnd);
    }

    /** Request-Line = Method SP Request-URI SP SIP-Version CRLF, with exactly one SP between elements. */
    private StartLine requestLine(int pos, int lineEnd) throws SipParseException {
        byte[] a = scanner.a;
        int sp = pos;
        while (sp < lineEnd && SipChars.is(a[sp], SipChars.TOKEN)) {
            sp++;
        }
        if (sp == pos || sp >= lineEnd || a[sp] != ' ') {
            throw scanner.failAt(sp == pos || sp < lineEnd && a[sp] != ' ' ? Rule.BAD_METHOD : Rule.BAD_START_LINE,
                    sp, "expected Method SP Request-URI SP SIP-Version");
        }
        methodRead(scanner.ascii(pos, sp));
        if (a[lineEnd - 1] == ' ' || a[lineEnd - 1] == '\t') {
            throw scanner.failAt(Rule.BAD_START_LINE, lineEnd - 1, "white space at the end of the Request-Line");
        }
        int lastSp = lineEnd - 1;
        while (a[lastSp] != ' ') {
            lastSp--;
        }
        int uriStart = sp + 1;
        if (lastSp == sp || a[uriStart] == ' ' || a[lastSp - 1] == ' ') {
            throw scanner.failAt(Rule.BAD_START_LINE, uriStart, lastSp == sp ? "expected SP before the SIP-Version"
                    : "more than one SP between Request-Line elements");
        }
        version(lastSp + 1, lineEnd);
        for (int i = uriStart; i < lastSp; i++) {
            if (a[i] == ' ' || a[i] == '\t') {
                throw scanner.failAt(Rule.BAD_REQUEST_URI, i, "white space in the Request-URI");
            }
        }
        if (a[uriStart] == '<') {
            throw scanner.failAt(Rule.BAD_REQUEST_URI, uriStart, "Request-URI enclosed in <>");
        }
        SipUri uri = UriParser.parse(scanner, uriStart, lastSp, UriParser.Place.REQUEST_LINE);
        return new StartLine(methodToken, uri, 0, null);
    }

    /** Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF; Status-Code 100..699. */
    private StartLine statusLine(int pos, int lineEnd) throws SipParseException {
        byte[] a = scanner.a;
        int sp = pos;
        while (sp < lineEnd && a[sp] != ' ') {
            sp++;
        }
        version(pos, sp);
        int codeStart = sp + 1;
        int code = 0;
        int i = codeStart;
        while (i < lineEnd && a[i] >= '0' && a[i] <= '9' && i - codeStart < 4) {
            code = code * 10 + a[i] - '0';
            i++;
        }
        if (i - codeStart != 3 || code < 100 || code > 699) {
            throw scanner.failAt(Rule.BAD_STATUS_CODE, codeStart, "Status-Code must be three digits, 100..699");
        }
        if (i >= lineEnd || a[i] != ' ') {
            throw scanner.failAt(Rule.BAD_START_LINE, i, "expected SP after the Status-Code");
        }
        String reason = reasonPhrase(i + 1, lineEnd);
        return new StartLine(null, null, code, reason);
    }

    /** SIP-Version: SIP/2.0 (case-insensitive, §7.1); another well-formed version is BAD_VERSION (505). */
    private void version(int start, int stop) throws SipParseException {
        byte[] a = scanner.a;
        boolean prefix = stop - start >= 4 && (a[start] | 0x20) == 's' && (a[start + 1] | 0x20) == 'i'
                && (a[start + 2] | 0x20) == 'p' && a[start + 3] == '/';
        if (prefix && stop - start == 7 && a[start + 4] == '2' && a[start + 5] == '.' && a[start + 6] == '0') {
            return;
        }
        int i = start + 4;
        int major = 0;
        while (prefix && i < stop && SipChars.is(a[i], SipChars.DIGIT)) {
            i++;
            major++;
        }
        int minor = 0;
        if (major > 0 && i < stop && a[i] == '.') {
            i++;
            while (i < stop && SipChars.is(a[i], SipChars.DIGIT)) {
                i++;
                minor++;
            }
        }
        if (minor > 0 && i == stop) {
            throw scanner.failAt(Rule.BAD_VERSION, start, "SIP version " + scanner.ascii(start + 4, stop)
                    + " is not supported");
        }
        throw scanner.failAt(Rule.BAD_START_LINE, start, "malformed SIP-Version");
    }

    /** Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII / UTF8-CONT / SP / HTAB). */
    private String reasonPhrase(int start, int stop) throws SipParseException {
        byte[] a = scanner.a;
        boolean ascii = true;
        for (int i = start; i < stop; ) {
            int c = a[i] & 0xff;
            if (c == '%') {
                if (i + 2 >= stop || SipChars.hexValue(a[i + 1]) < 0 || SipChars.hexValue(a[i + 2]) < 0) {
                    throw scanner.failAt(Rule.BAD_REASON_PHRASE, i, "malformed %-escape in the Reason-Phrase");
                }
                i += 3;
            } else if (c >= 0x80) {
                int next = Utf8.sequenceEnd(a, i, stop);
                if (next < 0) {
                    throw scanner.failAt(Rule.ILLEGAL_CHARACTER, i, "malformed UTF-8 in the Reason-Phrase");
                }
                ascii = false;
                i = next;
            } else if (SipChars.is(c, SipChars.REASON)) {
                i++;
            } else {
                throw scanner.failAt(Rule.BAD_REASON_PHRASE, i, "character " + SipScanner.describe(c)
                        + " not allowed in the Reason-Phrase");
            }
        }
        return ascii ? scanner.ascii(start, stop) : scanner.utf8(start, stop);
    }
}
