package io.holdfast.sip.dialog;

import io.holdfast.sip.message.SipMessage;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A dialog's identity (RFC 3261 §12): Call-ID, local tag and remote tag, as seen from this side. Also
 * makes the random parts of new identities: tags (§19.3) and Call-IDs (§8.1.1.4).
 */
public record DialogId(String callId, String localTag, String remoteTag) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    public DialogId {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(localTag, "localTag");
        Objects.requireNonNull(remoteTag, "remoteTag");
    }

    /** The dialog id of a message received by the UAS side of a dialog (local = To tag, remote = From tag). */
    public static DialogId ofReceivedRequest(SipMessage request) {
        return new DialogId(request.callId(), request.to().tag(), request.from().tag());
    }

    /** The dialog id of a response received by the UAC side (local = From tag, remote = To tag). */
    public static DialogId ofReceivedResponse(SipMessage response) {
        return new DialogId(response.callId(), response.from().tag(), response.to().tag());
    }

    /** A new tag with 64 random bits (§19.3 asks for at least 32). */
    public static String newTag() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /** A new, cryptographically random Call-ID (§8.1.1.4) of 128 bits, {@code @host} appended when given. */
    public static String newCallId(String host) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String random = HEX.formatHex(bytes);
        return host == null ? random : random + '@' + host;
    }
}
