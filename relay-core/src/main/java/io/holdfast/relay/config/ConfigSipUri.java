package io.holdfast.relay.config;

import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipUri;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SIP URIs the configuration names (regions, escalation): {@code sip:} or {@code sips:}, an
 * optional user, a host (name, IPv4, or IPv6 in brackets), an optional port and optional
 * {@code ;name=value} parameters (RFC 3261 §19.1.1). Passwords and URI headers are refused: neither
 * belongs in a request holdfast sends. Stateless.
 */
final class ConfigSipUri {
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern DOTTED_DIGITS = Pattern.compile("[0-9.]+");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9.!%*_+`'~-]+");
    private static final Pattern PARAM_VALUE = Pattern.compile("[A-Za-z0-9.!%*_+`'~\\-\\[\\]/:&$]+");
    private static final String USER_CHARS = "-_.!~*'()&=+$,;?/";

    private ConfigSipUri() {
    }

    /**
     * Parses {@code text}.
     *
     * @param example a well-formed URI for the same key, shown in every refusal
     * @throws IllegalArgumentException with a message that quotes the text and says what to write
     */
    static SipUri parse(String text, String example) {
        String quoted = ConfigProblem.quote(text);
        String fix = "; write it like " + example;
        String trimmed = text.strip();
        int colon = trimmed.indexOf(':');
        String schemeText = colon < 0 ? "" : trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
        SipUri.Scheme scheme = switch (schemeText) {
            case "sip" -> SipUri.Scheme.SIP;
            case "sips" -> SipUri.Scheme.SIPS;
            default -> throw new IllegalArgumentException(quoted + " is not a SIP URI (it must start with sip: or sips:)" + fix);
        };
        String rest = trimmed.substring(colon + 1);
        if (rest.indexOf('?') >= 0 && rest.indexOf('?') > rest.indexOf('@')) {
            throw new IllegalArgumentException(quoted + " carries URI headers (after '?'); remove them" + fix);
        }
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            if (userInfo.indexOf(':') >= 0) {
                throw new IllegalArgumentException(quoted + " carries a password; remove it, holdfast sends no passwords in URIs" + fix);
            }
            user = decodeUser(userInfo);
            if (user == null) {
                throw new IllegalArgumentException(quoted + " has an invalid user part \"" + userInfo + "\"" + fix);
            }
            rest = rest.substring(at + 1);
        }
        int semicolon = rest.indexOf(';');
        String hostPort = semicolon < 0 ? rest : rest.substring(0, semicolon);
        SipParameters parameters = semicolon < 0 ? SipParameters.EMPTY : parameters(rest.substring(semicolon + 1));
        if (parameters == null) {
            throw new IllegalArgumentException(quoted + " has an invalid parameter; parameters look like ;transport=tcp" + fix);
        }
        String host;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(quoted + " has an IPv6 host without its closing ']'" + fix);
            }
            host = hostPort.substring(0, close + 1);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException(quoted + " has text after its host" + fix);
                }
                port = after.substring(1);
            }
            if (!validIpv6(host.substring(1, host.length() - 1))) {
                throw new IllegalArgumentException(quoted + " has an invalid IPv6 host " + host + fix);
            }
        } else {
            int portColon = hostPort.indexOf(':');
            host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
            port = portColon < 0 ? null : hostPort.substring(portColon + 1);
            if (host.isEmpty()) {
                throw new IllegalArgumentException(quoted + " has no host" + fix);
            }
            if (!validHost(host)) {
                throw new IllegalArgumentException(quoted + " has an invalid host \"" + host + "\"" + fix);
            }
        }
        int portNumber = SipUri.NO_PORT;
        if (port != null) {
            if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException(quoted + " has an invalid port \"" + port
                        + "\"; write a port from 1 to 65535, like " + example);
            }
            portNumber = Integer.parseInt(port);
        }
        return new SipUri(scheme, user, null, host, portNumber, parameters, null);
    }

    private static boolean validHost(String host) {
        if (DOTTED_DIGITS.matcher(host).matches()) {
            String[] parts = host.split("\\.", -1);
            if (parts.length != 4) {
                return false;
            }
            for (String part : parts) {
                if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        return HOST_NAME.matcher(host).matches();
    }

    private static boolean validIpv6(String literal) {
        if (literal.isEmpty() || literal.indexOf(':') < 0) {
            return false;
        }
        return SocketAddressSyntax.isIpv6Literal(literal);
    }

    /** The user part with %HH escapes decoded, or null when it holds a character the grammar forbids. */
    private static String decodeUser(String text) {
        if (text.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return null;
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80 && (Character.isLetterOrDigit(c) || USER_CHARS.indexOf(c) >= 0)) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** {@code name[=value]} items separated by ';', or null when one is malformed. */
    private static SipParameters parameters(String text) {
        List<SipParameters.Parameter> list = new ArrayList<>();
        for (String item : text.split(";", -1)) {
            int equals = item.indexOf('=');
            String name = equals < 0 ? item : item.substring(0, equals);
            String value = equals < 0 ? null : item.substring(equals + 1);
            if (!TOKEN.matcher(name).matches() || (value != null && !PARAM_VALUE.matcher(value).matches())) {
                return null;
            }
            list.add(new SipParameters.Parameter(name, value));
        }
        return SipParameters.of(list);
    }
}
