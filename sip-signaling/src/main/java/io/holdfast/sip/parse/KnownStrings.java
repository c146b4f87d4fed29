package io.holdfast.sip.parse;

import java.nio.charset.StandardCharsets;

/**
 * Interned strings for the tokens that recur in every message (parameter names, transports, common
 * values), so that parsing them allocates nothing. An exact, case-sensitive byte match returns the
 * constant; anything else becomes a new string.
 */
final class KnownStrings {
    private static final String[] VALUES = {
        "tag", "branch", "lr", "transport", "received", "rport", "maddr", "ttl", "user", "method", "q",
        "expires", "ob", "reg-id", "+sip.instance", "refresher", "uac", "uas", "cause", "text", "SIP", "Q.850",
        "UDP", "TCP", "TLS", "SCTP", "WS", "WSS", "udp", "tcp", "tls", "sctp", "ws", "wss", "phone",
        "application/sdp", "application/dtmf-relay", "text/plain", "timer", "100rel", "replaces", "path",
        "outbound", "gruu", "norefersub", "histinfo", "precondition", "INVITE", "ACK", "BYE", "CANCEL",
        "OPTIONS", "REGISTER", "INFO", "UPDATE", "PRACK", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH",
        "phone-context", "isub", "ext", "comp", "sigcomp", "sip", "sips", "keep",
    };
    private static final int MASK = 255;
    private static final String[] TABLE = new String[MASK + 1];
    private static final byte[][] BYTES = new byte[MASK + 1][];

    static {
        for (String value : VALUES) {
            byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
            int slot = hash(bytes, 0, bytes.length) & MASK;
            while (TABLE[slot] != null && !TABLE[slot].equals(value)) {
                slot = (slot + 1) & MASK;
            }
            TABLE[slot] = value;
            BYTES[slot] = bytes;
        }
    }

    private KnownStrings() {
    }

    private static int hash(byte[] a, int start, int length) {
        return (length * 31 + a[start]) * 31 + a[start + length - 1] * 7 + a[start + (length >> 1)];
    }

    /** The ASCII text of {@code a[start, end)}, interned when it is one of the known tokens. */
    static String ascii(byte[] a, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return "";
        }
        int slot = hash(a, start, length) & MASK;
        for (String candidate; (candidate = TABLE[slot]) != null; slot = (slot + 1) & MASK) {
            byte[] bytes = BYTES[slot];
            if (bytes.length == length && regionEquals(a, start, bytes)) {
                return candidate;
            }
        }
        return new String(a, start, length, StandardCharsets.ISO_8859_1);
    }

    private static boolean regionEquals(byte[] a, int start, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (a[start + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
