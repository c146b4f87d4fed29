package io.holdfast.sip.sdp;

import static io.holdfast.sip.sdp.SdpTexts.crlf;
import static io.holdfast.sip.sdp.SdpTexts.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdpParserTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldReadSessionLevelFieldsWhenDescriptionIsValid() {
        SessionDescription sd = parse(SdpTexts.BASIC);

        assertThat(sd.origin()).isEqualTo(new Origin("caller", "100", "200", AddressType.IP4, "192.0.2.10"));
        assertThat(sd.sessionName()).isEqualTo("-");
        assertThat(sd.connection()).isEqualTo(new Connection(AddressType.IP4, "192.0.2.10", Connection.NO_TTL, 1));
        assertThat(sd.timings()).containsExactly(new Timing(0, 0));
        assertThat(sd.attributes()).isEmpty();
        assertThat(sd.direction()).isNull();
        assertThat(sd.media()).hasSize(1);
        assertThat(sd.lineCount()).isEqualTo(12);
    }

    @Test
    void shouldReadMediaLineAndRtpAttributesWhenAudioIsOffered() {
        MediaDescription audio = parse(SdpTexts.BASIC).audio();

        assertThat(audio.index()).isZero();
        assertThat(audio.media()).isEqualTo("audio");
        assertThat(audio.port()).isEqualTo(20000);
        assertThat(audio.portCount()).isEqualTo(1);
        assertThat(audio.proto()).isEqualTo("RTP/AVP");
        assertThat(audio.isRtp()).isTrue();
        assertThat(audio.formats()).containsExactly("0", "8", "101");
        assertThat(audio.payloadTypes()).containsExactly(0, 8, 101);
        assertThat(audio.rtpMap(101)).isEqualTo(new RtpMap(101, "telephone-event", 8000, 1));
        assertThat(audio.fmtp(101)).isEqualTo("0-16");
        assertThat(audio.fmtp(0)).isNull();
        assertThat(audio.ptimeMs()).isEqualTo(20);
        assertThat(audio.maxptimeMs()).isEqualTo(MediaDescription.ABSENT);
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.telephoneEventPayloadType()).isEqualTo(101);
        assertThat(audio.rtcp()).isNull();
        assertThat(audio.rtcpMux()).isFalse();
        assertThat(audio.attribute("ptime")).isEqualTo(new Attribute("ptime", "20"));
        assertThat(audio.attributes("rtpmap")).hasSize(3);
    }

    @Test
    void shouldUseRfc3551DefaultsWhenStaticPayloadTypeHasNoRtpmap() {
        MediaDescription audio = parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1",
                "t=0 0", "m=audio 4000 RTP/AVP 0 8 18 96")).audio();

        assertThat(audio.rtpMaps()).extracting(RtpMap::format).containsExactly("PCMU/8000", "PCMA/8000", "G729/8000");
        assertThat(audio.rtpMap(96)).isNull();
        assertThat(audio.telephoneEventPayloadType()).isEqualTo(MediaDescription.ABSENT);
    }

    @Test
    void shouldPickTelephoneEventOfTheClockRateWhenSeveralAreOffered() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("webrtc-chrome-offer.sdp"));
        MediaDescription audio = sd.audio();

        assertThat(audio.telephoneEventPayloadType()).isEqualTo(110);
        assertThat(audio.telephoneEventPayloadType(8000)).isEqualTo(126);
        assertThat(audio.telephoneEventPayloadType(48000)).isEqualTo(110);
        assertThat(audio.telephoneEventPayloadType(16000)).isEqualTo(MediaDescription.ABSENT);
        assertThat(audio.rtpMap(111)).isEqualTo(new RtpMap(111, "opus", 48000, 2));
    }

    @Test
    void shouldFallBackToSessionConnectionWhenMediaHasNone() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("rfc8866-example.sdp"));

        assertThat(sd.connectionFor(sd.media(0)).address()).isEqualTo("198.51.100.1");
        assertThat(sd.connectionFor(sd.media(2))).isEqualTo(new Connection(AddressType.IP6, "2001:db8::2",
                Connection.NO_TTL, 1));
        assertThat(sd.rtpAddressFor(sd.media(2))).isEqualTo(new InetSocketAddress(ip("2001:db8::2"), 51372));
    }

    @Test
    void shouldLetMediaDirectionOverrideSessionDirectionWhenBothArePresent() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("sipjs-rtcp-mux-hold.sdp"));

        assertThat(sd.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(sd.direction(sd.media(0))).isEqualTo(Direction.SENDONLY);
        assertThat(sd.direction(sd.media(1))).isEqualTo(Direction.RECVONLY);
    }

    @Test
    void shouldDefaultToSendrecvWhenNoDirectionAttributeIsPresent() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("rfc8866-example.sdp"));

        assertThat(sd.direction(sd.media(0))).isEqualTo(Direction.SENDRECV);
        assertThat(sd.media(0).direction()).isNull();
    }

    @Test
    void shouldTakeRtcpPortFromAttributeWhenRfc3605LineIsPresent() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("freeswitch-offer.sdp"));
        MediaDescription audio = sd.audio();

        assertThat(audio.rtcp()).isEqualTo(new RtcpAttribute(24581, Connection.of(ip("198.51.100.20"))));
        assertThat(sd.rtcpPortFor(audio)).isEqualTo(24581);
        assertThat(sd.rtcpAddressFor(audio)).isEqualTo(new InetSocketAddress(ip("198.51.100.20"), 24581));
    }

    @Test
    void shouldUseRtcpAttributeAddressWhenItNamesAnotherHost() {
        SessionDescription sd = parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=audio 4000 RTP/AVP 0", "a=rtcp:5001 IN IP4 192.0.2.99"));

        assertThat(sd.rtcpAddressFor(sd.audio())).isEqualTo(new InetSocketAddress(ip("192.0.2.99"), 5001));
        assertThat(sd.rtpAddressFor(sd.audio())).isEqualTo(new InetSocketAddress(ip("192.0.2.1"), 4000));
    }

    @Test
    void shouldUseSameRtcpPortWhenRtcpMuxIsPresentWithoutRtcpAttribute() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("sipjs-rtcp-mux-hold.sdp"));

        assertThat(sd.media(0).rtcpMux()).isTrue();
        assertThat(sd.rtcpPortFor(sd.media(0))).isEqualTo(50000);
        assertThat(sd.rtcpPortFor(sd.media(1))).isEqualTo(50003);
    }

    @Test
    void shouldGiveNoRtcpPortWhenRtpPortIsTheLastPort() {
        SessionDescription sd = parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=audio 65535 RTP/AVP 0"));

        assertThat(sd.rtcpPortFor(sd.audio())).isEqualTo(MediaDescription.ABSENT);
        assertThat(sd.rtcpAddressFor(sd.audio())).isNull();
    }

    @Test
    void shouldGiveUnresolvedAddressWhenConnectionIsAHostName() {
        SessionDescription sd = parse(crlf("v=0", "o=- 1 1 IN IP4 host.example.com", "s=-",
                "c=IN IP4 media.example.com", "t=0 0", "m=audio 4000 RTP/AVP 0"));

        assertThat(sd.connection().isHostName()).isTrue();
        assertThat(sd.connection().inetAddress()).isNull();
        assertThat(sd.rtpAddressFor(sd.audio())).isEqualTo(InetSocketAddress.createUnresolved("media.example.com", 4000));
    }

    @Test
    void shouldReadMulticastTtlAndRepeatLinesWhenRfc4566ExampleIsParsed() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("rfc4566-multicast.sdp"));

        assertThat(sd.connection()).isEqualTo(new Connection(AddressType.IP4, "224.2.17.12", 127, 1));
        assertThat(sd.bandwidths()).containsExactly(new Bandwidth("AS", 2000));
        assertThat(sd.timings()).containsExactly(new Timing(2873397496L, 2873404696L));
        assertThat(sd.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(sd.media(1).bandwidths()).containsExactly(new Bandwidth("AS", 1500));
        assertThat(sd.media(1).rtpMap(99).encodingName()).isEqualTo("h263-1998");
    }

    @Test
    void shouldReadIpv6MulticastAddressCountWhenGiven() {
        SessionDescription sd = parse(crlf("v=0", "o=- 1 1 IN IP6 2001:db8::1", "s=-", "c=IN IP6 ff15::101/3",
                "t=0 0", "m=audio 4000 RTP/AVP 0"));

        assertThat(sd.connection()).isEqualTo(new Connection(AddressType.IP6, "ff15::101", Connection.NO_TTL, 3));
        assertThat(sd.connection().toSdpValue()).isEqualTo("IN IP6 ff15::101/3");
    }

    @Test
    void shouldKeepFormatsAsTokensWhenProtocolIsNotRtp() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("gateway-multi-stream.sdp"));
        MediaDescription image = sd.media(2);

        assertThat(image.isRtp()).isFalse();
        assertThat(image.formats()).containsExactly("t38");
        assertThat(image.payloadTypes()).isEmpty();
        assertThat(image.attribute("T38FaxMaxDatagram").value()).isEqualTo("176");
        assertThat(sd.media(1).isRejected()).isTrue();
        assertThat(sd.media(0).bandwidths()).containsExactly(new Bandwidth("AS", 64));
    }

    @Test
    void shouldReadPortCountWhenMediaLineHasOne() {
        MediaDescription m = parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=video 49170/2 RTP/AVP 31")).media(0);

        assertThat(m.port()).isEqualTo(49170);
        assertThat(m.portCount()).isEqualTo(2);
    }

    @Test
    void shouldAcceptBareLfLineEndingsWhenParsing() {
        SessionDescription lf = parse(SdpTexts.BASIC.replace("\r\n", "\n"));
        SessionDescription crlf = parse(SdpTexts.BASIC);

        assertThat(lf).isEqualTo(crlf);
        assertThat(lf.toBytes()).isEqualTo(SdpTexts.BASIC.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldAcceptMixedLineEndingsAndMissingFinalEndingWhenParsing() {
        String mixed = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\ns=-\r\nc=IN IP4 192.0.2.1\nt=0 0\r\nm=audio 4000 RTP/AVP 0";

        SessionDescription sd = parse(mixed);

        assertThat(sd.lineCount()).isEqualTo(6);
        assertThat(new String(sd.toBytes(), StandardCharsets.US_ASCII)).isEqualTo(
                crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0", "m=audio 4000 RTP/AVP 0"));
    }

    @Test
    void shouldIgnoreEmptyLinesWhenTheyTrailTheDescription() {
        SessionDescription sd = parse(SdpTexts.BASIC + "\r\n\r\n");

        assertThat(sd.toBytes()).isEqualTo(SdpTexts.BASIC.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldTolerateTrailingSpacesWhenStructuredLinesHaveThem() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("carrier-trailing-spaces.sdp"));

        assertThat(sd.origin().address()).isEqualTo("100.64.10.20");
        assertThat(sd.connection().address()).isEqualTo("100.64.10.20");
        assertThat(sd.audio().payloadTypes()).containsExactly(0, 8, 101);
        assertThat(sd.audio().bandwidths()).containsExactly(new Bandwidth("AS", 84), new Bandwidth("TIAS", 64000));
    }

    @Test
    void shouldAcceptAllOptionalSessionLinesWhenInGrammarOrder() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("rfc8866-example.sdp"));

        assertThat(sd.sessionName()).isEqualTo("Call to John Smith");
        assertThat(sd.media()).extracting(MediaDescription::media).containsExactly("audio", "audio", "video");
    }

    @Test
    void shouldAcceptSeveralTimeDescriptionsWhenZoneLinesFollowEach() {
        SessionDescription sd = parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1",
                "t=3034423619 3042462419", "r=604800 3600 0 90000", "z=2882844526 -1h", "t=3042462419 3050462419",
                "r=7d 1h 0", "k=clear:secret", "a=tool:test", "m=audio 4000 RTP/AVP 0", "i=voice", "c=IN IP4 192.0.2.2",
                "b=AS:64", "k=prompt", "a=recvonly"));

        assertThat(sd.timings()).hasSize(2);
        assertThat(sd.attribute("tool").value()).isEqualTo("test");
        assertThat(sd.connectionFor(sd.audio()).address()).isEqualTo("192.0.2.2");
    }

    @Test
    void shouldDecodeSessionNameWithDeclaredCharsetWhenItIsNotUtf8() {
        byte[] latin1 = crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=Caf\u00e9", "c=IN IP4 192.0.2.1", "t=0 0",
                "a=charset:ISO-8859-1", "m=audio 4000 RTP/AVP 0").getBytes(StandardCharsets.ISO_8859_1);

        SessionDescription sd = parse(latin1);

        assertThat(sd.sessionName()).isEqualTo("Caf\u00e9");
        assertThat(sd.toBytes()).isEqualTo(latin1);
    }

    @Test
    void shouldAcceptUtf8TextWhenSessionNameIsNotAscii() {
        SessionDescription sd = parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=R\u00e9union \u4f1a\u8bae",
                "c=IN IP4 192.0.2.1", "t=0 0"));

        assertThat(sd.sessionName()).isEqualTo("R\u00e9union \u4f1a\u8bae");
        assertThat(sd.media()).isEmpty();
        assertThat(sd.audio()).isNull();
    }

    @Test
    void shouldAcceptTabInTextWhenSessionInformationHasOne() {
        SessionDescription sd = parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=a\tb", "c=IN IP4 192.0.2.1", "t=0 0"));

        assertThat(sd.sessionName()).isEqualTo("a\tb");
    }

    @Test
    void shouldRoundPacketTimeWhenItHasAFraction() {
        MediaDescription m = parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=audio 4000 RTP/AVP 0", "a=ptime:20.0", "a=maxptime:37.5")).audio();

        assertThat(m.ptimeMs()).isEqualTo(20);
        assertThat(m.maxptimeMs()).isEqualTo(38);
    }

    @Test
    void shouldKeepUnknownAttributesInOrderWhenParsing() {
        MediaDescription audio = parse(SdpTexts.corpusCrlf("webrtc-chrome-offer.sdp")).audio();

        assertThat(audio.attributes("candidate")).hasSize(2);
        assertThat(audio.attributes().get(0)).isEqualTo(new Attribute("rtcp", "9 IN IP4 0.0.0.0"));
        assertThat(audio.attribute("rtcp-mux").isFlag()).isTrue();
        assertThat(audio.attribute("nothing")).isNull();
    }

    @Test
    void shouldExposeLinesAsCopiesWhenAskedForBytes() {
        SessionDescription sd = parse(SdpTexts.BASIC);
        byte[] line = sd.line(0);
        line[0] = 'x';
        byte[] bytes = sd.toBytes();
        bytes[0] = 'x';

        assertThat(sd.line(0)).isEqualTo("v=0".getBytes(StandardCharsets.US_ASCII));
        assertThat(sd.toBytes()[0]).isEqualTo((byte) 'v');
        assertThat(sd.toString()).isEqualTo(SdpTexts.BASIC);
    }

    @Test
    void shouldBeEqualWhenBytesAreEqual() {
        SessionDescription a = parse(SdpTexts.BASIC);
        SessionDescription b = parse(SdpTexts.BASIC.getBytes(StandardCharsets.US_ASCII));
        SessionDescription c = a.withOriginVersionIncremented();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    }

    @Test
    void shouldListStreamsInOrderWhenSeveralAudioStreamsArePresent() {
        List<MediaDescription> media = parse(SdpTexts.corpusCrlf("sipjs-rtcp-mux-hold.sdp")).media();

        assertThat(media).extracting(MediaDescription::index).containsExactly(0, 1);
        assertThat(media).extracting(MediaDescription::port).containsExactly(50000, 50002);
    }

    @Test
    void shouldFailWithIndexOutOfBoundsWhenMediaIndexDoesNotExist() {
        SessionDescription sd = parse(SdpTexts.BASIC);

        assertThatThrownBy(() -> sd.media(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
