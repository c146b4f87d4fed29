package io.holdfast.sip.parse;

import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.message.SessionExpires;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.parse.SipParseException.Rule;

/**
 * The scalar and token-list header values of RFC 3261 §25.1, RFC 3326 (Reason) and RFC 4028
 * (Session-Expires, Min-SE), each read from the scanner's current range, which it must consume.
 */
final class HeaderValues {
    /** delta-seconds and CSeq numbers are 32-bit unsigned. */
    static final long MAX_UINT32 = 0xFFFF_FFFFL;
    private static final String[] WEEKDAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"};

    private HeaderValues() {
    }

    /** CSeq = 1*DIGIT LWS Method; the number fits 32 bits unsigned. */
    static CSeq cseq(SipScanner s) throws SipParseException {
        long sequence = s.number(MAX_UINT32, Rule.BAD_CSEQ, "CSeq number");
        int beforeLws = s.pos;
        s.skipLws();
        if (s.pos == beforeLws) {
            throw s.fail(Rule.BAD_CSEQ, "expected white space between the CSeq number and method");
        }
        String token = s.token(Rule.BAD_CSEQ, "CSeq method");
        s.expectEnd(Rule.BAD_CSEQ, "CSeq method");
        return new CSeq(sequence, SipMethod.of(token), token);
    }

    /** Max-Forwards = 1*DIGIT, 0..255 (RFC 3261 §20.22). */
    static int maxForwards(SipScanner s) throws SipParseException {
        int value = (int) s.number(255, Rule.BAD_MAX_FORWARDS, "Max-Forwards");
        s.expectEnd(Rule.BAD_MAX_FORWARDS, "Max-Forwards");
        return value;
    }

    /** Content-Length = 1*DIGIT; anything that does not fit an int is refused as malformed. */
    static int contentLength(SipScanner s) throws SipParseException {
        int value = (int) s.number(Integer.MAX_VALUE, Rule.BAD_CONTENT_LENGTH, "Content-Length");
        s.expectEnd(Rule.BAD_CONTENT_LENGTH, "Content-Length");
        return value;
    }

    /** delta-seconds alone (Expires, Min-Expires). */
    static void deltaSeconds(SipScanner s) throws SipParseException {
        s.number(MAX_UINT32, Rule.BAD_HEADER_VALUE, "delta-seconds");
        s.expectEnd(Rule.BAD_HEADER_VALUE, "delta-seconds");
    }

    /** callid = word [ "@" word ]. */
    static String callId(SipScanner s) throws SipParseException {
        int start = s.pos;
        if (s.skip(SipChars.WORD) == 0) {
            throw s.fail(Rule.BAD_HEADER_VALUE, "Call-ID must start with a word character");
        }
        if (s.peek() == '@') {
            s.pos++;
            if (s.skip(SipChars.WORD) == 0) {
                throw s.fail(Rule.BAD_HEADER_VALUE, "Call-ID needs a word after '@'");
            }
        }
        if (!s.atEnd()) {
            int c = s.peek();
            throw s.fail(c >= 0x80 || c < 0x20 || c == 0x7f ? Rule.ILLEGAL_CHARACTER : Rule.BAD_HEADER_VALUE,
                    "character " + SipScanner.describe(c) + " not allowed in Call-ID");
        }
        return s.fresh(start, s.end);
    }

    /** media-type = m-type SLASH m-subtype *(SEMI m-parameter), kept as received (folds unfolded). */
    static String contentType(SipScanner s) throws SipParseException {
        int start = s.pos;
        s.token(Rule.BAD_HEADER_VALUE, "media type");
        if (!s.separator('/')) {
            throw s.fail(Rule.BAD_HEADER_VALUE, "expected '/' in the media type");
        }
        s.token(Rule.BAD_HEADER_VALUE, "media subtype");
        int typeEnd = s.pos;
        SipParameters parameters = HeaderParams.read(s, Rule.BAD_HEADER_VALUE);
        s.expectEnd(Rule.BAD_HEADER_VALUE, "media type");
        if (parameters.isEmpty()) {
            boolean compact = true;
            for (int i = start; i < typeEnd && compact; i++) {
                compact = s.a[i] == '/' || SipChars.is(s.a[i], SipChars.TOKEN);
            }
            if (compact) {
                return s.ascii(start, typeEnd);
            }
            s.end = typeEnd;
        }
        s.pos = start;
        return RawText.read(s);
    }

    /**
     * token *(COMMA token): Methods of Allow, option-tags of Supported and Require.
     *
     * @param emptyAllowed true for Allow and Supported ({@code [token ...]}), false for Require
     */
    static void tokens(SipScanner s, Values<String> out, boolean emptyAllowed, String what)
            throws SipParseException {
        if (s.atEnd()) {
            if (!emptyAllowed) {
                throw s.fail(Rule.BAD_HEADER_VALUE, "expected at least one " + what);
            }
            return;
        }
        do {
            out.add(s.token(Rule.BAD_HEADER_VALUE, what));
        } while (s.separator(','));
        s.expectEnd(Rule.BAD_HEADER_VALUE, what);
    }

