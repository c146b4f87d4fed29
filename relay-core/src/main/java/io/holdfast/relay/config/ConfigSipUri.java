package io.holdfast.relay.config;

import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.parse.SipParseException;
import io.holdfast.sip.parse.SipParser;
import java.util.Locale;

/**
 * The SIP URIs the configuration names (regions, escalation). The grammar is the message parser's
 * ({@link SipParser#parseUri}); on top of it holdfast's policy: the scheme is {@code sip:} or
 * {@code sips:}, there is no password and no URI headers (neither belongs in a request holdfast sends),
 * and a port, when given, is 1 to 65535. Stateless.
 */
final class ConfigSipUri {
    private ConfigSipUri() {
    }

    /**
     * Parses {@code text}, ignoring white space around it.
     *
     * @param example a well-formed URI for the same key, shown in every refusal
     * @throws IllegalArgumentException with a message that quotes the text and says what to write
     */
    static SipUri parse(String text, String example) {
        String quoted = ConfigProblem.quote(text);
        String fix = "; write it like " + example;
        String trimmed = text.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("sip:") && !lower.startsWith("sips:")) {
            throw new IllegalArgumentException(quoted + " is not a SIP URI (it must start with sip: or sips:)" + fix);
        }
        if (hasNoHost(trimmed)) {
            throw new IllegalArgumentException(quoted + " has no host" + fix);
        }
        SipUri uri;
        try {
            uri = SipParser.parseUri(trimmed);
        } catch (SipParseException e) {
            throw new IllegalArgumentException(quoted + " is not a valid SIP URI: " + e.detail() + fix, e);
        }
        if (uri.password() != null) {
            throw new IllegalArgumentException(quoted + " carries a password; remove it, holdfast sends no passwords in URIs"
                    + fix);
        }
        if (uri.headers() != null) {
            throw new IllegalArgumentException(quoted + " carries URI headers (after '?'); remove them" + fix);
        }
        if (uri.port() == 0) {
            throw new IllegalArgumentException(quoted + " has an invalid port \"0\"; write a port from 1 to 65535, like "
                    + example);
        }
        return uri;
    }

    /**
     * True when nothing stands where the host belongs: at the end, or right before the port, parameters
     * or headers. Neither a user nor a parameter holds an unescaped {@code @}, so the last one ends the user.
     */
    private static boolean hasNoHost(String uri) {
        int hostStart = Math.max(uri.indexOf(':'), uri.lastIndexOf('@')) + 1;
        return hostStart == uri.length() || ":;?".indexOf(uri.charAt(hostStart)) >= 0;
    }
}
