package io.holdfast.sip.sdp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address literals as SDP writes them (RFC 8866 §9: {@code IP4-address}, {@code IP6-address}),
 * parsed without any name lookup, and formatted back (IPv6 in the RFC 5952 canonical form).
 */
final class IpLiteral {
    private static final int IP6_GROUPS = 8;

    private IpLiteral() {
    }

    /** The 4 bytes of a dotted-quad IPv4 address with no leading zeros, or {@code null}. */
    static byte[] parseIp4(String s) {
        byte[] out = new byte[4];
        return parseIp4Into(s, out, 0) ? out : null;
    }

    private static boolean parseIp4Into(String s, byte[] out, int offset) {
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part == 4) {
                    return false;
                }
                out[offset + part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return false;
                }
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return part == 4;
    }

    /**
     * The 16 bytes of an IPv6 address in any RFC 4291 §2.2 text form (including {@code ::} and an
     * IPv4 tail), or {@code null}. No zone index, no brackets.
     */
    static byte[] parseIp6(String s) {
        if (s.length() < 2 || s.length() > 45) {
            return null;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        byte[] head = new byte[16];
        byte[] tail = new byte[16];
        int headBytes;
        int tailBytes;
        if (gap < 0) {
            headBytes = groups(s, true, head);
            tailBytes = 0;
            if (headBytes != 16) {
                return null;
            }
        } else {
            String after = s.substring(gap + 2);
            headBytes = groups(s.substring(0, gap), false, head);
            tailBytes = groups(after, true, tail);
            if (headBytes < 0 || tailBytes < 0 || headBytes + tailBytes > 14) {
                return null;
            }
        }
        byte[] out = new byte[16];
        System.arraycopy(head, 0, out, 0, headBytes);
        System.arraycopy(tail, 0, out, 16 - tailBytes, tailBytes);
        return out;
    }

    /** Writes the colon-separated groups of {@code part} into {@code out}; the byte count, or -1. */
    private static int groups(String part, boolean ip4TailAllowed, byte[] out) {
        if (part.isEmpty()) {
            return 0;
        }
        int bytes = 0;
        int start = 0;
        while (true) {
            int colon = part.indexOf(':', start);
            String group = colon < 0 ? part.substring(start) : part.substring(start, colon);
            if (colon < 0 && ip4TailAllowed && group.indexOf('.') >= 0) {
                if (bytes > 12 || !parseIp4Into(group, out, bytes)) {
                    return -1;
                }
                return bytes + 4;
            }
            int value = hexGroup(group);
            if (value < 0 || bytes == 16) {
                return -1;
            }
            out[bytes++] = (byte) (value >>> 8);
            out[bytes++] = (byte) value;
            if (colon < 0) {
                return bytes;
            }
            start = colon + 1;
        }
    }

    private static int hexGroup(String group) {
        if (group.isEmpty() || group.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < group.length(); i++) {
            int digit = Character.digit(group.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** An address from parsed bytes; no name lookup takes place. */
    static InetAddress toInetAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address length: " + bytes.length, e);
        }
    }

    /** The address as SDP writes it: dotted quad, or RFC 5952 IPv6 without zone index. */
    static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        if (!(address instanceof Inet6Address)) {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
        byte[] b = address.getAddress();
        int[] g = new int[IP6_GROUPS];
        for (int i = 0; i < IP6_GROUPS; i++) {
            g[i] = (b[2 * i] & 0xFF) << 8 | b[2 * i + 1] & 0xFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < IP6_GROUPS; i++) {
            int j = i;
            while (j < IP6_GROUPS && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < IP6_GROUPS; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }
}
