package io.holdfast.sip.message;

import java.util.Objects;

/**
 * One Reason header value (RFC 3326): protocol ({@code SIP}, {@code Q.850}, ...), cause and the
 * optional text, held unquoted.
 */
public record Reason(String protocol, int cause, String text) {
    public Reason {
        Objects.requireNonNull(protocol, "protocol");
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(protocol).append(";cause=").append(cause);
        if (text != null) {
            out.append(";text=\"");
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        }
        return out.toString();
    }
}
