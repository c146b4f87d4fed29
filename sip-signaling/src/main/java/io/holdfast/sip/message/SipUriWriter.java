package io.holdfast.sip.message;

import java.nio.charset.StandardCharsets;

/** Writes a {@link SipUri} in its RFC 3261 §25.1 form, escaping user and password as the grammar requires. */
final class SipUriWriter {
    private static final String MARK = "-_.!~*'()";
    private static final String USER_UNRESERVED = "&=+$,;?/";
    private static final String PASSWORD_UNRESERVED = "&=+$,";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SipUriWriter() {
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
}