    /**
     * Reason = reason-value *(COMMA reason-value); reason-value = protocol *(SEMI reason-params) with
     * {@code cause} (1*DIGIT) and {@code text} (quoted-string). Extension parameters are checked as
     * generic-params and not kept.
     */
    static void reasons(SipScanner s, Values<Reason> out) throws SipParseException {
        do {
            s.skipLws();
            String protocol = s.token(Rule.BAD_HEADER_VALUE, "Reason protocol");
            int cause = Reason.NO_CAUSE;
            String text = null;
            while (s.separator(';')) {
                int nameAt = s.pos;
                String name = s.token(Rule.BAD_HEADER_VALUE, "Reason parameter");
                if (!s.separator('=')) {
                    continue;
                }
                if (name.equalsIgnoreCase("cause")) {
                    cause = (int) s.number(Integer.MAX_VALUE, Rule.BAD_HEADER_VALUE, "Reason cause");
                } else if (name.equalsIgnoreCase("text")) {
                    if (s.peek() != '"') {
                        throw s.failAt(Rule.BAD_HEADER_VALUE, nameAt, "Reason text must be a quoted-string");
                    }
                    int open = s.pos;
                    boolean escapes = s.quotedString();
                    text = s.unquote(open, s.pos - 1, escapes);
                } else {
                    HeaderParams.genValue(s, Rule.BAD_HEADER_VALUE);
                }
            }
            out.add(new Reason(protocol, cause, text));
        } while (s.separator(','));
        s.expectEnd(Rule.BAD_HEADER_VALUE, "Reason value");
    }

    /** Session-Expires = delta-seconds *(SEMI se-params), refresher = uac / uas (RFC 4028 §4). */
    static SessionExpires sessionExpires(SipScanner s) throws SipParseException {
        long delta = s.number(MAX_UINT32, Rule.BAD_HEADER_VALUE, "Session-Expires delta-seconds");
        SipParameters parameters = HeaderParams.read(s, Rule.BAD_HEADER_VALUE);
        s.expectEnd(Rule.BAD_HEADER_VALUE, "Session-Expires");
        String refresher = null;
        for (SipParameters.Parameter p : parameters.asList()) {
            if (p.name().equalsIgnoreCase("refresher")) {
                if (refresher != null || !"uac".equalsIgnoreCase(p.value()) && !"uas".equalsIgnoreCase(p.value())) {
                    throw s.fail(Rule.BAD_HEADER_VALUE, "refresher must be given once, as uac or uas");
                }
                refresher = p.value();
            }
        }
        return new SessionExpires(delta, refresher);
    }

    /** Min-SE = delta-seconds *(SEMI generic-param) (RFC 4028 §5). */
    static long minSe(SipScanner s) throws SipParseException {
        long delta = s.number(MAX_UINT32, Rule.BAD_HEADER_VALUE, "Min-SE delta-seconds");
        HeaderParams.read(s, Rule.BAD_HEADER_VALUE);
        s.expectEnd(Rule.BAD_HEADER_VALUE, "Min-SE");
        return delta;
    }

    /**
     * rfc1123-date = wkday "," SP date1 SP time SP "GMT" (RFC 3261 §20.17): only GMT, exactly this
     * layout, fields in range.
     */
    static void date(SipScanner s) throws SipParseException {
        byte[] a = s.a;
        int p = s.pos;
        if (s.end - p != 29 || !oneOf(a, p, WEEKDAYS) || a[p + 3] != ',' || a[p + 4] != ' '
                || !number(a, p + 5, 1, 31) || a[p + 7] != ' ' || !oneOf(a, p + 8, MONTHS) || a[p + 11] != ' '
                || !number(a, p + 12, 0, 99) || !number(a, p + 14, 0, 99) || a[p + 16] != ' '
                || !number(a, p + 17, 0, 23) || a[p + 19] != ':' || !number(a, p + 20, 0, 59)
                || a[p + 22] != ':' || !number(a, p + 23, 0, 60) || a[p + 25] != ' ' || a[p + 26] != 'G'
                || a[p + 27] != 'M' || a[p + 28] != 'T') {
            throw s.fail(Rule.BAD_HEADER_VALUE, "Date must be an RFC 1123 date in GMT");
        }
    }

    private static boolean oneOf(byte[] a, int p, String[] names) {
        for (String name : names) {
            if (a[p] == name.charAt(0) && a[p + 1] == name.charAt(1) && a[p + 2] == name.charAt(2)) {
                return true;
            }
        }
        return false;
    }

    private static boolean number(byte[] a, int p, int min, int max) {
        if (a[p] < '0' || a[p] > '9' || a[p + 1] < '0' || a[p + 1] > '9') {
            return false;
        }
        int value = (a[p] - '0') * 10 + a[p + 1] - '0';
        return value >= min && value <= max;
    }
}
