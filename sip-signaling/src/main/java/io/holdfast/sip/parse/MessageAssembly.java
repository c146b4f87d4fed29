package io.holdfast.sip.parse;

import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipHeader;
import io.holdfast.sip.message.SipHeaderName;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.Via;
import io.holdfast.sip.parse.SipParseException.Rule;

/**
 * The typed state of one message being parsed: which headers were seen (so that a second value of a
 * single-valued header is a conflict and the mandatory ones can be checked), Content-Length, and the
 * builder the values go into. One per parse; not thread-safe.
 */
final class MessageAssembly implements ViaParser.Sink {
    private final SipMessage.Builder<?> builder;
    private long seenTyped;
    private long seenUntyped;
    int contentLength = -1;
    String contentType;
    String cseqMethod;
    int cseqOffset;
    private boolean contactWildcard;
    private boolean contacts;

    MessageAssembly(SipMessage.Builder<?> builder) {
        this.builder = builder;
    }

    boolean seen(SipHeaderName name) {
        return (seenTyped & 1L << name.ordinal()) != 0;
    }

    @Override
    public void via(Via via) {
        builder.addVia(via);
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
            case TO -> builder.to(single(s, name));
            case CALL_ID -> builder.callId(HeaderValues.callId(s));
            case CSEQ -> {
                cseqOffset = fieldStart;
                builder.cseq(cseqOf(s));
            }
            case MAX_FORWARDS -> builder.maxForwards(HeaderValues.maxForwards(s));
            case CONTACT -> contact(s, fieldStart);
            case ROUTE -> {
                do {
                    builder.addRoute(NameAddrParser.parse(s, true));
                } while (s.separator(','));
                s.expectEnd(Rule.BAD_NAME_ADDR, "Route value");
            }
            case RECORD_ROUTE -> {
                do {
                    builder.addRecordRoute(NameAddrParser.parse(s, true));
                } while (s.separator(','));
                s.expectEnd(Rule.BAD_NAME_ADDR, "Record-Route value");
            }
            case CONTENT_TYPE -> {
                contentType = HeaderValues.contentType(s);
                builder.contentType(contentType);
            }
            case CONTENT_LENGTH -> contentLength = HeaderValues.contentLength(s);
            case REASON -> HeaderValues.reasons(s, builder::addReason);
            case ALLOW -> HeaderValues.tokens(s, builder::addAllow, true, "method");
            case SUPPORTED -> HeaderValues.tokens(s, builder::addSupported, true, "option-tag");
            case REQUIRE -> HeaderValues.tokens(s, builder::addRequire, false, "option-tag");
            case SESSION_EXPIRES -> builder.sessionExpires(HeaderValues.sessionExpires(s));
            case MIN_SE -> builder.minSe(HeaderValues.minSe(s));
        }
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
            if (known.check != HeaderName.Check.NONE) {
                int start = s.pos;
                if (known.check == HeaderName.Check.DATE) {
                    HeaderValues.date(s);
                } else {
                    HeaderValues.deltaSeconds(s);
                }
                s.pos = start;
            }
        }
        builder.addHeader(new SipHeader(name, RawText.read(s)));
    }

    /** From or To: one value, whose tag (if any) is a token. */
    static NameAddr single(SipScanner s, SipHeaderName name) throws SipParseException {
        NameAddr value = NameAddrParser.parse(s, false);
        s.skipLws();
        if (s.peek() == ',') {
            throw s.fail(Rule.DUPLICATE_HEADER, "a second value in the single-valued " + name.canonicalName());
        }
        s.expectEnd(Rule.BAD_NAME_ADDR, name.canonicalName() + " value");
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
        do {
            NameAddr value = NameAddrParser.parse(s, false);
            checkContactParameters(s, value.parameters());
            builder.addContact(value);
        } while (s.separator(','));
        s.expectEnd(Rule.BAD_NAME_ADDR, "Contact value");
    }

    /** q = qvalue ("0" ["." 0*3DIGIT] / "1" ["." 0*3("0")]) and expires = delta-seconds (RFC 3261 §20.10). */
    private static void checkContactParameters(SipScanner s, SipParameters parameters) throws SipParseException {
        for (SipParameters.Parameter p : parameters.asList()) {
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
