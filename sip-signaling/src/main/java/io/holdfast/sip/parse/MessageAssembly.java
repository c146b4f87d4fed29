package io.holdfast.sip.parse;

import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.message.SessionExpires;
import io.holdfast.sip.message.SipHeader;
import io.holdfast.sip.message.SipHeaderName;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.Via;
import io.holdfast.sip.parse.SipParseException.Rule;
import java.util.List;

/**
 * The typed state of the message being parsed: which headers were seen (so that a second value of a
 * single-valued header is a conflict and the mandatory ones can be checked), Content-Length, the
 * values of multi-valued headers, and the builder they go into. Values that depend on nothing but
 * their own bytes and recur from message to message (To, Contact, Route, Record-Route, Content-Type,
 * Allow, Supported, Require, Session-Expires and untyped headers) are looked up in a {@link
 * ValueCache} first. Reused by its parser for message after message ({@link #reset}); not thread-safe.
 */
final class MessageAssembly implements ViaParser.Sink {
    /** {@link ValueCache} kind of an untyped header's value, plus its {@link HeaderName.Check} ordinal. */
    private static final int RAW_KIND = 64;

    private final ValueCache cache = new ValueCache();
    private final Values<Via> vias = new Values<>();
    private final Values<NameAddr> contactValues = new Values<>();
    private final Values<NameAddr> routes = new Values<>();
    private final Values<NameAddr> recordRoutes = new Values<>();
    private final Values<Reason> reasons = new Values<>();
    private final Values<String> allow = new Values<>();
    private final Values<String> supported = new Values<>();
    private final Values<String> require = new Values<>();
    private final Values<SipHeader> otherHeaders = new Values<>();
    private SipMessage.Builder<?> builder;
    private long seenTyped;
    private long seenUntyped;
    int contentLength = -1;
    String contentType;
    String cseqMethod;
    int cseqOffset;
    private boolean contactWildcard;
    private boolean contacts;

    /** Starts a new message that goes into {@code target}. */
    void reset(SipMessage.Builder<?> target) {
        builder = target;
        seenTyped = 0;
        seenUntyped = 0;
        contentLength = -1;
        contentType = null;
        cseqMethod = null;
        cseqOffset = 0;
        contactWildcard = false;
        contacts = false;
        vias.clear();
        contactValues.clear();
        routes.clear();
        recordRoutes.clear();
        reasons.clear();
        allow.clear();
        supported.clear();
        require.clear();
        otherHeaders.clear();
    }

    /** Hands the multi-valued headers to the builder, each as one immutable list. */
    void finish() {
        if (!vias.isEmpty()) {
            builder.vias(vias.toList());
        }
        if (!contactValues.isEmpty()) {
            builder.contacts(contactValues.toList());
        }
        if (!routes.isEmpty()) {
            builder.routes(routes.toList());
        }
        if (!recordRoutes.isEmpty()) {
            builder.recordRoutes(recordRoutes.toList());
        }
        if (!reasons.isEmpty()) {
            builder.reasons(reasons.toList());
        }
        if (!allow.isEmpty()) {
            builder.allow(allow.toList());
        }
        if (!supported.isEmpty()) {
            builder.supported(supported.toList());
        }
        if (!require.isEmpty()) {
            builder.require(require.toList());
        }
        if (!otherHeaders.isEmpty()) {
            builder.otherHeaders(otherHeaders.toList());
        }
    }

    boolean seen(SipHeaderName name) {
        return (seenTyped & 1L << name.ordinal()) != 0;
    }

    @Override
    public void via(Via via) {
        vias.add(via);
    }

