package io.holdfast.relay.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address syntax of the configuration: IP literals only ({@code 127.0.0.1}, {@code ::1}) so
 * that loading never waits on DNS, and {@code host:port} with IPv6 in brackets
 * ({@code [::1]:5060}). Stateless.
 */
final class SocketAddressSyntax {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern PORT = Pattern.compile("\\d{1,9}");

    private SocketAddressSyntax() {
    }

    /**
     * Parses {@code 127.0.0.1:5060} or {@code [::1]:5060}; port 0 means "any free port".
     *
     * @param examplePort the port the message's example shows, the key's usual one
     * @throws IllegalArgumentException with a message that quotes the text and says what to write
     */
    static InetSocketAddress parseSocketAddress(String text, int examplePort) {
        String quoted = ConfigProblem.quote(text);
        String example = "write it like 127.0.0.1:" + examplePort + " or [::1]:" + examplePort;
        String trimmed = text.strip();
        String host;
        String port;
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(quoted + " has no closing ']'; " + example);
            }
            host = trimmed.substring(1, close);
            String rest = trimmed.substring(close + 1);
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(quoted + " has no port; " + example);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException(quoted + " is not an IP address and port; " + example);
            }
            port = rest.substring(1);
            if (!host.contains(":")) {
                throw new IllegalArgumentException(quoted + " has an IPv4 address in brackets; write it like 127.0.0.1:"
                        + examplePort);
            }
        } else {
            int colon = trimmed.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(quoted + " has no port; " + example);
            }
            if (trimmed.indexOf(':') != colon) {
                throw new IllegalArgumentException(quoted + " is not an IP address and port; write an IPv6 address"
                        + " in brackets, like [::1]:" + examplePort);
            }
            host = trimmed.substring(0, colon);
            port = trimmed.substring(colon + 1);
        }
        InetAddress address = literal(host);
        if (address == null) {
            throw new IllegalArgumentException(quoted + " is not an IP address and port; " + example);
        }
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException(quoted + " has a port out of range; write a port from 0 to 65535, like "
                    + format(new InetSocketAddress(address, examplePort)));
        }
        return new InetSocketAddress(address, Integer.parseInt(port));
    }

    /**
     * Parses an IP literal, {@code 127.0.0.1}, {@code ::1} or {@code [::1]}.
     *
     * @throws IllegalArgumentException with a message that quotes the text and says what to write
     */
    static InetAddress parseAddress(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        InetAddress address = literal(trimmed);
        if (address == null) {
            throw new IllegalArgumentException(ConfigProblem.quote(text)
                    + " is not an IP address; write it like 127.0.0.1 or ::1");
        }
        return address;
    }

    /** {@code 127.0.0.1:5060}, {@code [::1]:5060}: what {@link #parseSocketAddress} reads back. */
    static String format(InetSocketAddress address) {
        return address(address.getAddress()) + ":" + address.getPort();
    }

    /** An address as it appears before a port: IPv6 in brackets. */
    static String address(InetAddress address) {
        String host = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + host + "]" : host;
    }

    /**
     * The address of an IPv4 or IPv6 literal, or null; never asks DNS (a name is not a literal). The
     * JDK refuses an invalid IPv6 literal with {@link UnknownHostException}, which means "not a literal" here.
     */
    static InetAddress literal(String host) {
        if (host.isEmpty()) {
            return null;
        }
        Matcher v4 = IPV4.matcher(host);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return null;
                }
            }
        } else if (!host.contains(":") || host.contains("%")) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
