package io.holdfast.relay.call;

import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipRequest;

/**
 * A caller's number as logs may show it: every character masked but the last two, and those only when the
 * number is long enough that two digits do not identify anyone ({@code ********34}). Caller numbers never
 * reach a log line whole (zero retention). Stateless.
 */
final class MaskedCaller {
    /** Numbers shorter than this are masked whole. */
    private static final int MIN_LENGTH_TO_SHOW_TAIL = 7;
    private static final int SHOWN_TAIL = 2;

    private MaskedCaller() {
    }

    /** The masked user part of the request's From. */
    static String of(SipRequest request) {
        NameAddr from = request.from();
        return mask(from == null ? null : from.uri().user());
    }

    static String mask(String user) {
        if (user == null || user.isEmpty()) {
            return "anonymous";
        }
        int shown = user.length() >= MIN_LENGTH_TO_SHOW_TAIL ? SHOWN_TAIL : 0;
        StringBuilder out = new StringBuilder(user.length());
        for (int i = 0; i < user.length(); i++) {
            out.append(i >= user.length() - shown ? user.charAt(i) : '*');
        }
        return out.toString();
    }
}
