package io.holdfast.relay.context;

import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipUri;

/**
 * Masks caller numbers and user parts for logs: {@code +4930123456} becomes {@code +49301****56}. The
 * country and area prefix (up to five digits) and the last two digits stay, enough to tell a carrier's
 * calls apart; the middle becomes a fixed {@value #MASK}, which hides how many digits it stands for. At
 * least three digits are always hidden: a short number keeps fewer digits on each side, and a number of
 * three digits or fewer is masked whole. Visual separators of RFC 3966 ({@code - . ( )} and spaces) are
 * dropped first. A user part that is not a number (a name) is masked whole. Stateless; safe on any thread.
 */
public final class CallerNumberMask {
    /** What stands for the hidden digits. */
    public static final String MASK = "****";
    /** Leading digits kept at most (country and area code). */
    public static final int MAX_PREFIX_DIGITS = 5;
    /** Trailing digits kept when the number is long enough. */
    public static final int SUFFIX_DIGITS = 2;
    /** Digits always hidden. */
    public static final int MIN_HIDDEN_DIGITS = 3;
    /** Shortest number that keeps its trailing digits. */
    private static final int MIN_DIGITS_FOR_SUFFIX = 7;

    private CallerNumberMask() {
    }

    /** The masked number, or {@value #MASK} for anything that is not one; {@code "-"} for {@code null}. */
    public static String mask(String number) {
        if (number == null) {
            return "-";
        }
        StringBuilder digits = new StringBuilder(number.length());
        boolean plus = false;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && i == 0) {
                plus = true;
            } else if (!isVisualSeparator(c)) {
                return MASK;
            }
        }
        int count = digits.length();
        int suffix = count >= MIN_DIGITS_FOR_SUFFIX ? SUFFIX_DIGITS : 0;
        int prefix = Math.max(0, Math.min(MAX_PREFIX_DIGITS, count - suffix - MIN_HIDDEN_DIGITS));
        StringBuilder out = new StringBuilder(count + MASK.length());
        if (plus) {
            out.append('+');
        }
        return out.append(digits, 0, prefix).append(MASK).append(digits, count - suffix, count).toString();
    }

    /**
     * The URI with its user part masked and no parameters or headers: {@code sip:+49301****56@carrier.example}
     * or {@code tel:+49301****56}. The host is the carrier's, not the caller's, and stays.
     */
    public static String mask(SipUri uri) {
        if (uri == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(uri.scheme().token()).append(':');
        if (uri.user() != null) {
            out.append(mask(uri.user()));
            if (uri.host() != null) {
                out.append('@');
            }
        }
        if (uri.host() != null) {
            out.append(uri.host());
        }
        return out.toString();
    }

    /** The masked URI of a From, To or P-Asserted-Identity value; the display name (a person's name) is left out. */
    public static String mask(NameAddr address) {
        return address == null ? "-" : mask(address.uri());
    }

    private static boolean isVisualSeparator(char c) {
        return c == '-' || c == '.' || c == '(' || c == ')' || c == ' ';
    }
}
