package io.holdfast.sip.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.holdfast.sip.ByteMutator;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.parse.SipParseException.Rule;
import io.holdfast.sip.parse.SipParser.Framing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser shares the values it has seen before (strings, and whole header values that recur), so a
 * parser that has read thousands of messages must give exactly what a new one gives: the same message,
 * or the same refusal with the same rule, offset and header.
 */
class SipParserValueCacheTest {
    private static final long RUN_SEED = 0xCAC4E_2026L;
    private static final int CASES = 20_000;
    private static final byte[] HOSTILE = {'\r', '\n', 0, ' ', '\t', ':', ';', ',', '"', '<', '>', '%', '*', '@',
        '[', ']', '=', '/', (byte) 0x80, (byte) 0xc3, '0', '9'};
    private static final List<String> TOKENS = List.of("Contact: *\r\n", "Contact: <sip:a@b>\r\n",
            "Allow: INVITE, ACK\r\n", "Date: 3600\r\n", "Expires: 3600\r\n", "Session-Expires: 90\r\n",
            "Record-Route: <sip:p.example.com;lr>\r\n", "Require: timer\r\n", "Require:\r\n", ";tag=", ";branch=");
    private static final String OPTIONS = "OPTIONS sip:user@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKown\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:a@example.com>;tag=o1\r\n"
            + "To: <sip:user@example.com>\r\n"
            + "Call-ID: own.1@192.0.2.100\r\n"
            + "CSeq: 1 OPTIONS\r\n";

    private final SipParser parser = new SipParser();