    /** Reads a typed header value from the scanner's range (already set) into the builder. */
    void typed(SipHeaderName name, SipScanner s, int fieldStart) throws SipParseException {
        long bit = 1L << name.ordinal();
        if (name.singleValued() && (seenTyped & bit) != 0) {
            throw s.failAt(Rule.DUPLICATE_HEADER, fieldStart, "second " + name.canonicalName() + " header");
        }
        seenTyped |= bit;
        switch (name) {
            case VIA -> ViaParser.parse(s, this);
            case FROM -> builder.from(single(s, name));
            case TO -> builder.to(to(s));
            case CALL_ID -> builder.callId(HeaderValues.callId(s));
            case CSEQ -> {
                cseqOffset = fieldStart;
                builder.cseq(cseqOf(s));
            }
            case MAX_FORWARDS -> builder.maxForwards(HeaderValues.maxForwards(s));
            case CONTACT -> contact(s, fieldStart);
            case ROUTE -> nameAddrs(name, s, routes, "Route value");
            case RECORD_ROUTE -> nameAddrs(name, s, recordRoutes, "Record-Route value");
            case CONTENT_TYPE -> {
                contentType = contentType(s);
                builder.contentType(contentType);
            }
            case CONTENT_LENGTH -> contentLength = HeaderValues.contentLength(s);
            case REASON -> HeaderValues.reasons(s, reasons);
            case ALLOW -> tokens(name, s, allow, true, "method");
            case SUPPORTED -> tokens(name, s, supported, true, "option-tag");
            case REQUIRE -> tokens(name, s, require, false, "option-tag");
            case SESSION_EXPIRES -> builder.sessionExpires(sessionExpires(s));
            case MIN_SE -> builder.minSe(HeaderValues.minSe(s));
        }
    }

    private NameAddr to(SipScanner s) throws SipParseException {
        Object kept = cache.find(SipHeaderName.TO.ordinal(), s.a, s.pos, s.end);
        if (kept != null) {
            return (NameAddr) kept;
        }
        NameAddr value = single(s, SipHeaderName.TO);
        cache.keep(value);
        return value;
    }

    /** Route or Record-Route: one or more name-addr values. */
    @SuppressWarnings("unchecked")
    private void nameAddrs(SipHeaderName name, SipScanner s, Values<NameAddr> out, String what)
            throws SipParseException {
        Object kept = cache.find(name.ordinal(), s.a, s.pos, s.end);
        if (kept != null) {
            out.addAll((List<NameAddr>) kept);
            return;
        }
        int mark = out.mark();
        do {
            out.add(NameAddrParser.parse(s, true));
        } while (s.separator(','));
        s.expectEnd(Rule.BAD_NAME_ADDR, what);
        cache.keep(out.since(mark));
    }

    private String contentType(SipScanner s) throws SipParseException {
        Object kept = cache.find(SipHeaderName.CONTENT_TYPE.ordinal(), s.a, s.pos, s.end);
        if (kept != null) {
            return (String) kept;
        }
        String value = HeaderValues.contentType(s);
        cache.keep(value);
        return value;
    }

    /** Allow, Supported or Require. */
    @SuppressWarnings("unchecked")
    private void tokens(SipHeaderName name, SipScanner s, Values<String> out, boolean emptyAllowed, String what)
            throws SipParseException {
        Object kept = cache.find(name.ordinal(), s.a, s.pos, s.end);
        if (kept != null) {
            out.addAll((List<String>) kept);
            return;
        }
        int mark = out.mark();
        HeaderValues.tokens(s, out, emptyAllowed, what);
        cache.keep(out.since(mark));
    }

    private SessionExpires sessionExpires(SipScanner s) throws SipParseException {
        Object kept = cache.find(SipHeaderName.SESSION_EXPIRES.ordinal(), s.a, s.pos, s.end);
        if (kept != null) {
            return (SessionExpires) kept;
        }
        SessionExpires value = HeaderValues.sessionExpires(s);
        cache.keep(value);
        return value;
    }

    private CSeq cseqOf(SipScanner s) throws SipParseException {
        CSeq cseq = HeaderValues.cseq(s);
        cseqMethod = cseq.methodToken();
        return cseq;
    }

