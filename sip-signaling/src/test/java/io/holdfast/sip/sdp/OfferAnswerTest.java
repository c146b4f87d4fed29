package io.holdfast.sip.sdp;

import static io.holdfast.sip.sdp.SdpTexts.crlf;
import static io.holdfast.sip.sdp.SdpTexts.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OfferAnswerTest {

    private static SessionDescription sdp(String... mediaLines) {
        String[] lines = new String[5 + mediaLines.length];
        lines[0] = "v=0";
        lines[1] = "o=- 1 1 IN IP4 192.0.2.1";
        lines[2] = "s=-";
        lines[3] = "c=IN IP4 192.0.2.1";
        lines[4] = "t=0 0";
        System.arraycopy(mediaLines, 0, lines, 5, mediaLines.length);
        return parse(crlf(lines));
    }

    private static OfferAnswer exchange(SessionDescription offer, SessionDescription answer) {
        try {
            return OfferAnswer.of(offer, answer);
        } catch (SdpNegotiationException e) {
            throw new AssertionError(e);
        }
    }

    private static RtpMap negotiated(SessionDescription offer, SessionDescription answer) {
        try {
            return OfferAnswer.negotiatedCodec(offer, answer);
        } catch (SdpNegotiationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldChooseAnswerersFirstCommonCodecWhenOrdersDiffer() {
        OfferAnswer oa = exchange(sdp("m=audio 4000 RTP/AVP 0 8 101", "a=rtpmap:101 telephone-event/8000"),
                sdp("m=audio 5000 RTP/AVP 8 0 101", "a=rtpmap:101 telephone-event/8000"));

        assertThat(oa.negotiatedCodec()).isEqualTo(new RtpMap(8, "PCMA", 8000, 1));
        assertThat(oa.telephoneEventPayloadType(0)).isEqualTo(101);
        assertThat(negotiated(oa.offer(), oa.answer())).isEqualTo(new RtpMap(8, "PCMA", 8000, 1));
        assertThat(oa.audioIndex()).isZero();
    }

    @Test
    void shouldSkipTelephoneEventAndComfortNoiseWhenTheyComeFirst() {
        OfferAnswer oa = exchange(sdp("m=audio 4000 RTP/AVP 101 13 0", "a=rtpmap:101 telephone-event/8000"),
                sdp("m=audio 5000 RTP/AVP 101 13 0", "a=rtpmap:101 telephone-event/8000"));

        assertThat(oa.negotiatedCodec().encodingName()).isEqualTo("PCMU");
    }

    @Test
    void shouldMatchByEncodingWhenAnswerUsesAnotherPayloadTypeNumber() {
        OfferAnswer oa = exchange(sdp("m=audio 4000 RTP/AVP 96", "a=rtpmap:96 PCMU/8000"),
                sdp("m=audio 5000 RTP/AVP 100", "a=rtpmap:100 pcmu/8000"));

        assertThat(oa.negotiatedCodec()).isEqualTo(new RtpMap(100, "pcmu", 8000, 1));
    }

    @Test
    void shouldGiveNoCodecWhenNoVoiceCodecIsShared() {
        OfferAnswer oa = exchange(sdp("m=audio 4000 RTP/AVP 0"), sdp("m=audio 5000 RTP/AVP 8"));

        assertThat(oa.negotiatedCodec()).isNull();
        assertThat(oa.telephoneEventPayloadType(0)).isEqualTo(MediaDescription.ABSENT);
    }

    @Test
    void shouldUseFirstAcceptedAudioStreamWhenEarlierOnesAreRejected() {
        OfferAnswer oa = exchange(sdp("m=video 4000 RTP/AVP 31", "m=audio 4002 RTP/AVP 0 8", "m=audio 4004 RTP/AVP 8"),
                sdp("m=video 0 RTP/AVP 31", "m=audio 0 RTP/AVP 0", "m=audio 5000 RTP/AVP 8"));

        assertThat(oa.audioIndex()).isEqualTo(2);
        assertThat(oa.isAccepted(0)).isFalse();
        assertThat(oa.negotiatedCodec(1)).isNull();
        assertThat(oa.negotiatedCodec().encodingName()).isEqualTo("PCMA");
    }

    @Test
    void shouldGiveNoAudioWhenEveryAudioStreamIsRejected() {
        OfferAnswer oa = exchange(sdp("m=audio 4000 RTP/AVP 0"), sdp("m=audio 0 RTP/AVP 0"));

        assertThat(oa.audioIndex()).isEqualTo(MediaDescription.ABSENT);
        assertThat(oa.negotiatedCodec()).isNull();
    }

    @Test
    void shouldGiveNoTelephoneEventWhenOnlyOneSideHasIt() {
        OfferAnswer oa = exchange(sdp("m=audio 4000 RTP/AVP 0"),
                sdp("m=audio 5000 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000"));

        assertThat(oa.telephoneEventPayloadType(0)).isEqualTo(MediaDescription.ABSENT);
    }

    @Test
    void shouldGiveNoTelephoneEventWhenItsClockDiffersFromTheCodec() {
        OfferAnswer oa = exchange(sdp("m=audio 4000 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/48000"),
                sdp("m=audio 5000 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/48000"));

        assertThat(oa.telephoneEventPayloadType(0)).isEqualTo(MediaDescription.ABSENT);
    }

    @Test
    void shouldMultiplexRtcpOnlyWhenBothSidesAgree() {
        OfferAnswer both = exchange(sdp("m=audio 4000 RTP/AVP 0", "a=rtcp-mux"), sdp("m=audio 5000 RTP/AVP 0", "a=rtcp-mux"));
        OfferAnswer offerOnly = exchange(sdp("m=audio 4000 RTP/AVP 0", "a=rtcp-mux"), sdp("m=audio 5000 RTP/AVP 0"));

        assertThat(both.rtcpMux(0)).isTrue();
        assertThat(offerOnly.rtcpMux(0)).isFalse();
    }

    @Test
    void shouldRefuseAnswerWhenStreamCountDiffers() {
        assertThatThrownBy(() -> OfferAnswer.of(sdp("m=audio 4000 RTP/AVP 0", "m=audio 4002 RTP/AVP 0"),
                sdp("m=audio 5000 RTP/AVP 0")))
                .isInstanceOf(SdpNegotiationException.class)
                .hasMessage("the answer has 1 m= lines, the offer 2");
    }

    @Test
    void shouldRefuseAnswerWhenMediaTypeDiffers() {
        assertThatThrownBy(() -> OfferAnswer.of(sdp("m=audio 4000 RTP/AVP 0"), sdp("m=video 5000 RTP/AVP 31")))
                .isInstanceOf(SdpNegotiationException.class)
                .hasMessage("m= line 1 is audio in the offer but video in the answer");
    }

    @Test
    void shouldRefuseAnswerWhenItRevivesARejectedStream() {
        assertThatThrownBy(() -> OfferAnswer.of(sdp("m=audio 0 RTP/AVP 0"), sdp("m=audio 5000 RTP/AVP 0")))
                .isInstanceOf(SdpNegotiationException.class);
    }

    @Test
    void shouldKeepBothDescriptionsWhenPaired() {
        SessionDescription offer = sdp("m=audio 4000 RTP/AVP 0");
        SessionDescription answer = sdp("m=audio 5000 RTP/AVP 0");

        OfferAnswer oa = exchange(offer, answer);

        assertThat(oa.offer()).isSameAs(offer);
        assertThat(oa.answer()).isSameAs(answer);
    }
}
