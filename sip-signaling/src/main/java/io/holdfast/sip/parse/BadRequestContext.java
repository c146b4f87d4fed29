package io.holdfast.sip.parse;

import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipHeader;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.Via;
import io.holdfast.sip.parse.SipParseException.Rule;
import java.util.List;
import java.util.Objects;

/**
 * What a stateless refusal of a malformed request needs (RFC 3261 §8.2.6, §16.3): the method, every
 * Via value as received, and From, To, Call-ID and CSeq as far as they parsed. Present only when the
 * request's start line and its top Via were readable, so that the response can be routed (§18.2.2
 * from {@link #topVia()}). Immutable.
 */
public final class BadRequestContext {
    private final Rule rule;
    private final String headerName;
    private final String methodToken;
    private final Via topVia;
    private final List<String> viaValues;
    private final List<Via> vias;
    private final NameAddr from;
    private final NameAddr to;
    private final String callId;
    private final CSeq cseq;

    BadRequestContext(Rule rule, String headerName, String methodToken, Via topVia, List<String> viaValues,
                      List<Via> vias, NameAddr from, NameAddr to, String callId, CSeq cseq) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.headerName = headerName;
        this.methodToken = Objects.requireNonNull(methodToken, "methodToken");
        this.topVia = Objects.requireNonNull(topVia, "topVia");
        this.viaValues = List.copyOf(viaValues);
        this.vias = List.copyOf(vias);
        this.from = from;
        this.to = to;
        this.callId = callId;
        this.cseq = cseq;
    }

    /** The request method exactly as on the wire. */
    public String methodToken() {
        return methodToken;
    }

    /** The top Via, parsed: where the response goes (received / rport, RFC 3261 §18.2.2, RFC 3581). */
    public Via topVia() {
        return topVia;
    }

    /** Every Via header field value as received (folds unfolded), in order. */
    public List<String> viaValues() {
        return viaValues;
    }

    /** Every Via value parsed, or empty when one of them did not parse (then {@link #viaValues()} serve). */
    public List<Via> vias() {
        return vias;
    }

    /** From, or {@code null} when absent or malformed. */
    public NameAddr from() {
        return from;
    }

    /** To, or {@code null} when absent or malformed. */
    public NameAddr to() {
        return to;
    }

    /** Call-ID, or {@code null} when absent or malformed. */
    public String callId() {
        return callId;
    }

    /** CSeq, or {@code null} when absent or malformed. */
    public CSeq cseq() {
        return cseq;
    }

    /** 400, or the more precise 416 (unsupported Request-URI scheme), 505 (version) or 513 (too large). */
    public int statusCode() {
        if (rule == Rule.UNSUPPORTED_URI_SCHEME && headerName != null) {
            return 400;
        }
        return rule.statusCode();
    }

    /** A short reason phrase naming the fault, e.g. {@code Bad Request - Missing Call-ID}. */
    public String reasonPhrase() {
        return switch (statusCode()) {
            case 416 -> "Unsupported URI Scheme";
            case 505 -> "Version Not Supported";
            case 513 -> "Message Too Large";
            default -> "Bad Request - " + rule.describe(isPlainName(headerName) ? headerName : null);
        };
    }

    private static boolean isPlainName(String name) {
        if (name == null) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7f || !(SipChars.is(c, SipChars.ALPHANUM) || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The stateless error response: status and reason from the fault, Via values copied, From, To (with
     * {@code toTag} added when To has none, RFC 3261 §8.2.6.2), Call-ID and CSeq as far as they parsed.
     *
     * @param toTag the tag for To, or {@code null} to leave To as received
     */
    public SipResponse toResponse(String toTag) {
        SipResponse.Builder response = SipResponse.builder(statusCode(), reasonPhrase());
        if (vias.isEmpty()) {
            for (String value : viaValues) {
                response.addHeader(new SipHeader("Via", value));
            }
        } else {
            response.vias(vias);
        }
        response.from(from);
        response.to(to != null && to.tag() == null && toTag != null ? to.withTag(toTag) : to);
        response.callId(callId);
        response.cseq(cseq);
        return response.build();
    }

    @Override
    public String toString() {
        return statusCode() + " " + reasonPhrase() + " for " + methodToken + " (Call-ID " + callId + ')';
    }
}
