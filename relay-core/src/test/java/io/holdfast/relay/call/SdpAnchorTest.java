package io.holdfast.relay.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.rtp.relay.MediaSide;
import io.holdfast.sip.sdp.SessionDescription;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SdpAnchorTest {
    private static final String OFFER = "v=0\r\no=carrier 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\n"
            + "t=0 0\r\nm=audio 20000 RTP/AVP 8 0\r\na=rtpmap:8 PCMA/8000\r\na=rtcp-mux\r\n"
            + "a=candidate:1 1 UDP 2130706431 192.0.2.10 20000 typ host\r\n"
            + "m=video 20004 RTP/AVP 96\r\nc=IN IP4 192.0.2.11\r\na=rtpmap:96 H264/90000\r\n";

    private final FakeAnchor anchor = new FakeAnchor();
    private final SdpAnchor sdp = new SdpAnchor(InetAddress.getLoopbackAddress(), 11, 22);

    @Test
    void shouldAnchorAudioAndDisableOtherStreamsWhenRewritingTowardTheRegion() throws Exception {
        SessionDescription out = sdp.toward(MediaSide.UPSTREAM, SessionDescription.parse(OFFER), anchor);

        assertThat(out.toString()).doesNotContain("192.0.2.").doesNotContain("candidate").doesNotContain("rtcp-mux");
        assertThat(out.audio().port()).isEqualTo(FakeAnchor.UPSTREAM_RTP);
        assertThat(out.audio().payloadTypes()).containsExactly(8, 0);
        assertThat(out.rtcpPortFor(out.audio())).isEqualTo(FakeAnchor.UPSTREAM_RTCP);
        assertThat(out.media(1).isRejected()).isTrue();
        assertThat(out.origin().toSdpValue()).isEqualTo("holdfast 22 1 IN IP4 127.0.0.1");
    }

    @Test
    void shouldWriteExplicitRtcpWhenItIsNotOnTheNextPort() throws Exception {
        SessionDescription out = sdp.toward(MediaSide.CALLER, SessionDescription.parse(OFFER), anchor);

        assertThat(out.audio().port()).isEqualTo(FakeAnchor.CALLER_RTP);
        assertThat(out.audio().rtcp().port()).isEqualTo(FakeAnchor.CALLER_RTCP);
        assertThat(out.origin().sessionId()).isEqualTo("11");
    }

    @Test
    void shouldRaiseTheOriginVersionOnlyWhenTheDescriptionChanges() throws Exception {
        SessionDescription offer = SessionDescription.parse(OFFER);
        SessionDescription first = sdp.toward(MediaSide.CALLER, offer, anchor);
        SessionDescription same = sdp.toward(MediaSide.CALLER, offer, anchor);
        SessionDescription movedOnly = sdp.toward(MediaSide.CALLER,
                SessionDescription.parse(OFFER.replace("m=audio 20000", "m=audio 20010")), anchor);
        SessionDescription changed = sdp.toward(MediaSide.CALLER,
                SessionDescription.parse(OFFER.replace("PCMA", "PCMU")), anchor);

        assertThat(same).isEqualTo(first);
        assertThat(movedOnly).isEqualTo(first);
        assertThat(first.origin().sessionVersion()).isEqualTo("1");
        assertThat(changed.origin().sessionVersion()).isEqualTo("2");
        assertThat(sdp.toward(MediaSide.UPSTREAM, offer, anchor).origin().sessionVersion()).isEqualTo("1");
    }

    @Test
    void shouldStartANewOriginWhenTheUpstreamLegIsNew() throws Exception {
        SessionDescription offer = SessionDescription.parse(OFFER);
        sdp.toward(MediaSide.UPSTREAM, offer, anchor);
        sdp.toward(MediaSide.UPSTREAM, SessionDescription.parse(OFFER.replace("PCMA", "PCMU")), anchor);

        sdp.restartUpstream(33);

        assertThat(sdp.toward(MediaSide.UPSTREAM, offer, anchor).origin().toSdpValue())
                .isEqualTo("holdfast 33 1 IN IP4 127.0.0.1");
    }
}
