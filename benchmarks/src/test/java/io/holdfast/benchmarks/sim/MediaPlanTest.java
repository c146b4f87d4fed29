package io.holdfast.benchmarks.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.relay.context.ResumeContext;
import io.holdfast.relay.context.ResumeHandoff;
import io.holdfast.relay.context.ResumeToken;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.rtp.prompt.PromptCodec;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.sdp.Codec;
import io.holdfast.sip.sdp.Direction;
import io.holdfast.sip.sdp.Origin;
import io.holdfast.sip.sdp.SdpAnswerer;
import io.holdfast.sip.sdp.SdpNegotiationException;
import io.holdfast.sip.sdp.SdpParseException;
import io.holdfast.sip.sdp.SessionDescription;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaPlanTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final InetSocketAddress CALLER_RTP = new InetSocketAddress(LOOPBACK, 40000);
    private static final InetSocketAddress REGION_RTP = new InetSocketAddress(LOOPBACK, 42000);
    private static final Origin ORIGIN = Origin.of("t", 1, 1, LOOPBACK);

    private static SessionDescription answer(SessionDescription offer, List<Codec> codecs) throws SdpNegotiationException {
        return new SdpAnswerer(codecs).answer(offer, ORIGIN, List.of(REGION_RTP), Direction.SENDRECV);
    }

    @Test
    void shouldSendPcmuBothWaysWhenTheCallersOfferIsAnswered() throws SdpNegotiationException {
        SessionDescription offer = MediaPlan.offer(ORIGIN, CALLER_RTP);
        SessionDescription answer = answer(offer, List.of(Codec.PCMU, Codec.PCMA));

        MediaPlan region = MediaPlan.forAnswerer(answer, offer);
        MediaPlan caller = MediaPlan.forOfferer(offer, answer);

        assertThat(region).isEqualTo(new MediaPlan(CALLER_RTP, PromptCodec.PCMU, 0, true, true));
        assertThat(caller).isEqualTo(new MediaPlan(REGION_RTP, PromptCodec.PCMU, 0, true, true));
    }

    @Test
    void shouldUseTheAnswersCodecWhenTheAnswererTakesOnlyPcma() throws SdpNegotiationException {
        SessionDescription offer = MediaPlan.offer(ORIGIN, CALLER_RTP);
        SessionDescription answer = answer(offer, List.of(Codec.PCMA));

        assertThat(MediaPlan.forOfferer(offer, answer).codec()).isEqualTo(PromptCodec.PCMA);
        assertThat(MediaPlan.forOfferer(offer, answer).payloadType()).isEqualTo(8);
    }

    @Test
    void shouldSendNothingWhenTheOfferIsInactive() throws SdpNegotiationException {
        SessionDescription offer = MediaPlan.offer(ORIGIN, CALLER_RTP).withDirection(0, Direction.INACTIVE);
        SessionDescription answer = answer(offer, List.of(Codec.PCMU));

        MediaPlan region = MediaPlan.forAnswerer(answer, offer);

        assertThat(region.sends()).isFalse();
        assertThat(region.receives()).isFalse();
        assertThat(MediaPlan.forOfferer(offer, answer).sends()).isFalse();
    }

    @Test
    void shouldReceiveOnlyWhenThePeerOffersSendonly() throws SdpNegotiationException {
        SessionDescription offer = MediaPlan.offer(ORIGIN, CALLER_RTP).withDirection(0, Direction.SENDONLY);
        SessionDescription answer = answer(offer, List.of(Codec.PCMU));

        MediaPlan region = MediaPlan.forAnswerer(answer, offer);

        assertThat(region.sends()).isFalse();
        assertThat(region.receives()).isTrue();
    }

    @Test
    void shouldHaveNoRemoteWhenThePeerHoldsWithTheNullAddress() throws SdpNegotiationException, SdpParseException {
        SessionDescription offer = SessionDescription.parse("v=0\r\no=t 1 1 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 0.0.0.0\r\n"
                + "t=0 0\r\nm=audio 40000 RTP/AVP 0\r\n");
        SessionDescription answer = answer(offer, List.of(Codec.PCMU));

        MediaPlan region = MediaPlan.forAnswerer(answer, offer);

        assertThat(region.remote()).isNull();
        assertThat(region.sends()).isFalse();
    }

    @Test
    void shouldHaveNoPlanWhenNoG711IsNegotiated() throws SdpParseException {
        SessionDescription g722 = SessionDescription.parse("v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"
                + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 9\r\na=rtpmap:9 G722/8000\r\n");
        SessionDescription video = SessionDescription.parse("v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"
                + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=video 40000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n");

        assertThat(MediaPlan.forAnswerer(g722, g722)).isNull();
        assertThat(MediaPlan.forAnswerer(video, video)).isNull();
    }

    @Test
    void shouldFindTheSdpWhenItIsAloneOrAPartOfAMultipartBody() {
        SessionDescription offer = MediaPlan.offer(ORIGIN, CALLER_RTP);
        SipRequest plain = SipRequest.builder(SipMethod.INVITE, SipUri.sip("a", "127.0.0.1", 5080))
                .body("application/sdp", offer.toBytes()).build();
        SipRequest multipart = ResumeHandoff.failover(offer.toBytes(), ResumeToken.random(), CauseTag.MEDIA_TIMEOUT, 1)
                .context(ResumeContext.builder().customerRef("c").build()).build()
                .applyTo(SipRequest.builder(SipMethod.INVITE, SipUri.sip("a", "127.0.0.1", 5080))).build();
        SipRequest none = SipRequest.builder(SipMethod.INVITE, SipUri.sip("a", "127.0.0.1", 5080)).build();
        SipRequest garbage = SipRequest.builder(SipMethod.INVITE, SipUri.sip("a", "127.0.0.1", 5080))
                .body("application/sdp", "not sdp".getBytes(StandardCharsets.US_ASCII)).build();
        SipRequest json = SipRequest.builder(SipMethod.INVITE, SipUri.sip("a", "127.0.0.1", 5080))
                .body("application/json", "{}".getBytes(StandardCharsets.US_ASCII)).build();

        assertThat(MediaPlan.sdpOf(plain)).isEqualTo(offer);
        assertThat(MediaPlan.sdpOf(multipart)).isEqualTo(offer);
        assertThat(MediaPlan.sdpOf(none)).isNull();
        assertThat(MediaPlan.sdpOf(garbage)).isNull();
        assertThat(MediaPlan.sdpOf(json)).isNull();
    }

    @Test
    void shouldOfferPcmuPcmaAndTelephoneEventAtTwentyMillisecondsWhenCalling() {
        SessionDescription offer = MediaPlan.offer(ORIGIN, CALLER_RTP);

        assertThat(offer.audio().payloadTypes()).containsExactly(0, 8, 101);
        assertThat(offer.audio().ptimeMs()).isEqualTo(20);
        assertThat(offer.rtpAddressFor(offer.audio())).isEqualTo(CALLER_RTP);
        assertThat(offer.direction(offer.audio())).isEqualTo(Direction.SENDRECV);
    }
}
