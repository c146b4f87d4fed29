package io.holdfast.sip.sdp;

import static io.holdfast.sip.sdp.SdpTexts.crlf;
import static io.holdfast.sip.sdp.SdpTexts.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SdpAnswererTest {
    private static final InetAddress ANCHOR = ip("203.0.113.200");
    private static final Origin ORIGIN = Origin.of("holdfast", 7, 1, ANCHOR);
    private static final List<InetSocketAddress> ONE_PORT = List.of(new InetSocketAddress(ANCHOR, 40000));
    private static final SdpAnswerer ANSWERER = new SdpAnswerer(List.of(Codec.PCMU, Codec.PCMA, Codec.TELEPHONE_EVENT_8000));

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static SessionDescription answer(SdpAnswerer answerer, String offer, Direction wanted) {
        try {
            return answerer.answer(parse(offer), ORIGIN, ONE_PORT, wanted);
        } catch (SdpNegotiationException e) {
            throw new AssertionError(e);
        }
    }

    private static String offer(String direction, String... extraMediaLines) {
        String[] lines = new String[8 + extraMediaLines.length];
        String[] head = {"v=0", "o=caller 1 1 IN IP4 192.0.2.10", "s=-", "c=IN IP4 192.0.2.10", "t=0 0",
            "m=audio 20000 RTP/AVP 0 8 101", "a=rtpmap:101 telephone-event/8000", "a=" + direction};
        System.arraycopy(head, 0, lines, 0, head.length);
        System.arraycopy(extraMediaLines, 0, lines, head.length, extraMediaLines.length);
        return crlf(lines);
    }

    @Test
    void shouldWriteCompleteAnswerWhenAsteriskOffersCommonCodecs() throws SdpNegotiationException {
        SessionDescription offer = parse(SdpTexts.corpusCrlf("asterisk-pjsip-offer.sdp"));

        SessionDescription answer = ANSWERER.answer(offer, ORIGIN, ONE_PORT, Direction.SENDRECV);

        assertThat(answer.toString()).isEqualTo(crlf(
                "v=0",
                "o=holdfast 7 1 IN IP4 203.0.113.200",
                "s=-",
                "c=IN IP4 203.0.113.200",
                "t=0 0",
                "m=audio 40000 RTP/AVP 0 8 101",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=ptime:20",
                "a=sendrecv"));
    }

    @Test
    void shouldKeepOffererPayloadTypeNumbersWhenTheyAreDynamic() throws SdpNegotiationException {
        SessionDescription offer = parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=audio 4000 RTP/AVP 96 97 8", "a=rtpmap:96 telephone-event/8000", "a=rtpmap:97 PCMU/8000",
                "a=rtpmap:8 PCMA/8000"));

        SessionDescription answer = ANSWERER.answer(offer, ORIGIN, ONE_PORT, Direction.SENDRECV);

        assertThat(answer.audio().payloadTypes()).containsExactly(96, 97, 8);
        assertThat(answer.audio().rtpMap(97).encodingName()).isEqualTo("PCMU");
    }

    @Test
    void shouldLeaveOutUnsupportedFormatsWhenOfferHasMore() throws SdpNegotiationException {
        SessionDescription offer = parse(SdpTexts.corpusCrlf("freeswitch-offer.sdp"));

        SessionDescription answer = ANSWERER.answer(offer, ORIGIN, ONE_PORT, Direction.SENDRECV);

        assertThat(answer.audio().payloadTypes()).containsExactly(0, 8, 101);
        assertThat(answer.audio().fmtp(101)).isEqualTo("0-15");
        assertThat(answer.audio().rtcp()).isNull();
    }

    @Test
    void shouldRejectStreamsWithPortZeroWhenTheyCannotBeTaken() throws SdpNegotiationException {
        SessionDescription offer = parse(SdpTexts.corpusCrlf("rfc8866-example.sdp"));

        SessionDescription answer = ANSWERER.answer(offer, ORIGIN, ONE_PORT, Direction.SENDRECV);

        assertThat(answer.media()).hasSize(3);
        assertThat(answer.media()).extracting(MediaDescription::media).containsExactly("audio", "audio", "video");
        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(40000, 0, 0);
        assertThat(answer.media(1).formats()).containsExactly("0");
        assertThat(answer.media(2).formats()).containsExactly("99");
        assertThat(answer.media(2).proto()).isEqualTo("RTP/AVP");
    }

    @Test
    void shouldAcceptSecondAudioStreamWhenASecondAddressIsGiven() throws SdpNegotiationException {
        SessionDescription offer = parse(SdpTexts.corpusCrlf("rfc8866-example.sdp"));
        InetSocketAddress second = new InetSocketAddress(ip("2001:db8::200"), 40002);

        SessionDescription answer = ANSWERER.answer(offer, ORIGIN, List.of(ONE_PORT.get(0), second), Direction.SENDRECV);

        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(40000, 40002, 0);
        assertThat(answer.rtpAddressFor(answer.media(1))).isEqualTo(second);
        assertThat(answer.rtpAddressFor(answer.media(0))).isEqualTo(ONE_PORT.get(0));
    }

    @Test
    void shouldRejectAlreadyRejectedAndUnsupportedProtocolStreamsWhenAnswering() throws SdpNegotiationException {
        SessionDescription offer = parse(offer("sendrecv", "m=audio 0 RTP/AVP 0", "m=audio 30000 RTP/SAVP 0"));

        SessionDescription answer = ANSWERER.answer(offer, ORIGIN,
                List.of(ONE_PORT.get(0), new InetSocketAddress(ANCHOR, 40002), new InetSocketAddress(ANCHOR, 40004)),
                Direction.SENDRECV);

        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(40000, 0, 0);
    }

    @Test
    void shouldAcceptSecureProfileWhenItIsConfigured() throws SdpNegotiationException {
        SdpAnswerer answerer = new SdpAnswerer(List.of(Codec.PCMU), Set.of("RTP/AVP", "RTP/SAVP"), false);
        SessionDescription offer = parse(offer("sendrecv", "m=audio 30000 RTP/SAVP 0"));

        SessionDescription answer = answerer.answer(offer, ORIGIN,
                List.of(ONE_PORT.get(0), new InetSocketAddress(ANCHOR, 40002)), Direction.SENDRECV);

        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(40000, 40002);
        assertThat(answer.media(1).proto()).isEqualTo("RTP/SAVP");
    }

    @Test
    void shouldFailWithNegotiationExceptionWhenNoVoiceCodecIsShared() {
        SessionDescription offer = parse(SdpTexts.corpusCrlf("gateway-multi-stream.sdp"));

        assertThatThrownBy(() -> ANSWERER.answer(offer, ORIGIN, ONE_PORT, Direction.SENDRECV))
                .isInstanceOf(SdpNegotiationException.class)
                .hasMessageContaining("no stream of the offer can be accepted")
                .hasMessageContaining("PCMU/8000");
    }

    @Test
    void shouldRejectStreamWhenOnlyTelephoneEventIsShared() {
        SessionDescription offer = parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=audio 4000 RTP/AVP 18 101", "a=rtpmap:101 telephone-event/8000"));

        assertThatThrownBy(() -> ANSWERER.answer(offer, ORIGIN, ONE_PORT, Direction.SENDRECV))
                .isInstanceOf(SdpNegotiationException.class);
    }

    @Test
    void shouldFailWithNegotiationExceptionWhenNoAddressIsGiven() {
        SessionDescription offer = parse(SdpTexts.BASIC);

        assertThatThrownBy(() -> ANSWERER.answer(offer, ORIGIN, List.of(), Direction.SENDRECV))
                .isInstanceOf(SdpNegotiationException.class);
    }

    @ParameterizedTest(name = "offer {0}, wanted {1} -> {2}")
    @CsvSource({
        "sendonly, SENDRECV, recvonly",
        "recvonly, SENDRECV, sendonly",
        "inactive, SENDRECV, inactive",
        "sendrecv, SENDRECV, sendrecv",
        "sendrecv, SENDONLY, sendonly",
        "sendrecv, RECVONLY, recvonly",
        "sendrecv, INACTIVE, inactive",
        "sendonly, INACTIVE, inactive",
        "sendonly, SENDONLY, inactive",
        "recvonly, RECVONLY, inactive",
    })
    void shouldAnswerDirectionPerRfc3264WhenOfferHasDirection(String offered, Direction wanted, String answered) {
        SessionDescription answer = answer(ANSWERER, offer(offered), wanted);

        assertThat(answer.audio().direction().token()).isEqualTo(answered);
    }

    @Test
    void shouldAnswerFromSessionLevelDirectionWhenStreamHasNone() throws SdpNegotiationException {
        SessionDescription offer = parse(SdpTexts.corpusCrlf("sipjs-rtcp-mux-hold.sdp"));

        SessionDescription answer = ANSWERER.answer(offer, ORIGIN,
                List.of(ONE_PORT.get(0), new InetSocketAddress(ANCHOR, 40002)), Direction.SENDRECV);

        assertThat(answer.direction(answer.media(0))).isEqualTo(Direction.RECVONLY);
        assertThat(answer.direction(answer.media(1))).isEqualTo(Direction.SENDONLY);
    }

    @Test
    void shouldAcceptRtcpMuxWhenOfferedAndSupported() {
        String offer = offer("sendrecv").replace("a=sendrecv", "a=sendrecv\r\na=rtcp-mux");

        assertThat(answer(ANSWERER, offer, Direction.SENDRECV).audio().rtcpMux()).isTrue();
        assertThat(answer(new SdpAnswerer(List.of(Codec.PCMU), SdpAnswerer.DEFAULT_PROTOCOLS, false), offer,
                Direction.SENDRECV).audio().rtcpMux()).isFalse();
    }

    @Test
    void shouldNotAddRtcpMuxWhenOfferDidNotHaveIt() {
        assertThat(answer(ANSWERER, offer("sendrecv"), Direction.SENDRECV).audio().rtcpMux()).isFalse();
    }

    @Test
    void shouldOmitPtimeWhenOfferHasNone() {
        assertThat(answer(ANSWERER, offer("sendrecv"), Direction.SENDRECV).audio().ptimeMs())
                .isEqualTo(MediaDescription.ABSENT);
    }

    @Test
    void shouldCopyTimeLinesWhenOfferHasRepeatAndZoneLines() throws SdpNegotiationException {
        SessionDescription offer = parse(SdpTexts.corpusCrlf("rfc4566-multicast.sdp"));

        SessionDescription answer = ANSWERER.answer(offer, ORIGIN, ONE_PORT, Direction.RECVONLY);

        assertThat(answer.line(4)).asString().isEqualTo("t=2873397496 2873404696");
        assertThat(answer.line(5)).asString().isEqualTo("r=7d 1h 0 25h");
        assertThat(answer.line(6)).asString().isEqualTo("z=2882844526 -1h 2898848070 0");
        assertThat(answer.direction(answer.audio())).isEqualTo(Direction.INACTIVE);
    }

    @Test
    void shouldMatchItsOfferWhenPairedForNegotiation() throws SdpNegotiationException {
        SessionDescription offer = parse(SdpTexts.corpusCrlf("webrtc-chrome-offer.sdp"));
        SdpAnswerer answerer = new SdpAnswerer(List.of(Codec.PCMA, Codec.TELEPHONE_EVENT_8000),
                Set.of("UDP/TLS/RTP/SAVPF"), true);

        SessionDescription answer = answerer.answer(offer, ORIGIN, ONE_PORT, Direction.SENDRECV);
        OfferAnswer exchange = OfferAnswer.of(offer, answer);

        assertThat(answer.audio().payloadTypes()).containsExactly(8, 126);
        assertThat(answer.audio().rtcpMux()).isTrue();
        assertThat(answer.media(1).isRejected()).isTrue();
        assertThat(exchange.negotiatedCodec()).isEqualTo(new RtpMap(8, "PCMA", 8000, 1));
        assertThat(exchange.telephoneEventPayloadType(0)).isEqualTo(126);
    }

    @Test
    void shouldRefuseUnusableArgumentsWhenConstructedOrCalled() {
        assertThatThrownBy(() -> new SdpAnswerer(List.of())).isInstanceOf(IllegalArgumentException.class);
        SessionDescription offer = parse(SdpTexts.BASIC);
        assertThatThrownBy(() -> ANSWERER.answer(offer, ORIGIN,
                List.of(InetSocketAddress.createUnresolved("example.com", 4000)), Direction.SENDRECV))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
