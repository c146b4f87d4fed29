package io.holdfast.sip.message;

import java.util.Objects;

/**
 * A From, To, Contact, Route or Record-Route value (RFC 3261 §20.10): optional display name
 * (unquoted, UTF-8), the URI and the header parameters after it (such as {@code tag}).
 */
public record NameAddr(String displayName, SipUri uri, SipParameters parameters) {
    public NameAddr {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(parameters, "parameters");
    }

    public static NameAddr of(SipUri uri) {
        return new NameAddr(null, uri, SipParameters.EMPTY);
    }

    /** The {@code tag} parameter (RFC 3261 §19.3), or {@code null}. */
    public String tag() {
        return parameters.get("tag");
    }

    public NameAddr withTag(String tag) {
        return new NameAddr(displayName, uri, parameters.with("tag", tag));
    }

    public NameAddr withUri(SipUri newUri) {
        return new NameAddr(displayName, newUri, parameters);
    }

    /** Always the name-addr form with angle brackets, which is unambiguous for any URI. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(80);
        if (displayName != null) {
            out.append('"');
            for (int i = 0; i < displayName.length(); i++) {
                char c = displayName.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append("\" ");
        }
        out.append('<').append(uri).append('>');
        parameters.appendTo(out);
        return out.toString();
    }
}
