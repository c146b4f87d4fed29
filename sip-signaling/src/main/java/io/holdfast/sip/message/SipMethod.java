package io.holdfast.sip.message;

import java.util.Locale;

/** SIP request methods (RFC 3261 §7.1 and the extensions a B2BUA relays). Method names are case-sensitive. */
public enum SipMethod {
    INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, INFO, UPDATE, PRACK, SUBSCRIBE, NOTIFY, REFER, MESSAGE,
    PUBLISH,
    /** Any other token; the request keeps the token itself. */
    EXTENSION;

    /** The method for a token, {@link #EXTENSION} when the token is not one of the known methods. */
    public static SipMethod of(String token) {
        for (SipMethod m : values()) {
            if (m != EXTENSION && m.name().equals(token)) {
                return m;
            }
        }
        return EXTENSION;
    }

    /** The token as written on the wire (upper case), undefined for {@link #EXTENSION}. */
    public String token() {
        return name().toUpperCase(Locale.ROOT);
    }
}
