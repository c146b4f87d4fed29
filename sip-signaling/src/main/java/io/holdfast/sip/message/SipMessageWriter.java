package io.holdfast.sip.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link SipMessage} in RFC 3261 §7 wire form: the start line, one line per Via, the typed
 * headers under their canonical long names, the untyped headers as received (in received order),
 * Content-Length computed from the body, the empty line and the body. Header order: Via, Max-Forwards,
 * Route, Record-Route, From, To, Call-ID, CSeq, Contact, Allow, Supported, Require, Session-Expires,
 * Min-SE, Reason, Content-Type, untyped headers, Content-Length.
 *
 * <p>Writing allocates nothing. A value that would break the framing (CR, LF or another control character where the grammar
 * has none, a header name that is not a token) is refused with {@link IllegalArgumentException}
 * before it reaches the wire; a parsed message never holds one. Stateless and thread-safe.
 */
public final class SipMessageWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SIP_2_0 = ascii("SIP/2.0");
    private static final byte[] VIA = ascii("Via: SIP/2.0/");
    private static final byte[] MAX_FORWARDS = ascii("Max-Forwards: ");
    private static final byte[] ROUTE = ascii("Route: ");
    private static final byte[] RECORD_ROUTE = ascii("Record-Route: ");
    private static final byte[] FROM = ascii("From: ");
    private static final byte[] TO = ascii("To: ");
    private static final byte[] CALL_ID = ascii("Call-ID: ");
    private static final byte[] CSEQ = ascii("CSeq: ");
    private static final byte[] CONTACT = ascii("Contact: ");
    private static final byte[] ALLOW = ascii("Allow: ");
    private static final byte[] SUPPORTED = ascii("Supported: ");
    private static final byte[] REQUIRE = ascii("Require: ");
    private static final byte[] SESSION_EXPIRES = ascii("Session-Expires: ");
    private static final byte[] MIN_SE = ascii("Min-SE: ");
    private static final byte[] REASON = ascii("Reason: ");
    private static final byte[] CONTENT_TYPE = ascii("Content-Type: ");
    private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
    private static final byte[] REFRESHER = ascii(";refresher=");
    private static final byte[] CAUSE = ascii(";cause=");
    private static final byte[] TEXT = ascii(";text=");
    private static final byte[] COLON_SP = {':', ' '};
    private static final byte[] COMMA_SP = {',', ' '};
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            TOKEN[c] = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || "-.!%*_+`'~".indexOf(c) >= 0;
        }
    }

    private SipMessageWriter() {
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The message as bytes (for tools and tests; the codec writes into pooled buffers). */
    public static byte[] toByteArray(SipMessage message) {
        ByteBuf out = Unpooled.buffer(estimatedSize(message));
        try {
            write(message, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** A size that usually holds the written message, for allocating its buffer. */
    public static int estimatedSize(SipMessage message) {
        int headers = message.vias().size() + message.routes().size() + message.recordRoutes().size()
                + message.contacts().size() + message.otherHeaders().size() + 8;
        return 64 + headers * 72 + message.bodyLength();
    }

    /**
     * Appends the message at the writer index of {@code out}. Borrows; does not retain.
     *
     * @throws IllegalArgumentException when a value would break the message framing
     */
    public static void write(SipMessage message, ByteBuf out) {
        if (message instanceof SipRequest request) {
            writeToken(out, request.methodToken(), "method");
            out.writeByte(' ');
            SipUriWriter.write(request.requestUri(), out);
            out.writeByte(' ');
            out.writeBytes(SIP_2_0);
        } else {
            SipResponse response = (SipResponse) message;
            out.writeBytes(SIP_2_0);
            out.writeByte(' ');
            writeNumber(out, response.statusCode());
            out.writeByte(' ');
            writeText(out, response.reasonPhrase(), "reason phrase");
        }
        out.writeBytes(CRLF);
        List<Via> vias = message.vias();
        for (int i = 0; i < vias.size(); i++) {
            writeVia(out, vias.get(i));
        }
        if (message.maxForwards() != SipMessage.ABSENT) {
            out.writeBytes(MAX_FORWARDS);
            writeNumber(out, message.maxForwards());
            out.writeBytes(CRLF);
        }
        writeEach(out, ROUTE, message.routes());
        writeEach(out, RECORD_ROUTE, message.recordRoutes());
        if (message.from() != null) {
            out.writeBytes(FROM);
            writeNameAddr(out, message.from());
            out.writeBytes(CRLF);
        }
        if (message.to() != null) {
            out.writeBytes(TO);
            writeNameAddr(out, message.to());
            out.writeBytes(CRLF);
        }
        if (message.callId() != null) {
            out.writeBytes(CALL_ID);
            writeText(out, message.callId(), "Call-ID");
            out.writeBytes(CRLF);
        }
        if (message.cseq() != null) {
            out.writeBytes(CSEQ);
            writeNumber(out, message.cseq().sequence());
            out.writeByte(' ');
            writeToken(out, message.cseq().methodToken(), "CSeq method");
            out.writeBytes(CRLF);
        }
        if (message.contactWildcard()) {
            out.writeBytes(CONTACT);
            out.writeByte('*');
            out.writeBytes(CRLF);
        }
        writeEach(out, CONTACT, message.contacts());
        writeTokens(out, ALLOW, message.allow());
        writeTokens(out, SUPPORTED, message.supported());
        writeTokens(out, REQUIRE, message.require());
        SessionExpires sessionExpires = message.sessionExpires();
        if (sessionExpires != null) {
            out.writeBytes(SESSION_EXPIRES);
            writeNumber(out, sessionExpires.deltaSeconds());
            if (sessionExpires.refresher() != null) {
                out.writeBytes(REFRESHER);
                writeToken(out, sessionExpires.refresher(), "refresher");
            }
            out.writeBytes(CRLF);
        }
        if (message.minSe() != SipMessage.ABSENT) {
            out.writeBytes(MIN_SE);
            writeNumber(out, message.minSe());
            out.writeBytes(CRLF);
        }
        List<Reason> reasons = message.reasons();
        for (int i = 0; i < reasons.size(); i++) {
            writeReason(out, reasons.get(i));
        }
        if (message.contentType() != null) {
            out.writeBytes(CONTENT_TYPE);
            writeText(out, message.contentType(), "Content-Type");
            out.writeBytes(CRLF);
        }
        List<SipHeader> otherHeaders = message.otherHeaders();
        for (int i = 0; i < otherHeaders.size(); i++) {
            SipHeader header = otherHeaders.get(i);
            writeToken(out, header.name(), "header name");
            out.writeBytes(COLON_SP);
            writeText(out, header.value(), header.name());
            out.writeBytes(CRLF);
        }
        byte[] body = message.bodyArray();
        out.writeBytes(CONTENT_LENGTH);
        writeNumber(out, body.length);
        out.writeBytes(CRLF);
        out.writeBytes(CRLF);
        out.writeBytes(body);
    }

    /** Appends to {@code out}. Borrows; does not retain. */
    private static void writeVia(ByteBuf out, Via via) {
        out.writeBytes(VIA);
        writeToken(out, via.transport(), "Via transport");
        out.writeByte(' ');
        writeText(out, via.host(), "Via host");
        if (via.port() != SipUri.NO_PORT) {
            out.writeByte(':');
            writeNumber(out, via.port());
        }
        via.parameters().writeTo(out);
        out.writeBytes(CRLF);
    }

    /** Appends to {@code out}. Borrows; does not retain. */
    private static void writeEach(ByteBuf out, byte[] name, List<NameAddr> values) {
        for (int i = 0; i < values.size(); i++) {
            out.writeBytes(name);
            writeNameAddr(out, values.get(i));
            out.writeBytes(CRLF);
        }
    }

    /** Appends to {@code out}. Borrows; does not retain. */
    private static void writeTokens(ByteBuf out, byte[] name, List<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        out.writeBytes(name);
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0) {
                out.writeBytes(COMMA_SP);
            }
            writeToken(out, tokens.get(i), "token");
        }
        out.writeBytes(CRLF);
    }

    /** Appends to {@code out}. Borrows; does not retain. */
    private static void writeNameAddr(ByteBuf out, NameAddr value) {
        if (value.displayName() != null) {
            writeQuoted(out, value.displayName());
            out.writeByte(' ');
        }
        out.writeByte('<');
        SipUriWriter.write(value.uri(), out);
        out.writeByte('>');
        value.parameters().writeTo(out);
    }

    /** Appends to {@code out}. Borrows; does not retain. */
    private static void writeReason(ByteBuf out, Reason reason) {
        out.writeBytes(REASON);
        writeToken(out, reason.protocol(), "Reason protocol");
        if (reason.cause() != Reason.NO_CAUSE) {
            out.writeBytes(CAUSE);
            writeNumber(out, reason.cause());
        }
        if (reason.text() != null) {
            out.writeBytes(TEXT);
            writeQuoted(out, reason.text());
        }
        out.writeBytes(CRLF);
    }

    /**
     * Appends a quoted-string: DQUOTE and backslash escaped, other controls as quoted-pair; CR and LF
     * refused. Borrows; does not retain.
     */
    private static void writeQuoted(ByteBuf out, String text) {
        out.writeByte('"');
        int runStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 && c != '\t' || c == 0x7f) {
                if (c == '\r' || c == '\n') {
                    throw new IllegalArgumentException("CR or LF cannot be quoted: " + text);
                }
                ByteBufUtil.writeUtf8(out, text, runStart, i);
                out.writeByte('\\');
                out.writeByte(c);
                runStart = i + 1;
            }
        }
        ByteBufUtil.writeUtf8(out, text, runStart, text.length());
        out.writeByte('"');
    }

    /** Appends to {@code out}. Borrows; does not retain. */
    private static void writeToken(ByteBuf out, String token, String what) {
        if (token.isEmpty()) {
            throw new IllegalArgumentException("empty " + what);
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= 0x80 || !TOKEN[c]) {
                throw new IllegalArgumentException(what + " is not a token: " + token);
            }
        }
        ByteBufUtil.writeAscii(out, token);
    }

    /** Appends free text of a header line: any character but the controls (HTAB excepted). Borrows; does not retain. */
    static void writeText(ByteBuf out, String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new IllegalArgumentException(what + " holds control character 0x"
                        + Integer.toHexString(c) + ": " + text);
            }
        }
        ByteBufUtil.writeUtf8(out, text);
    }

    /** Appends a non-negative decimal number, without allocating. Borrows; does not retain. */
    static void writeNumber(ByteBuf out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative number " + value);
        }
        long divisor = 1;
        while (divisor <= value / 10) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            out.writeByte((int) ('0' + value / divisor % 10));
        }
    }
}
