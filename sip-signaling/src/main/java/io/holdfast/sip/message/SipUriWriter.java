package io.holdfast.sip.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/** Writes a {@link SipUri} in its RFC 3261 §25.1 form, escaping user and password as the grammar requires. */
final class SipUriWriter {
    private static final String MARK = "-_.!~*'()";
    private static final String USER_UNRESERVED = "&=+$,;?/";
    private static final String PASSWORD_UNRESERVED = "&=+$,";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final boolean[] USER_CHARS = allowed(USER_UNRESERVED);
    private static final boolean[] PASSWORD_CHARS = allowed(PASSWORD_UNRESERVED);

    private SipUriWriter() {
    }

    private static boolean[] allowed(String extra) {
        boolean[] table = new boolean[128];
        for (int c = 0; c < 128; c++) {
            table[c] = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || MARK.indexOf(c) >= 0 || extra.indexOf(c) >= 0;
        }
        return table;
    }

    static String write(SipUri uri) {
        StringBuilder out = new StringBuilder(64);
        out.append(uri.scheme().token()).append(':');
        if (uri.scheme() == SipUri.Scheme.TEL) {
            out.append(uri.user());
        } else {
            if (uri.user() != null) {
                escape(uri.user(), USER_UNRESERVED, out);
                if (uri.password() != null) {
                    out.append(':');
                    escape(uri.password(), PASSWORD_UNRESERVED, out);
                }
                out.append('@');
            }
            out.append(uri.host());
            if (uri.port() != SipUri.NO_PORT) {
                out.append(':').append(uri.port());
            }
        }
        uri.parameters().appendTo(out);
        if (uri.headers() != null) {
            out.append('?').append(uri.headers());
        }
        return out.toString();
    }

    private static void escape(String value, String alsoAllowed, StringBuilder out) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || MARK.indexOf(c) >= 0 || alsoAllowed.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }

    /** Appends the URI to {@code out}. Borrows; does not retain. */
    static void write(SipUri uri, ByteBuf out) {
        ByteBufUtil.writeAscii(out, uri.scheme().token());
        out.writeByte(':');
        if (uri.scheme() == SipUri.Scheme.TEL) {
            SipMessageWriter.writeText(out, uri.user(), "tel number");
        } else {
            if (uri.user() != null) {
                escape(uri.user(), USER_CHARS, out);
                if (uri.password() != null) {
                    out.writeByte(':');
                    escape(uri.password(), PASSWORD_CHARS, out);
                }
                out.writeByte('@');
            }
            SipMessageWriter.writeText(out, uri.host(), "host");
            if (uri.port() != SipUri.NO_PORT) {
                out.writeByte(':');
                SipMessageWriter.writeNumber(out, uri.port());
            }
        }
        uri.parameters().writeTo(out);
        if (uri.headers() != null) {
            out.writeByte('?');
            SipMessageWriter.writeText(out, uri.headers(), "URI headers");
        }
    }

    /** Appends {@code value} %-escaped where {@code allowed} says so, as UTF-8. Borrows; does not retain. */
    private static void escape(String value, boolean[] allowed, ByteBuf out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (allowed[c]) {
                    out.writeByte(c);
                } else {
                    percent(c, out);
                }
            } else {
                int codePoint = value.codePointAt(i);
                if (Character.charCount(codePoint) == 2) {
                    i++;
                }
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    percent(b & 0xff, out);
                }
            }
        }
    }

    /** Appends {@code %HH}. Borrows; does not retain. */
    private static void percent(int c, ByteBuf out) {
        out.writeByte('%');
        out.writeByte(HEX[c >> 4]);
        out.writeByte(HEX[c & 0xf]);
    }
}
