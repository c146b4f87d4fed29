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
 * their own bytes and recur from message to message (Max-Forwards, To, Contact, Route, Record-Route,
 * Content-Type, Content-Length, Allow, Supported, Require, Session-Expires, Min-SE and untyped headers)
 * are answered by {@link #typed} and {@link #untyped} so that the parser can keep their line ({@link
 * HeaderLines#keep}); a line found again goes in through {@link #kept}, with the same checks of what
 * the rest of the message allows (a second single value, {@code Contact: *}). Reused by its parser
 * for message after message ({@link #reset}); not thread-safe.
 */
final class MessageAssembly implements ViaParser.Sink {
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
    /**
     * The Via (when its line held one), From or To that {@link #typed} just read, else {@code null}:
     * what its line may be kept as around its last parameter value.
     */
    Object aroundValue;
    private long seenTyped;
    private long seenUntyped;
    int contentLength = -1;
    /**
     * The CSeq method of the message (valid once CSeq was seen); stored only when it changes, as the
     * method token is shared from message to message.
     */
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

    /**
     * Reads a typed header value from the scanner's range (already set) into the builder.
     *
     * @return the value when it depends on nothing but the line's bytes and recurs (for {@link
     *         HeaderLines#keep}), else {@code null}
     */
    Object typed(SipHeaderName name, SipScanner s, int fieldStart) throws SipParseException {
        checkTypedOnce(name, s, fieldStart);
        aroundValue = null;
        switch (name) {
            case VIA -> {
                int before = vias.size();
                ViaParser.parse(s, this);
                if (vias.size() == before + 1) {
                    aroundValue = vias.last();
                }
                return null;
            }
            case FROM -> {
                NameAddr from = single(s, name);
                builder.from(from);
                aroundValue = from;
                return null;
            }
            case TO -> {
                NameAddr to = single(s, name);
                builder.to(to);
                aroundValue = to;
                return to;
            }
            case CALL_ID -> {
                builder.callId(HeaderValues.callId(s));
                return null;
            }
            case CSEQ -> {
                cseqOffset = fieldStart;
                builder.cseq(cseqOf(s));
                return null;
            }
            case MAX_FORWARDS -> {
                int maxForwards = HeaderValues.maxForwards(s);
                builder.maxForwards(maxForwards);
                return maxForwards;
            }
            case CONTACT -> {
                return contact(s, fieldStart);
            }
            case ROUTE -> {
                return nameAddrs(s, routes, "Route value");
            }
            case RECORD_ROUTE -> {
                return nameAddrs(s, recordRoutes, "Record-Route value");
            }
            case CONTENT_TYPE -> {
                String contentType = HeaderValues.contentType(s);
                builder.contentType(contentType);
                return contentType;
            }
            case CONTENT_LENGTH -> {
                contentLength = HeaderValues.contentLength(s);
                return contentLength;
            }
            case REASON -> {
                HeaderValues.reasons(s, reasons);
                return null;
            }
            case ALLOW -> {
                return tokens(s, allow, true, "method");
            }
            case SUPPORTED -> {
                return tokens(s, supported, true, "option-tag");
            }
            case REQUIRE -> {
                return tokens(s, require, false, "option-tag");
            }
            case SESSION_EXPIRES -> {
                SessionExpires value = HeaderValues.sessionExpires(s);
                builder.sessionExpires(value);
                return value;
            }
            case MIN_SE -> {
                long minSe = HeaderValues.minSe(s);
                builder.minSe(minSe);
                return minSe;
            }
            default -> throw new IllegalStateException("typed header without a reader: " + name);
        }
    }

    /**
     * Takes the value that a line read before parsed to ({@link #typed} or {@link #untyped} answered
     * it), with the checks that depend on the rest of the message (which name the header when they
     * fail).
     */
    @SuppressWarnings("unchecked")
    void kept(KeptField field, SipScanner s, int fieldStart) throws SipParseException {
        HeaderName known = field.name();
        Object value = field.value();
        if (known == null || known.typed == null) {
            checkUntypedOnce(known, s, fieldStart);
            otherHeaders.add((SipHeader) value);
            return;
        }
        SipHeaderName name = known.typed;
        checkTypedOnce(name, s, fieldStart);
        switch (name) {
            case TO -> builder.to((NameAddr) value);
            case MAX_FORWARDS -> builder.maxForwards((Integer) value);
            case CONTACT -> {
                checkNoWildcard(s, fieldStart);
                contactValues.addAll((List<NameAddr>) value);
            }
            case ROUTE -> routes.addAll((List<NameAddr>) value);
            case RECORD_ROUTE -> recordRoutes.addAll((List<NameAddr>) value);
            case CONTENT_TYPE -> builder.contentType((String) value);
            case CONTENT_LENGTH -> contentLength = (Integer) value;
            case ALLOW -> allow.addAll((List<String>) value);
            case SUPPORTED -> supported.addAll((List<String>) value);
            case REQUIRE -> require.addAll((List<String>) value);
            case SESSION_EXPIRES -> builder.sessionExpires((SessionExpires) value);
            case MIN_SE -> builder.minSe((Long) value);
            default -> throw new IllegalStateException("header line kept without a value for it: " + name);
        }
    }

    /**
     * Takes the Via, From or To value that a line read before parsed to, with {@code holeValue} in place
     * of its parameter {@link KeptAround#parameter()}'s value.
     */
    void around(KeptAround field, String holeValue, SipScanner s, int fieldStart)
            throws SipParseException {
        SipHeaderName name = field.name().typed;
        checkTypedOnce(name, s, fieldStart);
        if (name == SipHeaderName.VIA) {
            Via via = (Via) field.value();
            vias.add(new Via(via.transport(), via.host(), via.port(),
                    withValue(via.parameters(), field.parameter(), holeValue)));
            return;
        }
        NameAddr kept = (NameAddr) field.value();
        NameAddr value = new NameAddr(kept.displayName(), kept.uri(),
                withValue(kept.parameters(), field.parameter(), holeValue));
        if (name == SipHeaderName.FROM) {
            builder.from(value);
        } else {
            builder.to(value);
        }
    }

    /** {@code parameters} with parameter {@code index} set to {@code value}. */
    private static SipParameters withValue(SipParameters parameters, int index, String value) {
        List<SipParameters.Parameter> list = parameters.asList();
        SipParameters.Parameter changed = SharedParameters.of(list.get(index).name(), value);
        return switch (list.size()) {
            case 1 -> {
                SipParameters shared = SharedParameters.alone(changed);
                yield shared != null ? shared : SipParameters.of(List.of(changed));
            }
            case 2 -> SipParameters.of(index == 0 ? List.of(changed, list.get(1)) : List.of(list.get(0), changed));
            default -> {
                SipParameters.Parameter[] copy = list.toArray(new SipParameters.Parameter[0]);
                copy[index] = changed;
                yield SipParameters.of(List.of(copy));
            }
        };
    }

    private void checkTypedOnce(SipHeaderName name, SipScanner s, int fieldStart) throws SipParseException {
        long bit = 1L << name.ordinal();
        if (name.singleValued() && (seenTyped & bit) != 0) {
            s.header = name.canonicalName();
            throw s.failAt(Rule.DUPLICATE_HEADER, fieldStart, "second " + name.canonicalName() + " header");
        }
        seenTyped |= bit;
    }

    /** Route or Record-Route: one or more name-addr values. */
    private static List<NameAddr> nameAddrs(SipScanner s, Values<NameAddr> out, String what)
            throws SipParseException {
        int mark = out.mark();
        do {
            out.add(NameAddrParser.parse(s, true));
        } while (s.separator(','));
        s.expectEnd(Rule.BAD_NAME_ADDR, what);
        return out.since(mark);
    }

    /** Allow, Supported or Require. */
    private static List<String> tokens(SipScanner s, Values<String> out, boolean emptyAllowed, String what)
            throws SipParseException {
        int mark = out.mark();
        HeaderValues.tokens(s, out, emptyAllowed, what);
        return out.since(mark);
    }

    private CSeq cseqOf(SipScanner s) throws SipParseException {
        CSeq cseq = HeaderValues.cseq(s);
        String method = cseq.methodToken();
        if (cseqMethod != method) {
            cseqMethod = method;
        }
        return cseq;
    }

    /**
     * An untyped header: conflict check, optional validation, then kept as received.
     *
     * @return the header, which depends on nothing but the line's bytes
     */
    SipHeader untyped(HeaderName known, String name, SipScanner s, int fieldStart) throws SipParseException {
        checkUntypedOnce(known, s, fieldStart);
        HeaderName.Check check = known != null ? known.check : HeaderName.Check.NONE;
        if (check != HeaderName.Check.NONE) {
            int start = s.pos;
            if (check == HeaderName.Check.DATE) {
                HeaderValues.date(s);
            } else {
                HeaderValues.deltaSeconds(s);
            }
            s.pos = start;
        }
        SipHeader header = new SipHeader(name, RawText.read(s));
        otherHeaders.add(header);
        return header;
    }

    private void checkUntypedOnce(HeaderName known, SipScanner s, int fieldStart) throws SipParseException {
        if (known != null && known.singleBit >= 0) {
            long bit = 1L << known.singleBit;
            if ((seenUntyped & bit) != 0) {
                s.header = known.canonical;
                throw s.failAt(Rule.DUPLICATE_HEADER, fieldStart, "second " + known.canonical + " header");
            }
            seenUntyped |= bit;
        }
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

    /** Contact: {@code *} alone, or name-addr values; answers the values (not {@code *}) for keeping. */
    private List<NameAddr> contact(SipScanner s, int fieldStart) throws SipParseException {
        if (s.peek() == '*') {
            s.pos++;
            s.skipLws();
            if (!s.atEnd() || contactWildcard || contacts) {
                throw s.failAt(Rule.BAD_HEADER_VALUE, fieldStart, "Contact: * must be the only Contact value");
            }
            contactWildcard = true;
            builder.contactWildcard(true);
            return null;
        }
        checkNoWildcard(s, fieldStart);
        int mark = contactValues.mark();
        do {
            NameAddr value = NameAddrParser.parse(s, false);
            checkContactParameters(s, value.parameters());
            contactValues.add(value);
        } while (s.separator(','));
        s.expectEnd(Rule.BAD_NAME_ADDR, "Contact value");
        return contactValues.since(mark);
    }

    private void checkNoWildcard(SipScanner s, int fieldStart) throws SipParseException {
        if (contactWildcard) {
            s.header = SipHeaderName.CONTACT.canonicalName();
            throw s.failAt(Rule.BAD_HEADER_VALUE, fieldStart, "Contact: * must be the only Contact value");
        }
        contacts = true;
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
