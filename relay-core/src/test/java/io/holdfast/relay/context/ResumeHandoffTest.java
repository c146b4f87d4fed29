package io.holdfast.relay.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.relay.events.CauseTag;
import io.holdfast.sip.edge.EdgeMessageCheck;
import io.holdfast.sip.edge.EdgeVerdict;
import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.MalformedBodyException;
import io.holdfast.sip.message.MediaType;
import io.holdfast.sip.message.MultipartBody;
import io.holdfast.sip.message.SipHeader;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipUri;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResumeHandoffTest {
    private static final byte[] SDP = ("v=0\r\no=holdfast 7 7 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 30000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            + "a=sendrecv\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final ResumeToken TOKEN = new ResumeToken("AAAAAAAAAAAAAAAAAAAAAA");

    private static MultipartBody multipart(ResumeHandoff handoff) throws MalformedBodyException {
        MediaType type = MediaType.parse(handoff.contentType());
        assertThat(type.is("multipart", "mixed")).isTrue();
        return MultipartBody.parse(type, handoff.body());
    }

    @Test
    void shouldCarryTheSdpByteForByteAndTheContextWhenTheCallHasAContext() throws MalformedBodyException {
        ResumeHandoff handoff = ResumeHandoff.failover(SDP, TOKEN, CauseTag.MEDIA_TIMEOUT, 1)
                .context(ResumeContextTest.FULL).build();

        MultipartBody body = multipart(handoff);

        assertThat(body.parts()).hasSize(2);
        MultipartBody.Part sdp = body.parts().get(0);
        assertThat(sdp.contentType()).isEqualTo("application/sdp");
        assertThat(sdp.content()).isEqualTo(SDP);
        assertThat(sdp.headers()).containsExactly(new SipHeader("Content-Disposition", "session"));
        MultipartBody.Part context = body.parts().get(1);
        assertThat(context.contentType()).isEqualTo(ContextSchema.MEDIA_TYPE);
        assertThat(context.headers()).containsExactly(new SipHeader("Content-Disposition", "render;handling=optional"));
        assertThat(ContextParser.parse(context.contentType(), context.content()))
                .isEqualTo(new ContextParseResult.Accepted(ContextReport.of(ResumeContextTest.FULL)));
    }

    @Test
    void shouldSendTheSdpAloneWhenTheCallHasNoContext() {
        ResumeHandoff handoff = ResumeHandoff.failover(SDP, TOKEN, CauseTag.SIP_5XX, 2).context(Optional.empty()).build();

        assertThat(handoff.contentType()).isEqualTo("application/sdp");
        assertThat(handoff.body()).isEqualTo(SDP);
        assertThat(handoff.headers()).containsExactly(
                new SipHeader("X-Holdfast-Resume-Token", "AAAAAAAAAAAAAAAAAAAAAA"),
                new SipHeader("X-Holdfast-Failover-Cause", "SIP_5XX"),
                new SipHeader("X-Holdfast-Attempt", "2"));
    }

    @Test
    void shouldAddTheEscalationReasonWithCauseAndTextWhenEscalating() {
        ResumeHandoff handoff = ResumeHandoff.escalation(SDP, TOKEN, CauseTag.INTENT_HUMAN_REQUESTED,
                "caller asked for a person", 1).context(ResumeContextTest.FULL).build();

        assertThat(handoff.headers()).contains(new SipHeader("X-Holdfast-Escalation-Reason",
                "INTENT_HUMAN_REQUESTED;text=\"caller asked for a person\""));
        assertThat(handoff.headers()).hasSize(4);
    }

    @Test
    void shouldQuoteEscapeAndCutTheTextWhenTheEscalationTextIsUnsafeForAHeader() {
        String text = "say \"hi\" \\ now\r\nX-Injected: yes";
        assertThat(ResumeHandoff.escalationReasonValue(CauseTag.SIP_TIMEOUT, text))
                .isEqualTo("SIP_TIMEOUT;text=\"say \\\"hi\\\" \\\\ now  X-Injected: yes\"");

        String emoji = "\uD83D\uDE00".repeat(300);
        String value = ResumeHandoff.escalationReasonValue(CauseTag.SIP_TIMEOUT, emoji);
        String quoted = value.substring("SIP_TIMEOUT;text=\"".length(), value.length() - 1);
        assertThat(quoted.codePointCount(0, quoted.length())).isEqualTo(ContextSchema.MAX_REASON_CHARS);
        assertThat(quoted).isEqualTo("\uD83D\uDE00".repeat(ContextSchema.MAX_REASON_CHARS));
    }

    @Test
    void shouldReplaceEarlierHoldfastHeadersAndSetTheBodyWhenAppliedToAnInvite() {
        SipRequest.Builder invite = SipRequest.builder(SipMethod.INVITE, SipUri.sip("agent", "127.0.0.1", 5090))
                .addHeader("X-Holdfast-Attempt", "1").addHeader("X-Holdfast-Resume-Token", "old")
                .addHeader("User-Agent", "holdfast").body("application/sdp", SDP);
        ResumeHandoff handoff = ResumeHandoff.failover(SDP, TOKEN, CauseTag.MEDIA_UNREACHABLE, 2)
                .context(ResumeContextTest.FULL).build();

        SipRequest sent = handoff.applyTo(invite).build();

        assertThat(sent.header("X-Holdfast-Attempt")).isEqualTo("2");
        assertThat(sent.header("X-Holdfast-Resume-Token")).isEqualTo(TOKEN.value());
        assertThat(sent.header("X-Holdfast-Failover-Cause")).isEqualTo("MEDIA_UNREACHABLE");
        assertThat(sent.header("User-Agent")).isEqualTo("holdfast");
        assertThat(sent.otherHeaders().stream().filter(h -> h.hasName("X-Holdfast-Attempt"))).hasSize(1);
        assertThat(sent.contentType()).isEqualTo(handoff.contentType());
        assertThat(sent.body()).isEqualTo(handoff.body());
        assertThat(ResumeHandoff.contextPartOf(sent)).hasValueSatisfying(json ->
                assertThat(json).isEqualTo(ContextJson.toBytes(ResumeContextTest.FULL)));
    }

    @Test
    void shouldPassTheEdgeCheckWithItsSdpWhenTheInviteIsMultipart() {
        ResumeHandoff handoff = ResumeHandoff.failover(SDP, TOKEN, CauseTag.MEDIA_TIMEOUT, 1)
                .context(ResumeContextTest.FULL).build();
        SipRequest invite = handoff.applyTo(SipRequest.builder(SipMethod.INVITE, SipUri.sip("agent", "127.0.0.1", 5090))
                .callId("c").cseq(CSeq.of(1, SipMethod.INVITE))).build();

        EdgeVerdict verdict = EdgeMessageCheck.checkBody(invite);

        assertThat(verdict).isInstanceOf(EdgeVerdict.Accepted.class);
        assertThat(((EdgeVerdict.Accepted) verdict).sdp().toBytes()).isEqualTo(SDP);
    }

    @Test
    void shouldFindNoContextPartWhenTheInviteCarriesOnlySdp() {
        SipRequest invite = SipRequest.builder(SipMethod.INVITE, SipUri.sip("agent", "127.0.0.1", 5090))
                .body("application/sdp", SDP).build();
        SipRequest broken = SipRequest.builder(SipMethod.INVITE, SipUri.sip("agent", "127.0.0.1", 5090))
                .body("multipart/mixed;boundary=zz", SDP).build();

        assertThat(ResumeHandoff.contextPartOf(invite)).isEmpty();
        assertThat(ResumeHandoff.contextPartOf(broken)).isEmpty();
    }

    @Test
    void shouldDrawABoundaryPerHandoffWhenBuiltTwice() {
        ResumeHandoff first = ResumeHandoff.failover(SDP, TOKEN, CauseTag.MEDIA_TIMEOUT, 1).context(ResumeContextTest.FULL)
                .build();
        ResumeHandoff second = ResumeHandoff.failover(SDP, TOKEN, CauseTag.MEDIA_TIMEOUT, 1).context(ResumeContextTest.FULL)
                .build();

        assertThat(first.contentType()).matches("multipart/mixed;boundary=holdfast-[0-9a-f]{16}");
        assertThat(first.contentType()).isNotEqualTo(second.contentType());
    }

    @Test
    void shouldRefuseTheHandoffWhenTheAttemptIsBelowOneOrTheOfferEmpty() {
        assertThatThrownBy(() -> ResumeHandoff.failover(SDP, TOKEN, CauseTag.MEDIA_TIMEOUT, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("attempt counts from 1, was 0");
        assertThatThrownBy(() -> ResumeHandoff.failover(new byte[0], TOKEN, CauseTag.MEDIA_TIMEOUT, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a handoff INVITE needs an SDP offer");
    }

    @Test
    void shouldNotPrintTheContextWhenPrinted() {
        ResumeHandoff handoff = ResumeHandoff.failover(SDP, TOKEN, CauseTag.MEDIA_TIMEOUT, 1)
                .context(ResumeContextTest.FULL).build();

        assertThat(handoff.toString()).doesNotContain("SECRET").startsWith("ResumeHandoff[multipart/mixed;boundary=");
    }
}
