package io.holdfast.sip.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMessageWriter;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.parse.SipParser.Framing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus message, whole: the valid ones parse (as a datagram, and as a stream frame when they
 * are one) and survive parse, write, parse; the invalid ones are refused with the rule, header and
 * answerability their index entry records, and an answerable refusal yields a response that holdfast
 * itself would accept.
 *
 * <p>The corpus holds every RFC 4475 torture message and holdfast's own; each line of
 * {@code sip-corpus/valid/index.txt} and {@code sip-corpus/invalid/index.txt} records what an edge
 * device does with that message and why. The policy behind those entries:
 * <ul>
 *   <li>What RFC 4475 calls well-formed is accepted, including what it asks parsers to tolerate
 *       (lwsdisp), and semantic oddities are left to the layer that owns them (badbranch and bcast to
 *       the transaction layer, bext01, invut, sdp01, zeromf to the application).</li>
 *   <li>Where RFC 4475 lets a lenient element accept an invalid message (lwsstart, trws, ltgtruri,
 *       lwsruri, escruri, baddate, regbadct, badaspec, baddn, quotbal, scalar02 and out-of-range
 *       Max-Forwards or expires), an edge refuses it: nothing is inferred or tidied.</li>
 *   <li>A refused request is answered (400, or 416, 505, 513) only when its start line and top Via
 *       parse, so that the answer can be routed; otherwise, like every refused response, it is
 *       dropped and counted (badinv01, badvers, bigcode, scalarlg).</li>
 *   <li>holdfast routes sip, sips and tel only: other Request-URI schemes get 416 (unkscm, novelsc),
 *       other schemes in headers a 400 (unksm2); RFC 2543 requests without Max-Forwards are refused
 *       (inv2543).</li>
 * </ul>
 */
class SipParserCorpusTest {
    private final SipParser parser = new SipParser();

    static List<SipCorpus.Valid> valid() {
        return SipCorpus.valid();
    }

    static List<SipCorpus.Invalid> invalid() {
        return SipCorpus.invalid();
    }

    @ParameterizedTest
    @MethodSource("valid")
    void shouldParseValidMessageWhenFedWhole(SipCorpus.Valid message) {
        assertThatCode(() -> parse(message.bytes(), Framing.DATAGRAM)).doesNotThrowAnyException();
        if (message.streamable()) {
            assertThatCode(() -> parse(message.bytes(), Framing.STREAM)).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @MethodSource("valid")
    void shouldGiveAnEquivalentMessageWhenParsedWrittenAndParsedAgain(SipCorpus.Valid message) throws Exception {
        SipMessage first = parse(message.bytes(), Framing.DATAGRAM);
        byte[] written = SipMessageWriter.toByteArray(first);
        SipMessage second = parse(written, Framing.STREAM);

        MessageComparison.assertEquivalent(second, first);
        assertThat(new String(SipMessageWriter.toByteArray(second), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(written, StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void shouldRefuseInvalidMessageWithTheIndexedRuleWhenFedWhole(SipCorpus.Invalid message) {
        SipParseException e = catchThrowableOfType(SipParseException.class,
                () -> parse(message.bytes(), message.framing()));

        assertThat(e).as(message.note()).isNotNull();
        assertThat(e.rule()).as(e.getMessage()).isEqualTo(message.rule());
        assertThat(e.headerName()).as(e.getMessage()).isEqualTo(message.header());
        assertThat(e.canRespond()).as(e.getMessage()).isEqualTo(message.respond());
        assertThat(e.offset()).isBetween(0, message.bytes().length);
        assertThat(e).isInstanceOf(message.rule().isLimit() ? TooLongSipMessageException.class
                : SipParseException.class);
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void shouldFormAResponseHoldfastAcceptsWhenTheRefusalIsAnswerable(SipCorpus.Invalid message) throws Exception {
        SipParseException e = catchThrowableOfType(SipParseException.class,
                () -> parse(message.bytes(), message.framing()));
        if (!message.respond()) {
            assertThat(e.badRequestContext()).isNull();
            return;
        }
        BadRequestContext context = e.badRequestContext();
        SipResponse response = context.toResponse("edge1");

        assertThat(response.statusCode()).isEqualTo(context.statusCode()).isIn(400, 416, 505, 513);
        assertThat(response.reasonPhrase()).isEqualTo(context.reasonPhrase());
        byte[] written = SipMessageWriter.toByteArray(response);
        boolean complete = !context.vias().isEmpty() && context.from() != null && context.to() != null
                && context.callId() != null && context.cseq() != null;
        if (complete) {
            SipResponse reparsed = (SipResponse) parse(written, Framing.STREAM);
            assertThat(reparsed.to().tag()).isNotNull();
            assertThat(reparsed.callId()).isEqualTo(context.callId());
            assertThat(reparsed.cseq()).isEqualTo(context.cseq());
            assertThat(reparsed.reasonPhrase()).isEqualTo(context.reasonPhrase());
        }
        assertThat(new String(written, StandardCharsets.UTF_8)).startsWith("SIP/2.0 " + context.statusCode() + ' ')
                .contains("\r\nVia: " + context.viaValues().get(0) + "\r\n");
    }

    private SipMessage parse(byte[] bytes, Framing framing) throws SipParseException {
        return parser.parse(bytes, 0, bytes.length, framing);
    }
}
