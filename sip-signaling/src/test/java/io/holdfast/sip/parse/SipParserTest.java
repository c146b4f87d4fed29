package io.holdfast.sip.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.message.SessionExpires;
import io.holdfast.sip.message.SipHeader;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.message.Via;
import io.holdfast.sip.parse.SipParseException.Rule;
import io.holdfast.sip.parse.SipParser.Framing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What the parser makes of particular corpus messages and constructions, value by value. */
class SipParserTest {
    private static final String OPTIONS = "OPTIONS sip:user@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKown\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:a@example.com>;tag=o1\r\n"
            + "To: <sip:user@example.com>\r\n"
            + "Call-ID: own.1@192.0.2.100\r\n"
            + "CSeq: 1 OPTIONS\r\n";

    private final SipParser parser = new SipParser();

    private SipMessage corpus(String file) throws SipParseException {
        byte[] bytes = SipCorpus.valid(file).bytes();
        return parser.parse(bytes, 0, bytes.length, Framing.DATAGRAM);
    }

    private SipMessage parse(String text, Framing framing) throws SipParseException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 0, bytes.length, framing);
    }

    private SipParseException refusal(String text, Framing framing) {
        return catchThrowableOfType(SipParseException.class, () -> parse(text, framing));
    }

    private SipParseException refusal(String corpusFile) {
        byte[] bytes = SipCorpus.invalid().stream().filter(m -> m.file().equals(corpusFile)).findFirst()
                .orElseThrow().bytes();
        return catchThrowableOfType(SipParseException.class,
                () -> parser.parse(bytes, 0, bytes.length, Framing.DATAGRAM));
    }

    @Test
    void shouldReadEveryTortuousValueWhenParsingWsinv() throws Exception {
        SipRequest m = (SipRequest) corpus("wsinv.sip");

        assertThat(m.requestUri().parameters().has("unknownparam")).isTrue();
        assertThat(m.to().tag()).isEqualTo("1918181833n");
        assertThat(m.to().displayName()).isNull();
        assertThat(m.from().displayName()).isEqualTo("J Rosenberg \\\"");
        assertThat(m.from().tag()).isEqualTo("98asjd8");
        assertThat(m.maxForwards()).isEqualTo(68);
        assertThat(m.cseq()).isEqualTo(CSeq.of(9, SipMethod.INVITE));
        assertThat(m.vias()).extracting(Via::transport, Via::host, Via::branch).containsExactly(
                org.assertj.core.groups.Tuple.tuple("UDP", "192.0.2.2", "390skdjuw"),
                org.assertj.core.groups.Tuple.tuple("TCP", "spindle.example.com", "z9hG4bK9ikj8"),
                org.assertj.core.groups.Tuple.tuple("UDP", "192.168.255.111", "z9hG4bK30239"));
        assertThat(m.otherHeaders()).contains(new SipHeader("s", ""),
                new SipHeader("NewFangledHeader", "newfangled value continued newfangled value"),
                new SipHeader("UnknownHeaderWithUnusualValue", ";;,,;;,;"));
        assertThat(m.routes().get(0).uri().parameters().asList()).containsExactly(
                new SipParameters.Parameter("lr", null), new SipParameters.Parameter("unknownwith", "value"),
                new SipParameters.Parameter("unknown-no-value", null));
        NameAddr contact = m.contacts().get(0);
        assertThat(contact.displayName()).isEqualTo("Quoted string \"\"");
        assertThat(contact.parameters().asList()).containsExactly(new SipParameters.Parameter("newparam", "newvalue"),
                new SipParameters.Parameter("secondparam", null), new SipParameters.Parameter("q", "0.33"));
        assertThat(m.contentType()).isEqualTo("application/sdp");
        assertThat(m.bodyLength()).isEqualTo(150);
    }

    @Test
    void shouldKeepEveryUnusualCharacterWhenParsingIntmeth() throws Exception {
        SipRequest m = (SipRequest) corpus("intmeth.sip");

        assertThat(m.method()).isEqualTo(SipMethod.EXTENSION);
        assertThat(m.methodToken()).isEqualTo("!interesting-Method0123456789_*+`.%indeed'~");
        assertThat(m.requestUri().user()).isEqualTo("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
        assertThat(m.requestUri().password()).isEqualTo("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
        assertThat(m.to().displayName()).isEqualTo("BEL:\u0007 NUL:\u0000 DEL:\u007f");
        assertThat(m.from().displayName()).isEqualTo("token1~` token2'+_ token3*%!.-");
        assertThat(m.from().tag()).isEqualTo("_token~1'+`*%!-.");
        assertThat(m.from().parameters().get("fromParam''~+*_!.-%")).isEqualTo("\"работающий\"");
        assertThat(m.callId()).isEqualTo("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
        assertThat(m.cseq().methodToken()).isEqualTo(m.methodToken());
        assertThat(m.header("extensionHeader-!.%*+_`'~")).isEqualTo("\uFEFF大停電");
    }

    @Test
    void shouldUnescapeUserPartsExactlyOnceWhenParsingEsc01() throws Exception {
        SipRequest m = (SipRequest) corpus("esc01.sip");

        assertThat(m.requestUri().user()).isEqualTo("sips:user@example.com");
        assertThat(m.requestUri().host()).isEqualTo("example.net");
        assertThat(m.to().uri().user()).isEqualTo("user");
        assertThat(m.from().uri().user()).isEqualTo("I have spaces");
        SipUri contact = m.contacts().get(0).uri();
        assertThat(contact.user()).isEqualTo("caller");
        assertThat(contact.parameters().asList()).containsExactly(new SipParameters.Parameter("%6C%72", null),
                new SipParameters.Parameter("n%61me", "v%61lue%25%34%31"));
        assertThat(m.callId()).isEqualTo("esc01.239409asdfakjkn23onasd0-3234");
    }

    @Test
    void shouldKeepEscapedNulsWithoutShorteningWhenParsingEscnull() throws Exception {
        SipMessage m = corpus("escnull.sip");

        assertThat(m.to().uri().user()).isEqualTo("null-\u0000-null");
        assertThat(m.contacts()).extracting(c -> c.uri().user()).containsExactly("\u0000", "\u0000\u0000");
    }

    @Test
    void shouldNotTreatPercentAsAnEscapeOutsideUrisWhenParsingEsc02() throws Exception {
        SipRequest m = (SipRequest) corpus("esc02.sip");

        assertThat(m.method()).isEqualTo(SipMethod.EXTENSION);
        assertThat(m.methodToken()).isEqualTo("RE%47IST%45R");
        assertThat(m.to().displayName()).isEqualTo("%Z%45");
        assertThat(m.contacts()).hasSize(2);
        assertThat(m.header("C%6Fntact")).isEqualTo("<sip:alias2@host2.example.com>");
        assertThat(m.topVia().branch()).isEqualTo("z9hG4bK209%fzsnel234");
    }

    @Test
    void shouldAcceptATokenDisplayNameWhenNoSpaceStandsBeforeTheBracket() throws Exception {
        assertThat(corpus("lwsdisp.sip").from().displayName()).isEqualTo("caller");
    }

    @Test
    void shouldReadAllThirtyFourViasWhenParsingLongreq() throws Exception {
        SipMessage m = corpus("longreq.sip");

        assertThat(m.vias()).hasSize(34);
        assertThat(m.vias().get(0).host()).isEqualTo("sip33.example.com");
        Via last = m.vias().get(33);
        assertThat(last.received()).isEqualTo("192.0.2.5");
        assertThat(last.branch()).startsWith("verylong").endsWith("branchvalue");
        assertThat(m.to().uri().port()).isEqualTo(6000);
        assertThat(m.to().displayName()).endsWith("extreme proportion");
        assertThat(m.from().tag()).startsWith("12982982").endsWith("982982424").hasSize(155);
    }

    @Test
    void shouldDiscardTheBytesAfterContentLengthWhenTheDatagramHoldsMore() throws Exception {
        SipRequest m = (SipRequest) corpus("dblreq.sip");

        assertThat(m.method()).isEqualTo(SipMethod.REGISTER);
        assertThat(m.bodyLength()).isZero();
        assertThat(m.otherHeaders()).isEmpty();
    }

    @Test
    void shouldTakeTheBodyFromTheRestOfTheDatagramWhenContentLengthIsAbsent() throws Exception {
        assertThat(corpus("no-cl-datagram.sip").bodyAsString()).isEqualTo("the rest of the datagram");
    }

    @Test
    void shouldKeepSemicolonsInTheUserPartWhenParsingSemiuri() throws Exception {
        SipRequest m = (SipRequest) corpus("semiuri.sip");

        assertThat(m.requestUri().user()).isEqualTo("user;par=u@example.net");
        assertThat(m.requestUri().parameters().isEmpty()).isTrue();
        assertThat(m.header("Accept")).isEqualTo("application/sdp, application/pkcs7-mime, multipart/mixed, "
                + "multipart/signed, message/sip, message/sipfrag");
    }

    @Test
    void shouldKeepEveryTransportWhenParsingTransports() throws Exception {
        assertThat(corpus("transports.sip").vias()).extracting(Via::transport)
                .containsExactly("UDP", "SCTP", "TLS", "UNKNOWN", "TCP");
    }

    @Test
    void shouldFrameABinaryBodyByContentLengthWhenParsingMpart01() throws Exception {
        byte[] bytes = SipCorpus.valid("mpart01.sip").bytes();
        SipMessage m = corpus("mpart01.sip");

        int bodyStart = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) + 4;
        assertThat(m.body()).isEqualTo(Arrays.copyOfRange(bytes, bodyStart, bytes.length));
        assertThat(m.contentType()).isEqualTo("multipart/mixed;boundary=7a9cbec02ceef655");
        assertThat(m.topVia().hasRport()).isTrue();
        assertThat(m.topVia().rport()).isEqualTo(SipUri.NO_PORT);
        assertThat(m.topVia().port()).isEqualTo(5070);
    }

    @Test
    void shouldDecodeUtf8ReasonPhrasesWhenParsingUnreasonAndNoreason() throws Exception {
        assertThat(((SipResponse) corpus("unreason.sip")).reasonPhrase())
                .isEqualTo("= 2**3 * 5**2 но сто девяносто девять - простое");
        assertThat(((SipResponse) corpus("noreason.sip")).reasonPhrase()).isEmpty();
    }

    @Test
    void shouldTypeCompactFormsAndKeepTheOthersAsReceivedWhenBothKindsAppear() throws Exception {
        SipMessage m = corpus("compact.sip");

        assertThat(m.topVia().transport()).isEqualTo("TCP");
        assertThat(m.from().displayName()).isEqualTo("Alice");
        assertThat(m.callId()).isEqualTo("3848276298220188511@atlanta.example.com");
        assertThat(m.contacts()).hasSize(1);
        assertThat(m.supported()).containsExactly("timer");
        assertThat(m.sessionExpires()).isEqualTo(new SessionExpires(1800, null));
        assertThat(m.contentType()).isEqualTo("application/sdp");
        assertThat(m.otherHeaders()).extracting(SipHeader::name).containsExactly("s", "e", "o", "r", "u", "b");
    }

    @Test
    void shouldNotSplitOnCommasInQuotesOrBracketsWhenValuesShareALine() throws Exception {
        SipMessage m = corpus("multivalue.sip");

        assertThat(m.vias()).extracting(Via::branch).containsExactly("z9hG4bKa", "z9hG4bKb", "z9hG4bKc");
        assertThat(m.routes()).hasSize(3);
        assertThat(m.routes().get(1).displayName()).isEqualTo("Proxy, Two");
        assertThat(m.from().displayName()).isEqualTo("Smith, John <jr>");
        assertThat(m.from().uri().user()).isEqualTo("a,b;c");
        assertThat(m.contacts()).extracting(c -> c.parameters().get("q")).containsExactly("0.7", "1.000", "0.1");
        assertThat(m.contacts().get(0).displayName()).isEqualTo("A, B");
        assertThat(m.allow()).containsExactly("INVITE", "ACK", "BYE", "CANCEL");
        assertThat(m.supported()).isEmpty();
        assertThat(m.require()).containsExactly("100rel", "timer");
        assertThat(m.header("warning")).isEqualTo("301 example.com \"Incompatible, \\\"really\\\"\"");
    }

    @Test
    void shouldKeepIpv6ReferencesWithTheirBracketsWhenParsingIpv6() throws Exception {
        SipRequest m = (SipRequest) corpus("ipv6.sip");

        assertThat(m.requestUri().host()).isEqualTo("[2001:db8::10]");
        Via top = m.topVia();
        assertThat(top.host()).isEqualTo("[2001:db8::9:1]");
        assertThat(top.port()).isEqualTo(6050);
        assertThat(top.received()).isEqualTo("2001:db8::9:255");
        assertThat(top.rport()).isEqualTo(6050);
        assertThat(m.vias().get(1).received()).isEqualTo("[2001:db8::9:256]");
        assertThat(m.contacts()).extracting(c -> c.uri().host(), c -> c.uri().port()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("[2001:db8::1]", SipUri.NO_PORT),
                org.assertj.core.groups.Tuple.tuple("[::ffff:192.0.2.1]", 5070));
        assertThat(((SipRequest) corpus("ipv6-port.sip")).requestUri().port()).isEqualTo(5070);
    }

    @Test
    void shouldReadGlobalAndLocalNumbersWhenParsingTelUris() throws Exception {
        SipRequest m = (SipRequest) corpus("tel-uri.sip");

        assertThat(m.requestUri().scheme()).isEqualTo(SipUri.Scheme.TEL);
        assertThat(m.requestUri().user()).isEqualTo("+1-201-555-0123");
        assertThat(m.from().uri().user()).isEqualTo("7042");
        assertThat(m.from().uri().parameters().get("phone-context")).isEqualTo("example.com");
    }

    @Test
    void shouldDecodeUtf8WhereTheGrammarAllowsIt() throws Exception {
        SipMessage m = corpus("utf8.sip");

        assertThat(m.from().displayName()).isEqualTo("Jürgen Müller 日本");
        assertThat(m.from().uri().user()).isEqualTo("jürgen");
        assertThat(m.header("Subject")).isEqualTo("Grüße aus Köln");
        assertThat(m.bodyAsString()).isEqualTo("Grüße");
    }

    @Test
    void shouldUnfoldIntoSingleSpacesWhenHeadersContinueOnFurtherLines() throws Exception {
        SipMessage m = corpus("folding.sip");

        assertThat(m.topVia().branch()).isEqualTo("z9hG4bKfold");
        assertThat(m.maxForwards()).isEqualTo(70);
        assertThat(m.from().displayName()).isEqualTo("Folded Name");
        assertThat(m.from().tag()).isEqualTo("f1");
        assertThat(m.cseq()).isEqualTo(CSeq.of(1, SipMethod.OPTIONS));
        assertThat(m.header("Subject")).isEqualTo("first line second line third line");
    }

    @Test
    void shouldReadEveryReasonWhenSeveralShareHeaders() throws Exception {
        assertThat(corpus("bye-reason.sip").reasons()).containsExactly(
                new Reason("SIP", 503, "Service \"Unavailable\""), new Reason("Q.850", 41, null),
                new Reason("X-Holdfast", 7, "LLM errors"));
    }

    @Test
    void shouldMarkTheWildcardWhenContactIsStar() throws Exception {
        SipMessage m = corpus("register-wildcard.sip");

        assertThat(m.contactWildcard()).isTrue();
        assertThat(m.contacts()).isEmpty();
        assertThat(m.header("Expires")).isEqualTo("0");
    }

    @Test
    void shouldReadReceivedRportAndSessionTimerWhenParsingAResponse() throws Exception {
        SipResponse m = (SipResponse) corpus("ok-sdp.sip");

        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.topVia().received()).isEqualTo("198.51.100.7");
        assertThat(m.topVia().rport()).isEqualTo(5060);
        assertThat(m.recordRoutes()).hasSize(2);
        assertThat(m.require()).containsExactly("timer");
        assertThat(m.sessionExpires()).isEqualTo(new SessionExpires(1800, "uac"));
        assertThat(m.to().tag()).isEqualTo("a6c85cf");
    }

    @Test
    void shouldRecogniseHeaderNamesWhenSpelledInAnyCase() throws Exception {
        SipMessage m = parse(OPTIONS.replace("Call-ID", "cALL-iD").replace("CSeq", "CSEQ")
                + "CONTENT-length: 0\r\n\r\n", Framing.STREAM);

        assertThat(m.callId()).isEqualTo("own.1@192.0.2.100");
        assertThat(m.cseq().sequence()).isEqualTo(1);
    }

    @Test
    void shouldAcceptTheBoundariesWhenScalarsAreAtTheirLimits() throws Exception {
        SipMessage m = parse(OPTIONS.replace("CSeq: 1 OPTIONS", "CSeq: 4294967295 OPTIONS")
                .replace("Max-Forwards: 70", "Max-Forwards: 255") + "Content-Length: 0\r\n\r\n", Framing.STREAM);

        assertThat(m.cseq().sequence()).isEqualTo(4294967295L);
        assertThat(m.maxForwards()).isEqualTo(255);
        String response = "SIP/2.0 %d X\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKb\r\nFrom: <sip:a@b>;tag=1\r\n"
                + "To: <sip:c@d>\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        assertThat(((SipResponse) parse(String.format(response, 100), Framing.STREAM)).statusCode()).isEqualTo(100);
        assertThat(((SipResponse) parse(String.format(response, 699), Framing.STREAM)).statusCode()).isEqualTo(699);
    }

    @Test
    void shouldLeaveTheBufferIndexesAloneAndAgreeWhenParsingDirectAndHeapBuffers() throws Exception {
        byte[] bytes = SipCorpus.valid("invite-sdp.sip").bytes();
        ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(bytes);
        ByteBuf heap = Unpooled.wrappedBuffer(bytes);
        try {
            SipMessage fromDirect = parser.parse(direct, Framing.STREAM);
            SipMessage fromHeap = parser.parse(heap, Framing.STREAM);

            MessageComparison.assertEquivalent(fromDirect, fromHeap);
            assertThat(direct.readerIndex()).isZero();
            assertThat(direct.writerIndex()).isEqualTo(bytes.length);
        } finally {
            direct.release();
            heap.release();
        }
    }

    @Test
    void shouldRefuseWithTooLongWhenTheMessageExceedsTheLimit() {
        SipParser small = new SipParser(new SipLimits(512, 256, 32));
        byte[] bytes = SipCorpus.valid("invite-sdp.sip").bytes();

        assertThatThrownBy(() -> small.parse(bytes, 0, bytes.length, Framing.DATAGRAM))
                .isInstanceOfSatisfying(TooLongSipMessageException.class, e -> {
                    assertThat(e.rule()).isEqualTo(Rule.MESSAGE_TOO_LONG);
                    assertThat(e.canRespond()).isFalse();
                });
    }

    @Test
    void shouldPointAtTheOffendingByteWhenAHeaderHoldsANul() {
        String text = OPTIONS + "Subject: a\u0000b\r\nContent-Length: 0\r\n\r\n";

        SipParseException e = refusal(text, Framing.DATAGRAM);

        assertThat(e.rule()).isEqualTo(Rule.ILLEGAL_CHARACTER);
        assertThat(e.headerName()).isEqualTo("Subject");
        assertThat(e.offset()).isEqualTo(OPTIONS.length() + "Subject: a".length());
        assertThat(e.getMessage()).contains("ILLEGAL_CHARACTER", "Subject", "at byte " + e.offset());
    }

    @Test
    void shouldRefuseBodyBytesBeyondContentLengthWhenTheFrameIsAStream() {
        SipParseException e = refusal(OPTIONS + "Content-Length: 0\r\n\r\nx", Framing.STREAM);

        assertThat(e.rule()).isEqualTo(Rule.BODY_OVERRUN);
    }

    @Test
    void shouldRefuseMalformedUtf8WhenItIsInADisplayName() {
        byte[] head = OPTIONS.replace("From: <sip:a", "From: \"\u00ff\" <sip:a").getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = (new String(head, StandardCharsets.ISO_8859_1) + "Content-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        SipParseException e = catchThrowableOfType(SipParseException.class,
                () -> parser.parse(bytes, 0, bytes.length, Framing.DATAGRAM));

        assertThat(e.rule()).isEqualTo(Rule.ILLEGAL_CHARACTER);
        assertThat(e.headerName()).isEqualTo("From");
    }

    @Test
    void shouldNameTheMissingHeaderWhenFormingTheBadRequest() {
        BadRequestContext context = refusal("missing-callid.sip").badRequestContext();

        assertThat(context.statusCode()).isEqualTo(400);
        assertThat(context.reasonPhrase()).isEqualTo("Bad Request - Missing Call-ID");
        assertThat(context.methodToken()).isEqualTo("OPTIONS");
        assertThat(context.topVia().branch()).isEqualTo("z9hG4bKown");
        assertThat(context.callId()).isNull();
        SipResponse response = context.toResponse("t9");
        assertThat(response.to().tag()).isEqualTo("t9");
        assertThat(response.from().tag()).isEqualTo("o1");
        assertThat(response.vias()).containsExactly(context.topVia());
        assertThat(response.cseq()).isEqualTo(CSeq.of(1, SipMethod.OPTIONS));
    }

    @Test
    void shouldKeepAnExistingToTagWhenFormingTheBadRequest() {
        BadRequestContext context = refusal("lwsruri.sip").badRequestContext();

        assertThat(context.toResponse("other").to().tag()).isEqualTo("3xfe-9921883-z9f");
        assertThat(context.reasonPhrase()).isEqualTo("Bad Request - Malformed Request-URI");
    }

    @Test
    void shouldUseThePreciseStatusWhenTheFaultHasOne() {
        assertThat(refusal("unkscm.sip").badRequestContext().statusCode()).isEqualTo(416);
        assertThat(refusal("unkscm.sip").badRequestContext().reasonPhrase()).isEqualTo("Unsupported URI Scheme");
        assertThat(refusal("unksm2.sip").badRequestContext().statusCode()).isEqualTo(400);
        assertThat(refusal("version-505.sip").badRequestContext().statusCode()).isEqualTo(505);
        assertThat(refusal("header-line-too-long.sip").badRequestContext().statusCode()).isEqualTo(513);
    }

    @Test
    void shouldKeepTheParsedCseqWhenTheMethodsMismatch() {
        BadRequestContext context = refusal("mismatch01.sip").badRequestContext();

        assertThat(context.cseq()).isEqualTo(CSeq.of(8, SipMethod.INVITE));
        assertThat(context.reasonPhrase()).isEqualTo("Bad Request - CSeq method does not match the request method");
    }

    @Test
    void shouldCopyEveryViaAsReceivedWhenALaterViaIsMalformed() {
        BadRequestContext context = refusal("via-second-bad.sip").badRequestContext();

        assertThat(context.vias()).isEmpty();
        assertThat(context.viaValues()).containsExactly("SIP/2.0/UDP 192.0.2.100;branch=z9hG4bKown",
                "SIP/2.0/UDP [2001:db8::1;branch=z9hG4bKx");
        assertThat(context.toResponse(null).otherHeaders()).extracting(SipHeader::name).containsExactly("Via", "Via");
    }

    @Test
    void shouldRefuseLimitsThatCannotWorkWhenConstructed() {
        assertThatThrownBy(() -> new SipLimits(10, 8, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SipLimits(1024, 2048, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SipLimits(1024, 512, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SipLimits.DEFAULT).isEqualTo(new SipLimits(65536, 8192, 256));
    }

    @Test
    void shouldRefuseATooLongRuleNotBeingALimitWhenConstructingTheException() {
        assertThatThrownBy(() -> new TooLongSipMessageException(Rule.BAD_VIA, 0, null, "x", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldIgnoreCrlfsBeforeTheStartLineWhenParsing() throws Exception {
        assertThat(corpus("leading-crlf.sip").callId()).isEqualTo("lead.1@192.0.2.90");
    }

    @Test
    void shouldRefuseAnEmptyDatagramWhenThereIsNoStartLine() {
        assertThat(refusal("\r\n\r\n", Framing.DATAGRAM).rule()).isEqualTo(Rule.BAD_START_LINE);
        assertThat(refusal("", Framing.DATAGRAM).rule()).isEqualTo(Rule.BAD_START_LINE);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
