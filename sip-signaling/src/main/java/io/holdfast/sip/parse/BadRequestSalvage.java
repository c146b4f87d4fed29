package io.holdfast.sip.parse;

import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipHeaderName;
import io.holdfast.sip.message.Via;
import java.util.ArrayList;
import java.util.List;

/**
 * After a request was refused, walks its header fields once more and keeps what a stateless error
 * response needs: every Via as received, the first Via parsed (without it the response cannot be
 * routed, so there is no context), and the first From, To, Call-ID and CSeq that parse. A value that
 * does not parse is simply left out: the refusal itself is already decided. When the header framing
 * itself breaks (a bare CR, a limit), the walk ends there and keeps what it read before.
 */
final class BadRequestSalvage {
    private BadRequestSalvage() {
    }

    /** The context for {@code failure}, or {@code null} when no response can be formed. */
    static BadRequestContext collect(SipScanner s, HeaderLines lines, SipLimits limits, SipParseException failure,
                                     String methodToken, int headersStart, int end) {
        Collected c = new Collected();
        lines.reset(headersStart, end, limits);
        try {
            while (lines.next()) {
                HeaderName known = HeaderName.lookup(s.a, lines.nameStart, lines.nameEnd);
                if (known != null && known.typed != null) {
                    s.range(lines.valueStart, lines.valueEnd, known.canonical);
                    c.field(known, s);
                }
            }
        } catch (SipParseException framingBroken) {
            // The header section breaks off here (the refusal may be this very fault): what was read
            // before it still routes the answer to the sender, which is all a stateless 400 needs;
            // Vias after the break, if any, are not in the context.
        }
        if (c.topVia == null || !c.viasComplete && !c.rawViasComplete) {
            return null;
        }
        return new BadRequestContext(failure.rule(), failure.headerName(), methodToken, c.topVia, c.rawVias,
                c.viasComplete ? c.vias : List.of(), c.from, c.to, c.callId, c.cseq);
    }

    /** What the walk found so far. */
    private static final class Collected {
        final List<String> rawVias = new ArrayList<>(4);
        final List<Via> vias = new ArrayList<>(4);
        boolean viasComplete = true;
        boolean rawViasComplete = true;
        boolean firstViaLine = true;
        Via topVia;
        NameAddr from;
        NameAddr to;
        String callId;
        CSeq cseq;
        boolean fromSeen;
        boolean toSeen;
        boolean callIdSeen;
        boolean cseqSeen;

        void field(HeaderName known, SipScanner s) {
            switch (known.typed) {
                case VIA -> via(s);
                case FROM -> {
                    if (!fromSeen) {
                        fromSeen = true;
                        from = attempt(() -> MessageAssembly.single(s, SipHeaderName.FROM));
                    }
                }
                case TO -> {
                    if (!toSeen) {
                        toSeen = true;
                        to = attempt(() -> MessageAssembly.single(s, SipHeaderName.TO));
                    }
                }
                case CALL_ID -> {
                    if (!callIdSeen) {
                        callIdSeen = true;
                        callId = attempt(() -> HeaderValues.callId(s));
                    }
                }
                case CSEQ -> {
                    if (!cseqSeen) {
                        cseqSeen = true;
                        cseq = attempt(() -> HeaderValues.cseq(s));
                    }
                }
                default -> {
                    // Other typed headers play no part in an error response.
                }
            }
        }

        private void via(SipScanner s) {
            String raw = RawText.lenient(s.a, s.pos, s.end);
            if (raw == null) {
                rawViasComplete = false;
            } else {
                rawVias.add(raw);
            }
            int before = vias.size();
            if (attempt(() -> {
                ViaParser.parse(s, vias::add);
                return Boolean.TRUE;
            }) == null) {
                viasComplete = false;
            }
            if (firstViaLine && vias.size() > before) {
                topVia = vias.get(before);
            }
            firstViaLine = false;
        }
    }

    /** A reading step that may refuse its input. */
    private interface Step<T> {
        T read() throws SipParseException;
    }

    /** The value, or {@code null} when the field is itself malformed (it is then left out of the response). */
    private static <T> T attempt(Step<T> step) {
        try {
            return step.read();
        } catch (SipParseException malformed) {
            return null;
        }
    }
}
