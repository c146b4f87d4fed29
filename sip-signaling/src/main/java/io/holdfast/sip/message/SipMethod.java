package io.holdfast.sip.message;

/** SIP request methods (RFC 3261 §7.1 and the extensions a B2BUA relays). Method names are case-sensitive. */
public enum SipMethod {
    INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, INFO, UPDATE, PRACK, SUBSCRIBE, NOTIFY, REFER, MESSAGE,
    PUBLISH,
    /** Any other token; the request keeps the token itself. */
    EXTENSION;

    private static final SipMethod[] KNOWN = values();

    private final String token = name();

    /** The method for a token, {@link #EXTENSION} when the token is not one of the known methods. */
    public static SipMethod of(String token) {
        for (SipMethod m : KNOWN) {
            if (m != EXTENSION && m.token.equals(token)) {
                return m;
            }
        }
        return EXTENSION;
    }

    /** The token as written on the wire (upper case), undefined for {@link #EXTENSION}. */
    public String token() {
        return token;
    }
}