    private SipMessage parse(SipParser with, String text) throws SipParseException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return with.parse(bytes, 0, bytes.length, Framing.DATAGRAM);
    }

    @Test
    void shouldGiveWhatANewParserGivesWhenMutatedMessagesRepeatValues() throws Exception {
        ByteMutator mutator = new ByteMutator(SipCorpus.valid().stream().map(SipCorpus.Valid::bytes).toList(),
                HOSTILE, TOKENS);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] bytes = mutator.mutant(RUN_SEED, i);
            String description = ByteMutator.describe(RUN_SEED, i, bytes);
            SipMessage warm = null;
            SipParseException warmRefusal = null;
            try {
                warm = parser.parse(bytes, 0, bytes.length, Framing.DATAGRAM);
            } catch (SipParseException e) {
                warmRefusal = e;
            }
            SipMessage cold = null;
            SipParseException coldRefusal = null;
            try {
                cold = new SipParser().parse(bytes, 0, bytes.length, Framing.DATAGRAM);
            } catch (SipParseException e) {
                coldRefusal = e;
            }
            if (coldRefusal == null) {
                assertThat(warmRefusal).as(description).isNull();
                MessageComparison.assertEquivalent(warm, cold);
                accepted++;
            } else {
                assertThat(warmRefusal).as(description).isNotNull();
                assertThat(warmRefusal.rule()).as(description).isEqualTo(coldRefusal.rule());
                assertThat(warmRefusal.offset()).as(description).isEqualTo(coldRefusal.offset());
                assertThat(warmRefusal.headerName()).as(description).isEqualTo(coldRefusal.headerName());
                assertThat(warmRefusal.getMessage()).as(description).isEqualTo(coldRefusal.getMessage());
                refused++;
            }
        }
        assertThat(accepted).as("accepted mutants").isPositive();
        assertThat(refused).as("refused mutants").isPositive();
    }

    @Test
    void shouldRefuseADateWhenTheSameBytesWereAcceptedAsExpires() throws Exception {
        parse(parser, OPTIONS + "Expires: 3600\r\n\r\n");

        SipParseException e = catchThrowableOfType(SipParseException.class,
                () -> parse(parser, OPTIONS + "Date: 3600\r\n\r\n"));

        assertThat(e.rule()).isEqualTo(Rule.BAD_HEADER_VALUE);
        assertThat(e.headerName()).isEqualTo("Date");
    }

    @Test
    void shouldRefuseAWildcardWhenItFollowsAContactSeenInAnEarlierMessage() throws Exception {
        parse(parser, OPTIONS + "Contact: <sip:a@192.0.2.1>\r\n\r\n");

        SipParseException e = catchThrowableOfType(SipParseException.class,
                () -> parse(parser, OPTIONS + "Contact: <sip:a@192.0.2.1>\r\nContact: *\r\n\r\n"));

        assertThat(e.rule()).isEqualTo(Rule.BAD_HEADER_VALUE);
        assertThat(e.headerName()).isEqualTo("Contact");
    }

    @Test
    void shouldRefuseASecondValueWhenTheFirstWasSeenInAnEarlierMessage() throws Exception {
        parse(parser, OPTIONS + "Session-Expires: 1800;refresher=uac\r\n\r\n");

        SipParseException e = catchThrowableOfType(SipParseException.class, () -> parse(parser,
                OPTIONS + "Session-Expires: 1800;refresher=uac\r\nSession-Expires: 1800;refresher=uac\r\n\r\n"));

        assertThat(e.rule()).isEqualTo(Rule.DUPLICATE_HEADER);
    }

    @Test
    void shouldJoinRepeatedAndNewValuesInOrderWhenAHeaderAppearsTwice() throws Exception {
        parse(parser, OPTIONS + "Allow: INVITE, ACK\r\nRecord-Route: <sip:p1.example.com;lr>\r\n\r\n");

        SipMessage m = parse(parser, OPTIONS + "Allow: BYE\r\nAllow: INVITE, ACK\r\nAllow: INVITE, ACK\r\n"
                + "Record-Route: <sip:p1.example.com;lr>\r\nRecord-Route: <sip:p2.example.com;lr>\r\n\r\n");

        assertThat(m.allow()).containsExactly("BYE", "INVITE", "ACK", "INVITE", "ACK");
        assertThat(m.recordRoutes()).extracting(r -> r.uri().host())
                .containsExactly("p1.example.com", "p2.example.com");
    }

    @Test
    void shouldShareTheValueWhenTheNextMessageRepeatsIt() throws Exception {
        String peer = "Allow: INVITE, ACK, BYE\r\nRecord-Route: <sip:sbc.example.net;lr>\r\n"
                + "User-Agent: CarrierSBC/4.2\r\n\r\n";

        SipMessage first = parse(parser, OPTIONS + peer);
        SipMessage second = parse(parser, OPTIONS.replace("tag=o1", "tag=o2") + peer);

        assertThat(second.allow()).isSameAs(first.allow());
        NameAddr route = second.recordRoutes().get(0);
        assertThat(route).isSameAs(first.recordRoutes().get(0));
        assertThat(second.header("User-Agent")).isSameAs(first.header("User-Agent"));
        assertThat(second.from().tag()).isEqualTo("o2");
    }
    /** The warm parser's answer for {@code text} must be a new parser's: the same message or refusal. */
    private SipMessage assertAsANewParser(String text) throws Exception {
        SipMessage warm = null;
        SipParseException warmRefusal = null;
        try {
            warm = parse(parser, text);
        } catch (SipParseException e) {
            warmRefusal = e;
        }
        SipMessage cold = null;
        SipParseException coldRefusal = null;
        try {
            cold = parse(new SipParser(), text);
        } catch (SipParseException e) {
            coldRefusal = e;
        }
        if (coldRefusal == null) {
            assertThat(warmRefusal).as(text).isNull();
            MessageComparison.assertEquivalent(warm, cold);
        } else {
            assertThat(warmRefusal).as(text).isNotNull();
            assertThat(warmRefusal.rule()).isEqualTo(coldRefusal.rule());
            assertThat(warmRefusal.offset()).isEqualTo(coldRefusal.offset());
            assertThat(warmRefusal.getMessage()).isEqualTo(coldRefusal.getMessage());
        }
        return warm;
    }

    private static String options(String via, String from) {
        return OPTIONS.replace("Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKown\r\n", via + "\r\n")
                .replace("From: <sip:a@example.com>;tag=o1\r\n", from + "\r\n") + "\r\n";
    }

    @Test
    void shouldReadTheNewBranchAndTagWhenViaAndFromDifferOnlyThere() throws Exception {
        parse(parser, options("Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKone;rport",
                "From: \"Alice\" <sip:a@example.com;user=phone>;tag=first"));

        SipMessage m = assertAsANewParser(options("Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKtwo-2;rport",
                "From: \"Alice\" <sip:a@example.com;user=phone>;tag=second.2"));

        assertThat(m.topVia().branch()).isEqualTo("z9hG4bKtwo-2");
        assertThat(m.topVia().hasRport()).isTrue();
        assertThat(m.from().tag()).isEqualTo("second.2");
        assertThat(m.from().displayName()).isEqualTo("Alice");
    }

    @Test
    void shouldRefuseAnRportWhenOnlyItsValueChangedFromAValidOne() throws Exception {
        parse(parser, options("Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKone;rport=5060",
                "From: <sip:a@example.com>;tag=o1"));

        assertAsANewParser(options("Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKone;rport=99999",
                "From: <sip:a@example.com>;tag=o1"));
        SipParseException e = catchThrowableOfType(SipParseException.class, () -> parse(parser,
                options("Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKone;rport=99999", "From: <sip:a@example.com>;tag=o1")));
        assertThat(e.rule()).isEqualTo(Rule.BAD_VIA);
    }

    @Test
    void shouldReadTheUriAgainWhenTheLastEqualsIsInsideIt() throws Exception {
        parse(parser, options("Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKown", "From: <sip:a@example.com;p=1>"));

        SipMessage m = assertAsANewParser(options("Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKown",
                "From: <sip:a@example.com;p=2>"));

        assertThat(m.from().uri().parameters().get("p")).isEqualTo("2");
    }

    @Test
    void shouldReadTheQuotedValueAgainWhenTheLastEqualsIsInsideIt() throws Exception {
        parse(parser, options("Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKown",
                "From: <sip:a@example.com>;tag=o1;x=\"q=1\""));

        SipMessage m = assertAsANewParser(options("Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKown",
                "From: <sip:a@example.com>;tag=o1;x=\"q=2\""));

        assertThat(m.from().parameters().get("x")).isEqualTo("\"q=2\"");
    }

    @Test
    void shouldRefuseAnEmptyTagWhenTheSameLineHadOne() throws Exception {
        parse(parser, options("Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKown", "From: <sip:a@example.com>;tag=o1"));

        assertAsANewParser(options("Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKown", "From: <sip:a@example.com>;tag="));
        assertAsANewParser(options("Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKown",
                "From: <sip:a@example.com>;tag=o1\"x\""));
        assertAsANewParser(options("Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKown",
                "From: <sip:a@example.com>;tag=o1 x"));
    }

    @Test
    void shouldReadTheFoldWhenAKeptLineIsContinuedInTheNextMessage() throws Exception {
        parse(parser, OPTIONS + "Allow: INVITE, ACK\r\nSupported: timer\r\n\r\n");
        parse(parser, OPTIONS + "Allow: INVITE, ACK\r\nSupported: timer\r\n\r\n");

        SipMessage m = assertAsANewParser(OPTIONS + "Allow: INVITE, ACK\r\nSupported: timer\r\n , 100rel\r\n\r\n");

        assertThat(m.supported()).containsExactly("timer", "100rel");
    }

    @Test
    void shouldRefuseTheRequestLineWhenOnlyItsMethodCaseChanged() throws Exception {
        parse(parser, OPTIONS + "\r\n");

        SipParseException e = catchThrowableOfType(SipParseException.class,
                () -> parse(parser, OPTIONS.replaceFirst("OPTIONS sip", "options sip") + "\r\n"));

        assertThat(e.rule()).isEqualTo(Rule.CSEQ_METHOD_MISMATCH);
    }
}