    /** An untyped header: conflict check, optional validation, then kept as received. */
    void untyped(HeaderName known, String name, SipScanner s, int fieldStart) throws SipParseException {
        if (known != null) {
            if (known.singleBit >= 0) {
                long bit = 1L << known.singleBit;
                if ((seenUntyped & bit) != 0) {
                    throw s.failAt(Rule.DUPLICATE_HEADER, fieldStart, "second " + known.canonical + " header");
                }
                seenUntyped |= bit;
            }
        }
        HeaderName.Check check = known != null ? known.check : HeaderName.Check.NONE;
        Object kept = cache.find(RAW_KIND + check.ordinal(), s.a, s.pos, s.end);
        String value;
        if (kept != null) {
            value = (String) kept;
        } else {
            if (check != HeaderName.Check.NONE) {
                int start = s.pos;
                if (check == HeaderName.Check.DATE) {
                    HeaderValues.date(s);
                } else {
                    HeaderValues.deltaSeconds(s);
                }
                s.pos = start;
            }
            value = RawText.read(s);
            cache.keep(value);
        }
        otherHeaders.add(new SipHeader(name, value));
    }

    /** From or To: one value, whose tag (if any) is a token. */
    static NameAddr single(SipScanner s, SipHeaderName name) throws SipParseException {
        NameAddr value = NameAddrParser.parse(s, false);
        s.skipLws();
        if (s.peek() == ',') {
            throw s.fail(Rule.DUPLICATE_HEADER, "a second value in the single-valued " + name.canonicalName());
        }
        s.expectEnd(Rule.BAD_NAME_ADDR, name == SipHeaderName.FROM ? "From value" : "To value");
        String tag = value.parameters().get("tag");
        if (tag != null || value.parameters().has("tag")) {
            if (!HeaderParams.isToken(tag)) {
                throw s.fail(Rule.BAD_NAME_ADDR, "tag must be a token");
            }
        }
        return value;
    }

    private void contact(SipScanner s, int fieldStart) throws SipParseException {
        if (s.peek() == '*') {
            s.pos++;
            s.skipLws();
            if (!s.atEnd() || contactWildcard || contacts) {
                throw s.failAt(Rule.BAD_HEADER_VALUE, fieldStart, "Contact: * must be the only Contact value");
            }
            contactWildcard = true;
            builder.contactWildcard(true);
            return;
        }
        if (contactWildcard) {
            throw s.failAt(Rule.BAD_HEADER_VALUE, fieldStart, "Contact: * must be the only Contact value");
        }
        contacts = true;
        Object kept = cache.find(SipHeaderName.CONTACT.ordinal(), s.a, s.pos, s.end);
        if (kept != null) {
            contactValues.addAll(castNameAddrs(kept));
            return;
        }
        int mark = contactValues.mark();
        do {
            NameAddr value = NameAddrParser.parse(s, false);
            checkContactParameters(s, value.parameters());
            contactValues.add(value);
        } while (s.separator(','));
        s.expectEnd(Rule.BAD_NAME_ADDR, "Contact value");
        cache.keep(contactValues.since(mark));
    }

    @SuppressWarnings("unchecked")
    private static List<NameAddr> castNameAddrs(Object kept) {
        return (List<NameAddr>) kept;
    }

    /** q = qvalue ("0" ["." 0*3DIGIT] / "1" ["." 0*3("0")]) and expires = delta-seconds (RFC 3261 §20.10). */
    private static void checkContactParameters(SipScanner s, SipParameters parameters) throws SipParseException {
        List<SipParameters.Parameter> list = parameters.asList();
        for (int i = 0; i < list.size(); i++) {
            SipParameters.Parameter p = list.get(i);
            if (p.name().equalsIgnoreCase("q") && !isQvalue(p.value())) {
                throw s.fail(Rule.BAD_NAME_ADDR, "q must be a qvalue 0..1 with at most 3 decimals");
            }
            if (p.name().equalsIgnoreCase("expires")
                    && !ViaParser.isNumberAtMost(p.value(), HeaderValues.MAX_UINT32)) {
                throw s.fail(Rule.BAD_NAME_ADDR, "expires must be delta-seconds (32 bits)");
            }
        }
    }

    private static boolean isQvalue(String q) {
        if (q == null || q.isEmpty() || q.length() > 5 || q.charAt(0) != '0' && q.charAt(0) != '1') {
            return false;
        }
        if (q.length() == 1) {
            return true;
        }
        if (q.charAt(1) != '.') {
            return false;
        }
        for (int i = 2; i < q.length(); i++) {
            char c = q.charAt(i);
            if (c < '0' || c > '9' || q.charAt(0) == '1' && c != '0') {
                return false;
            }
        }
        return true;
    }
}
