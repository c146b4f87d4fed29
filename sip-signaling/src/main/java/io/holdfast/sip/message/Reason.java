package io.holdfast.sip.message;

import java.util.Objects;

/**
 * One Reason header value (RFC 3326): protocol ({@code SIP}, {@code Q.850}, ...), cause and the
 * optional text, held unquoted. {@code cause} is {@link #NO_CAUSE} when the value carries none.
 */
public record Reason(String protocol, int cause, String text) {
    /** Value of {@link #cause()} when the header value has no {@code cause} parameter. */
    public static final int NO_CAUSE = -1;

    public Reason {
        Objects.requireNonNull(protocol, "protocol");
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(protocol);
        if (cause != NO_CAUSE) {
            out.append(";cause=").append(cause);
        }
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
