package io.holdfast.sip.sdp;

import static io.holdfast.sip.sdp.SdpTexts.crlf;
import static io.holdfast.sip.sdp.SdpTexts.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** The exact output of each rewrite on small descriptions. */
class SessionDescriptionRewriteTest {
    private static final InetAddress ANCHOR = ip("203.0.113.200");

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldRewriteSessionConnectionAndPortWhenOnlyStreamUsesSessionConnection() {
        SessionDescription sd = parse(SdpTexts.BASIC);

        SessionDescription rewritten = sd.withMediaAddress(0, new InetSocketAddress(ANCHOR, 40000));

        assertThat(rewritten.toString()).isEqualTo(SdpTexts.BASIC
                .replace("c=IN IP4 192.0.2.10", "c=IN IP4 203.0.113.200")
                .replace("m=audio 20000 ", "m=audio 40000 "));
    }

    @Test
    void shouldInsertMediaConnectionWhenAnotherStreamStillUsesSessionConnection() {
        SessionDescription sd = parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=audio 4000 RTP/AVP 0", "i=voice", "a=sendrecv", "m=video 4002 RTP/AVP 31"));

        SessionDescription rewritten = sd.withMediaAddress(0, new InetSocketAddress(ANCHOR, 40000));

        assertThat(rewritten.toString()).isEqualTo(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1",
                "t=0 0", "m=audio 40000 RTP/AVP 0", "i=voice", "c=IN IP4 203.0.113.200", "a=sendrecv",
                "m=video 4002 RTP/AVP 31"));
        assertThat(rewritten.rtpAddressFor(rewritten.media(1))).isEqualTo(sd.rtpAddressFor(sd.media(1)));
    }

    @Test
    void shouldRewriteMediaConnectionAndDropExtraOnesWhenStreamHasItsOwn() {
        SessionDescription sd = parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0",
                "m=audio 4000 RTP/AVP 0", "c=IN IP4 192.0.2.2", "c=IN IP4 192.0.2.3", "b=AS:64"));

        SessionDescription rewritten = sd.withMediaAddress(0, new InetSocketAddress(ANCHOR, 40000));

        assertThat(rewritten.toString()).isEqualTo(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0",
                "m=audio 40000 RTP/AVP 0", "c=IN IP4 203.0.113.200", "b=AS:64"));
    }

    @Test
    void shouldLeaveConnectionWhenItAlreadyNamesTheNewAddress() {
        SessionDescription sd = parse(SdpTexts.BASIC);

        SessionDescription rewritten = sd.withMediaAddress(0, new InetSocketAddress(ip("192.0.2.10"), 30000));

        assertThat(LineDiff.of(sd, rewritten).removed()).containsExactly("m=audio 20000 RTP/AVP 0 8 101");
        assertThat(LineDiff.of(sd, rewritten).added()).containsExactly("m=audio 30000 RTP/AVP 0 8 101");
    }

    @Test
    void shouldKeepNumberOfPortsWhenPortIsRewritten() {
        SessionDescription sd = parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=video 49170/2 RTP/AVP 31"));

        SessionDescription rewritten = sd.withMediaAddress(0, new InetSocketAddress(ip("192.0.2.1"), 50000));

        assertThat(rewritten.media(0).port()).isEqualTo(50000);
        assertThat(rewritten.media(0).portCount()).isEqualTo(2);
        assertThat(rewritten.line(5)).asString().isEqualTo("m=video 50000/2 RTP/AVP 31");
    }

    @Test
    void shouldMoveRtcpAttributeToNextPortWhenItWasNotTheRtpPort() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("freeswitch-offer.sdp"));

        SessionDescription rewritten = sd.withMediaAddress(0, new InetSocketAddress(ANCHOR, 40000));

        assertThat(LineDiff.of(sd, rewritten).added()).containsExactly("c=IN IP4 203.0.113.200",
                "m=audio 40000 RTP/AVP 9 0 8 102 101 13", "a=rtcp:40001 IN IP4 203.0.113.200");
    }

    @Test
    void shouldKeepRtcpAttributeWithoutAddressWhenItHadNone() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("kamailio-rtpengine-offer.sdp"));

        SessionDescription rewritten = sd.withMediaAddress(0, new InetSocketAddress(ANCHOR, 40000));

        assertThat(LineDiff.of(sd, rewritten).added()).contains("a=rtcp:40001");
    }

    @Test
    void shouldKeepRtcpOnRtpPortWhenAttributeWasMuxStyle() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("webrtc-chrome-offer.sdp"));

        SessionDescription rewritten = sd.withMediaAddress(0, new InetSocketAddress(ANCHOR, 40000));

        assertThat(LineDiff.of(sd, rewritten).added()).containsExactly("m=audio 40000 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
                "c=IN IP4 203.0.113.200", "a=rtcp:40000 IN IP4 203.0.113.200");
        assertThat(rewritten.rtcpPortFor(rewritten.audio())).isEqualTo(40000);
    }

    @Test
    void shouldAddRtcpAttributeWhenExplicitRtcpIsNotTheImplicitPort() {
        SessionDescription sd = parse(SdpTexts.BASIC);

        SessionDescription rewritten = sd.withMediaAddress(0, new InetSocketAddress(ANCHOR, 40000),
                new InetSocketAddress(ANCHOR, 40011));

        assertThat(LineDiff.of(sd, rewritten).added()).containsExactly("c=IN IP4 203.0.113.200",
                "m=audio 40000 RTP/AVP 0 8 101", "a=rtcp:40011");
        assertThat(rewritten.line(rewritten.lineCount() - 1)).asString().isEqualTo("a=rtcp:40011");
        assertThat(rewritten.rtcpAddressFor(rewritten.audio())).isEqualTo(new InetSocketAddress(ANCHOR, 40011));
    }

    @Test
    void shouldAddRtcpAttributeWithAddressWhenExplicitRtcpIsOnAnotherHost() {
        SessionDescription sd = parse(SdpTexts.BASIC);
        InetSocketAddress rtcp = new InetSocketAddress(ip("2001:db8::9"), 40001);

        SessionDescription rewritten = sd.withMediaAddress(0, new InetSocketAddress(ANCHOR, 40000), rtcp);

        assertThat(LineDiff.of(sd, rewritten).added()).contains("a=rtcp:40001 IN IP6 2001:db8::9");
        assertThat(rewritten.rtcpAddressFor(rewritten.audio())).isEqualTo(rtcp);
    }

    @Test
    void shouldAddNoRtcpAttributeWhenExplicitRtcpIsTheImplicitPort() {
        SessionDescription sd = parse(SdpTexts.BASIC);

        SessionDescription rewritten = sd.withMediaAddress(0, new InetSocketAddress(ANCHOR, 40000),
                new InetSocketAddress(ANCHOR, 40001));

        assertThat(rewritten).isEqualTo(sd.withMediaAddress(0, new InetSocketAddress(ANCHOR, 40000)));
    }

    @Test
    void shouldAddRtcpAttributeWhenMuxOfferedAndExplicitRtcpIsNextPort() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("sipjs-rtcp-mux-hold.sdp"));

        SessionDescription rewritten = sd.withMediaAddress(0, new InetSocketAddress(ip("192.0.2.77"), 50000),
                new InetSocketAddress(ip("192.0.2.77"), 50001));

        assertThat(LineDiff.of(sd, rewritten).added()).containsExactly("a=rtcp:50001");
    }

    @Test
    void shouldSwitchAddressTypeWhenStreamMovesToIpv6() {
        SessionDescription sd = parse(SdpTexts.BASIC);

        SessionDescription rewritten = sd.withMediaAddress(0, new InetSocketAddress(ip("2001:db8:0:0:0:0:0:7"), 40000));

        assertThat(rewritten.connection()).isEqualTo(new Connection(AddressType.IP6, "2001:db8::7", Connection.NO_TTL, 1));
    }

    @Test
    void shouldRejectUnresolvedAddressWhenRewritingMedia() {
        SessionDescription sd = parse(SdpTexts.BASIC);

        assertThatThrownBy(() -> sd.withMediaAddress(0, InetSocketAddress.createUnresolved("example.com", 4000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sd.withMediaAddress(1, new InetSocketAddress(ANCHOR, 4000)))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldRewriteEveryConnectionAndRtcpAddressWhenConnectionAddressIsSet() {
        SessionDescription sd = parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=audio 4000 RTP/AVP 0", "c=IN IP4 192.0.2.2", "a=rtcp:4001 IN IP4 192.0.2.2",
                "m=audio 5000 RTP/AVP 0", "a=rtcp:5005"));

        SessionDescription rewritten = sd.withConnectionAddress(ANCHOR);

        assertThat(rewritten.toString()).isEqualTo(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-",
                "c=IN IP4 203.0.113.200", "t=0 0", "m=audio 4000 RTP/AVP 0", "c=IN IP4 203.0.113.200",
                "a=rtcp:4001 IN IP4 203.0.113.200", "m=audio 5000 RTP/AVP 0", "a=rtcp:5005"));
    }

    @Test
    void shouldReplaceOnlyTheSessionNameWhenLegWritesItsOwn() {
        SessionDescription sd = parse(SdpTexts.BASIC);

        SessionDescription rewritten = sd.withSessionName("holdfast");

        assertThat(rewritten.sessionName()).isEqualTo("holdfast");
        assertThat(LineDiff.of(sd, rewritten).added()).containsExactly("s=holdfast");
        assertThat(LineDiff.of(sd, rewritten).removed()).containsExactly("s=-");
        assertThatThrownBy(() -> sd.withSessionName("two\r\nlines")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sd.withSessionName("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReplaceOriginLineWhenLegHasItsOwnOrigin() {
        SessionDescription sd = parse(SdpTexts.BASIC);
        Origin own = Origin.of("holdfast", 42, 1, ANCHOR);

        SessionDescription rewritten = sd.withOrigin(own);

        assertThat(rewritten.origin()).isEqualTo(own);
        assertThat(LineDiff.of(sd, rewritten).added()).containsExactly("o=holdfast 42 1 IN IP4 203.0.113.200");
        assertThat(LineDiff.of(sd, rewritten).removed()).containsExactly("o=caller 100 200 IN IP4 192.0.2.10");
    }

    @Test
    void shouldReplaceOnlyOriginAddressWhenOriginAddressIsSet() {
        SessionDescription sd = parse(SdpTexts.BASIC);

        SessionDescription rewritten = sd.withOriginAddress(ip("2001:db8::1"));

        assertThat(LineDiff.of(sd, rewritten).added()).containsExactly("o=caller 100 200 IN IP6 2001:db8::1");
    }

    @Test
    void shouldIncrementVersionWhenNewOfferIsMadeInTheSession() {
        SessionDescription sd = parse(SdpTexts.BASIC);

        SessionDescription twice = sd.withOriginVersionIncremented().withOriginVersionIncremented();

        assertThat(twice.origin().sessionVersion()).isEqualTo("202");
    }

    @Test
    void shouldReplaceDirectionAttributeInPlaceWhenStreamHasOne() {
        SessionDescription sd = parse(SdpTexts.BASIC);

        SessionDescription rewritten = sd.withDirection(0, Direction.SENDONLY);

        assertThat(rewritten.toString()).isEqualTo(SdpTexts.BASIC.replace("a=sendrecv", "a=sendonly"));
    }

    @Test
    void shouldAppendDirectionToStreamWhenItInheritsAnotherOne() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("polycom-old-hold.sdp"));

        SessionDescription rewritten = sd.withDirection(0, Direction.SENDRECV);

        assertThat(rewritten.line(rewritten.lineCount() - 1)).asString().isEqualTo("a=sendrecv");
        assertThat(rewritten.lineCount()).isEqualTo(sd.lineCount() + 1);
        assertThat(rewritten.direction()).isEqualTo(Direction.INACTIVE);
        assertThat(rewritten.direction(rewritten.audio())).isEqualTo(Direction.SENDRECV);
    }

    @Test
    void shouldReturnSameDescriptionWhenInheritedDirectionAlreadyMatches() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("rfc8866-example.sdp"));

        assertThat(sd.withDirection(0, Direction.SENDRECV)).isSameAs(sd);
    }

    @Test
    void shouldAppendDirectionBeforeNextStreamWhenStreamIsNotTheLast() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("rfc8866-example.sdp"));

        SessionDescription rewritten = sd.withDirection(0, Direction.INACTIVE);

        assertThat(rewritten.line(10)).asString().isEqualTo("a=inactive");
        assertThat(rewritten.line(11)).asString().isEqualTo("m=audio 49180 RTP/AVP 0");
        assertThat(rewritten.direction(rewritten.media(1))).isEqualTo(Direction.SENDRECV);
    }

    @Test
    void shouldRemoveOnlyNamedAttributesWhenIceCandidatesAreStripped() {
        SessionDescription sd = parse(SdpTexts.corpusCrlf("webrtc-chrome-offer.sdp"));

        SessionDescription rewritten = sd.withMediaAttributesRemoved(0, "candidate");

        assertThat(LineDiff.of(sd, rewritten).added()).isEmpty();
        assertThat(LineDiff.of(sd, rewritten).removed()).hasSize(2).allMatch(line -> line.startsWith("a=candidate:"));
        assertThat(rewritten.media(1).attributes()).isEqualTo(sd.media(1).attributes());
        assertThat(sd.withMediaAttributesRemoved(0, "nothing")).isSameAs(sd);
    }
}
