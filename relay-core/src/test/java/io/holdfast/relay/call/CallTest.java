package io.holdfast.relay.call;

import static io.holdfast.relay.call.CallFixture.CALLER_CALL_ID;
import static io.holdfast.relay.call.CallFixture.CALLER_HOST;
import static io.holdfast.relay.call.CallFixture.REGION_MEDIA_HOST;
import static io.holdfast.relay.call.CallFixture.REGION_SDP;
import static io.holdfast.relay.call.CallFixture.regionRequest;
import static io.holdfast.relay.call.CallFixture.regionResponse;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.relay.config.FailoverMode;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.events.RouteOutcome;
import io.holdfast.rtp.relay.MediaFault;
import io.holdfast.rtp.relay.MediaSessionSpec;
import io.holdfast.rtp.relay.MediaSide;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMessageWriter;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.sdp.Direction;
import io.holdfast.sip.sdp.SdpParseException;
import io.holdfast.sip.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every arrow of {@link Call}'s diagram, with a fake context and a fake clock. */
class CallTest {
    private final CallFixture f = new CallFixture();

    private static String wire(SipMessage message) {
        return new String(SipMessageWriter.toByteArray(message), StandardCharsets.UTF_8);
    }

    private static SessionDescription sdp(SipMessage message) throws SdpParseException {
        return SessionDescription.parse(message.body());
    }

    private List<RouteOutcome> outcomes() {
        List<RouteOutcome> outcomes = new ArrayList<>();
        for (RouteChangeEvent event : f.context.events) {
            outcomes.add(event.outcome());
        }
        return outcomes;
    }

    @Test
    void shouldSendTryingAndOpenMediaWhenInviteHasAnOffer() {
        f.call.start();

        assertThat(f.invite.statuses()).containsExactly(100);
        assertThat(f.call.state()).isEqualTo(CallState.OPENING_MEDIA);
        MediaSessionSpec spec = f.context.mediaSpecs.get(0);
        assertThat(spec.clockRateHz()).isEqualTo(8000);
        assertThat(spec.telephoneEventPayloadType()).isEqualTo(101);
        assertThat(spec.callerRtp()).isEqualTo(new InetSocketAddress(CALLER_HOST, 20000));
        assertThat(f.context.sent).isEmpty();
        assertThat(f.context.counters.get(CallCounter.CALLS_STARTED)).isEqualTo(1);
    }

    @Test
    void shouldRefuseWith488WhenInviteHasNoAudioOffer() {
        CallFixture noOffer = new CallFixture(CallFixture.inviteRequest(null), CallFixture.COLD,
                InDialogRequestInterceptor.NONE, region -> true);

        noOffer.call.start();

        assertThat(noOffer.invite.statuses()).containsExactly(488);
        assertThat(noOffer.call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(noOffer.context.mediaSpecs).isEmpty();
        assertThat(noOffer.context.terminations).isEqualTo(1);
    }

    @Test
    void shouldRefuseWith483WhenMaxForwardsIsZero() {
        SipRequest exhausted = CallFixture.inviteRequest(CallFixture.CALLER_SDP).toBuilder().maxForwards(0).build();
        CallFixture looping = new CallFixture(exhausted, CallFixture.COLD, InDialogRequestInterceptor.NONE,
                region -> true);

        looping.call.start();

        assertThat(looping.invite.statuses()).containsExactly(483);
        assertThat(looping.call.state()).isEqualTo(CallState.TERMINATED);
    }

    @Test
    void shouldInviteBestRegionWithAnchoredOfferWhenMediaOpens() throws Exception {
        FakeCallContext.Sent invite = f.callingEast();

        SipRequest request = invite.request();
        assertThat(f.call.state()).isEqualTo(CallState.CALLING);
        assertThat(f.call.region().name()).isEqualTo("east");
        assertThat(invite.hop()).isEqualTo(new Hop(new InetSocketAddress("127.0.0.1", 5080),
                io.holdfast.sip.transport.Transport.UDP));
        assertThat(request.requestUri().toString()).isEqualTo("sip:agent@127.0.0.1:5080");
        assertThat(request.callId()).isEqualTo(f.context.upstreamCallIds.get(0)).isNotEqualTo(CALLER_CALL_ID);
        assertThat(request.from().uri().user()).isEqualTo(CallFixture.CALLER_NUMBER);
        assertThat(request.from().uri().host()).isEqualTo("127.0.0.1");
        assertThat(request.from().displayName()).isEqualTo("Alice");
        assertThat(request.from().tag()).isNotEqualTo("caller-tag");
        assertThat(request.to().uri().user()).isEqualTo("+15550100");
        assertThat(request.recordRoutes()).isEmpty();
        assertThat(request.header("P-Asserted-Identity")).isNotNull();
        assertThat(request.header("User-Agent")).isEqualTo("CarrierSBC/1.0");
        assertThat(request.header("X-Carrier-Secret")).isNull();
        assertThat(request.maxForwards()).isEqualTo(69);
        String wire = wire(request);
        assertThat(wire).doesNotContain(CALLER_HOST).doesNotContain(CALLER_CALL_ID)
                .doesNotContain("caller-tag").doesNotContain("sbc.");
        SessionDescription offer = sdp(request);
        assertThat(offer.origin().username()).isEqualTo("holdfast");
        assertThat(offer.connection().address()).isEqualTo("127.0.0.1");
        assertThat(offer.audio().port()).isEqualTo(FakeAnchor.UPSTREAM_RTP);
        assertThat(offer.audio().payloadTypes()).containsExactly(0, 101);
        assertThat(offer.audio().rtcpMux()).isFalse();
        assertThat(f.context.timers).containsKey(CallTimer.INVITE_TIMEOUT);
    }

    @Test
    void shouldRefuseWith503WhenNoRegionIsHealthy() {
        CallFixture sick = new CallFixture(CallFixture.inviteRequest(CallFixture.CALLER_SDP), CallFixture.COLD,
                InDialogRequestInterceptor.NONE, region -> false);

        sick.call.start();
        sick.call.onMediaOpened(sick.anchor);

        assertThat(sick.invite.statuses()).containsExactly(100, 503);
        assertThat(sick.invite.last().reasons()).extracting(Reason::text).containsExactly("REGION_DOWN");
        assertThat(sick.anchor.closes).isEqualTo(1);
        assertThat(sick.call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(sick.context.events).extracting(RouteChangeEvent::outcome).containsExactly(RouteOutcome.RELEASED);
    }

    @Test
    void shouldRefuseWith503WhenMediaPortsAreExhausted() throws Exception {
        f.call.start();

        f.call.onMediaFailed(portsExhausted());

        assertThat(f.invite.statuses()).containsExactly(100, 503);
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(f.context.counters.get(CallCounter.MEDIA_OPEN_FAILURES)).isEqualTo(1);
        assertThat(f.context.sent).isEmpty();
    }

    private static Throwable portsExhausted() throws Exception {
        var constructor = io.holdfast.rtp.relay.MediaPortsExhaustedException.class.getDeclaredConstructor(int.class);
        constructor.setAccessible(true);
        return constructor.newInstance(4);
    }

    @Test
    void shouldRefuseWith500WhenMediaCannotBind() {
        f.call.start();

        f.call.onMediaFailed(new java.net.BindException("address in use"));

        assertThat(f.invite.statuses()).containsExactly(100, 500);
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
    }

    @Test
    void shouldCloseMediaWhenCancelledWhileMediaOpens() {
        f.call.start();

        f.call.onCallerCancel();
        f.call.onMediaOpened(f.anchor);

        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(f.anchor.closes).isEqualTo(1);
        assertThat(f.context.sent).isEmpty();
        assertThat(f.context.events).extracting(RouteChangeEvent::cause).containsExactly(CauseTag.CALLER_CANCEL);
    }

    @Test
    void shouldRelayRingingWhenRegionRings() {
        FakeCallContext.Sent invite = f.callingEast();

        invite.listener().onProvisional(invite.outbound(), regionResponse(invite.request(), 100, "Trying", null));
        invite.listener().onProvisional(invite.outbound(), regionResponse(invite.request(), 180, "Ringing", null));

        assertThat(f.invite.statuses()).containsExactly(100, 180);
        SipResponse ringing = f.invite.last();
        assertThat(ringing.to().tag()).isEqualTo("holdfast-caller-tag");
        assertThat(ringing.contacts().get(0).uri().host()).isEqualTo("127.0.0.1");
        assertThat(wire(ringing)).doesNotContain("region-tag").doesNotContain(invite.request().callId());
        assertThat(f.call.state()).isEqualTo(CallState.CALLING);
    }

    @Test
    void shouldAnchorEarlyMediaWhenRegionSends183WithSdp() throws Exception {
        FakeCallContext.Sent invite = f.callingEast();

        invite.listener().onProvisional(invite.outbound(),
                regionResponse(invite.request(), 183, "Session Progress", REGION_SDP));

        SipResponse progress = f.invite.last();
        assertThat(progress.statusCode()).isEqualTo(183);
        SessionDescription early = sdp(progress);
        assertThat(early.audio().port()).isEqualTo(FakeAnchor.CALLER_RTP);
        assertThat(early.connection().address()).isEqualTo("127.0.0.1");
        assertThat(early.rtcpPortFor(early.audio())).isEqualTo(FakeAnchor.CALLER_RTCP);
        assertThat(progress.bodyAsString()).doesNotContain(REGION_MEDIA_HOST);
        assertThat(f.anchor.signals).containsExactly(new FakeAnchor.Signal(MediaSide.UPSTREAM,
                new MediaPeer(new InetSocketAddress(REGION_MEDIA_HOST, 30000), null)));
    }

    @Test
    void shouldAnswerCallerWithAnchoredAnswerWhenRegionAnswers() throws Exception {
        FakeCallContext.Sent invite = f.answered();

        assertThat(f.call.state()).isEqualTo(CallState.ANSWERED);
        assertThat(f.context.acks).hasSize(1);
        SipRequest ack = f.context.acks.get(0);
        assertThat(ack.callId()).isEqualTo(invite.request().callId());
        assertThat(ack.to().tag()).isEqualTo("region-tag");
        SipResponse ok = f.invite.last();
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.allow()).contains("INVITE", "BYE", "UPDATE", "INFO");
        SessionDescription answer = sdp(ok);
        assertThat(answer.origin().username()).isEqualTo("holdfast");
        assertThat(answer.audio().port()).isEqualTo(FakeAnchor.CALLER_RTP);
        assertThat(wire(ok)).doesNotContain(REGION_MEDIA_HOST).doesNotContain("region-tag")
                .doesNotContain(invite.request().callId()).doesNotContain(":5080");
        assertThat(f.anchor.answers).containsExactly(new MediaPeer(new InetSocketAddress(REGION_MEDIA_HOST, 30000), null));
        assertThat(f.anchor.answerTags).containsExactly(0);
        assertThat(f.context.timers).doesNotContainKey(CallTimer.INVITE_TIMEOUT);
        assertThat(f.context.events).isEmpty();
    }

    @Test
    void shouldAckAgainWhenRegionRetransmitsItsAnswer() {
        FakeCallContext.Sent invite = f.answered();

        invite.listener().onFinal(invite.outbound(), regionResponse(invite.request(), 200, "OK", REGION_SDP));

        assertThat(f.context.acks).hasSize(2);
        assertThat(f.context.acks.get(1)).isSameAs(f.context.acks.get(0));
        assertThat(f.invite.statuses()).containsExactly(100, 200);
    }

    @Test
    void shouldAckAndEndAnotherForkWhenItAnswersToo() {
        FakeCallContext.Sent invite = f.answered();
        SipResponse fork = regionResponse(invite.request(), 200, "OK", REGION_SDP).toBuilder()
                .to(invite.request().to().withTag("other-fork")).build();

        invite.listener().onFinal(invite.outbound(), fork);

        assertThat(f.context.acks).hasSize(2);
        assertThat(f.context.acks.get(1).to().tag()).isEqualTo("other-fork");
        FakeCallContext.Sent bye = f.context.last();
        assertThat(bye.request().method()).isEqualTo(SipMethod.BYE);
        assertThat(bye.request().to().tag()).isEqualTo("other-fork");
        assertThat(f.call.state()).isEqualTo(CallState.ANSWERED);
        assertThat(f.context.counters.get(CallCounter.UNWANTED_ANSWERS_ENDED)).isEqualTo(1);
    }

    @Test
    void shouldTryNextRegionWhenRegionRefusesWith503() {
        FakeCallContext.Sent east = f.callingEast();

        east.listener().onFinal(east.outbound(), regionResponse(east.request(), 503, "Service Unavailable", null));

        FakeCallContext.Sent west = f.context.last();
        assertThat(west).isNotSameAs(east);
        assertThat(west.request().requestUri().port()).isEqualTo(5090);
        assertThat(west.request().callId()).isNotEqualTo(east.request().callId());
        assertThat(f.call.region().name()).isEqualTo("west");
        assertThat(f.call.state()).isEqualTo(CallState.CALLING);
        assertThat(f.invite.statuses()).containsExactly(100);
        RouteChangeEvent failed = f.context.events.get(0);
        assertThat(failed.cause()).isEqualTo(CauseTag.SIP_5XX);
        assertThat(failed.outcome()).isEqualTo(RouteOutcome.ATTEMPT_FAILED);
        assertThat(failed.toRegion()).isEqualTo("east");
        assertThat(failed.attempt()).isEqualTo(1);

        west.listener().onFinal(west.outbound(), regionResponse(west.request(), 200, "OK", REGION_SDP));

        assertThat(f.call.state()).isEqualTo(CallState.ANSWERED);
        RouteChangeEvent routed = f.context.events.get(1);
        assertThat(routed.outcome()).isEqualTo(RouteOutcome.ROUTED);
        assertThat(routed.toRegion()).isEqualTo("west");
        assertThat(routed.cause()).isEqualTo(CauseTag.SIP_5XX);
        assertThat(routed.attempt()).isEqualTo(2);
        assertThat(f.anchor.answerTags).containsExactly(1);
    }

    @Test
    void shouldCancelAndTryNextRegionWhenInviteTimesOut() {
        FakeCallContext.Sent east = f.callingEast();
        east.listener().onProvisional(east.outbound(), regionResponse(east.request(), 180, "Ringing", null));

        f.context.advanceMs(f.call, 1_999);
        assertThat(f.call.region().name()).isEqualTo("east");
        assertThat(east.outbound().cancels).isZero();

        f.context.advanceMs(f.call, 1);

        assertThat(east.outbound().cancels).isEqualTo(1);
        assertThat(f.call.region().name()).isEqualTo("west");
        assertThat(f.context.events).extracting(RouteChangeEvent::cause).containsExactly(CauseTag.SIP_TIMEOUT);
        assertThat(f.context.events).extracting(RouteChangeEvent::outcome).containsExactly(RouteOutcome.ATTEMPT_FAILED);
    }

    @Test
    void shouldEndAbandonedRegionWhenItAnswersLate() {
        FakeCallContext.Sent east = f.callingEast();
        f.context.advanceMs(f.call, 2_000);
        FakeCallContext.Sent west = f.context.last();

        east.listener().onFinal(east.outbound(), regionResponse(east.request(), 200, "OK", REGION_SDP));

        assertThat(f.context.acks).hasSize(1);
        FakeCallContext.Sent bye = f.context.last();
        assertThat(bye.request().method()).isEqualTo(SipMethod.BYE);
        assertThat(bye.request().callId()).isEqualTo(east.request().callId());
        assertThat(f.call.region().name()).isEqualTo("west");
        assertThat(f.invite.statuses()).containsExactly(100);
        assertThat(west.request().method()).isEqualTo(SipMethod.INVITE);
    }

    @Test
    void shouldTryNextRegionWhenTimerBFires() {
        FakeCallContext.Sent east = f.callingEast();

        east.listener().onTimeout(east.outbound());

        assertThat(f.call.region().name()).isEqualTo("west");
        assertThat(f.context.events).extracting(RouteChangeEvent::cause).containsExactly(CauseTag.SIP_TIMEOUT);
    }

    @Test
    void shouldTryNextRegionWhenTheInviteCannotBeSent() {
        FakeCallContext.Sent east = f.callingEast();

        east.listener().onTransportError(east.outbound());

        assertThat(f.call.region().name()).isEqualTo("west");
        assertThat(f.context.events).extracting(RouteChangeEvent::cause).containsExactly(CauseTag.MEDIA_UNREACHABLE);
    }

    @Test
    void shouldRefuseWith503AndReasonWhenEveryRegionFailed() {
        FakeCallContext.Sent east = f.callingEast();
        east.listener().onFinal(east.outbound(), regionResponse(east.request(), 500, "Server Internal Error", null));
        f.context.advanceMs(f.call, 2_000);

        assertThat(f.invite.statuses()).containsExactly(100, 503);
        SipResponse refusal = f.invite.last();
        assertThat(refusal.reasons()).containsExactly(new Reason("SIP", 503, "SIP_TIMEOUT"));
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(f.anchor.closes).isEqualTo(1);
        assertThat(outcomes()).containsExactly(RouteOutcome.ATTEMPT_FAILED, RouteOutcome.ATTEMPT_FAILED,
                RouteOutcome.RELEASED);
        RouteChangeEvent released = f.context.events.get(2);
        assertThat(released.fromRegion()).isEqualTo("west");
        assertThat(released.cause()).isEqualTo(CauseTag.SIP_TIMEOUT);
        assertThat(f.context.counters.get(CallCounter.REGION_ATTEMPTS_FAILED)).isEqualTo(2);
    }

    @Test
    void shouldKeep6xxWhenLastRegionDeclines() {
        FakeCallContext.Sent east = f.callingEast();
        east.listener().onFinal(east.outbound(), regionResponse(east.request(), 503, "Service Unavailable", null));
        FakeCallContext.Sent west = f.context.last();

        west.listener().onFinal(west.outbound(), regionResponse(west.request(), 603, "Decline", null));

        assertThat(f.invite.statuses()).containsExactly(100, 603);
        assertThat(f.invite.last().reasons()).containsExactly(new Reason("SIP", 603, "SIP_5XX"));
    }

    @Test
    void shouldRelayRefusalWhenRegionAnswers486() {
        FakeCallContext.Sent east = f.callingEast();

        east.listener().onFinal(east.outbound(), regionResponse(east.request(), 486, "Busy Here", null));

        assertThat(f.invite.statuses()).containsExactly(100, 486);
        assertThat(f.invite.last().contacts()).isEmpty();
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(f.context.sent).hasSize(1);
        assertThat(f.context.events).extracting(RouteChangeEvent::cause).containsExactly(CauseTag.NORMAL_CLEARING);
    }

    @Test
    void shouldRefuseWith480WhenRegionRedirects() {
        FakeCallContext.Sent east = f.callingEast();

        east.listener().onFinal(east.outbound(), regionResponse(east.request(), 302, "Moved Temporarily", null));

        assertThat(f.invite.statuses()).containsExactly(100, 480);
        assertThat(wire(f.invite.last())).doesNotContain(":5080");
    }

    @Test
    void shouldCancelRegionWhenCallerCancels() {
        FakeCallContext.Sent east = f.callingEast();

        f.call.onCallerCancel();

        assertThat(east.outbound().cancels).isEqualTo(1);
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(f.anchor.closes).isEqualTo(1);
        assertThat(f.context.timers).isEmpty();
        RouteChangeEvent ended = f.context.events.get(0);
        assertThat(ended.cause()).isEqualTo(CauseTag.CALLER_CANCEL);
        assertThat(ended.outcome()).isEqualTo(RouteOutcome.ENDED);
        assertThat(ended.fromRegion()).isEqualTo("east");

        east.listener().onFinal(east.outbound(), regionResponse(east.request(), 487, "Request Terminated", null));
        assertThat(f.context.sent).hasSize(1);
        assertThat(f.context.counters.get(CallCounter.ILLEGAL_EVENTS)).isZero();
    }

    @Test
    void shouldConnectWhenCallerAcks() {
        f.connected();

        assertThat(f.call.state()).isEqualTo(CallState.CONNECTED);
        assertThat(f.context.counters.get(CallCounter.ILLEGAL_EVENTS)).isZero();
    }

    @Test
    void shouldEndBothLegsWhenCallerNeverAcks() {
        FakeCallContext.Sent invite = f.answered();

        f.call.onAckTimeout(MediaSide.CALLER);

        List<FakeCallContext.Sent> byes = f.context.sent(SipMethod.BYE);
        assertThat(byes).hasSize(2);
        assertThat(byes).extracting(s -> s.request().callId())
                .containsExactlyInAnyOrder(CALLER_CALL_ID, invite.request().callId());
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
    }

    @Test
    void shouldEndRegionLegWhenCallerSendsBye() {
        FakeCallContext.Sent invite = f.connected();
        FakeInbound bye = f.inbound(f.callerRequest(SipMethod.BYE, 2));

        f.call.onInDialogRequest(MediaSide.CALLER, bye);

        assertThat(bye.statuses()).containsExactly(200);
        FakeCallContext.Sent regionBye = f.context.last();
        assertThat(regionBye.request().method()).isEqualTo(SipMethod.BYE);
        assertThat(regionBye.request().callId()).isEqualTo(invite.request().callId());
        assertThat(regionBye.request().cseq().sequence()).isEqualTo(2);
        assertThat(regionBye.hop().address()).isEqualTo(new InetSocketAddress("127.0.0.1", 5080));
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(f.anchor.closes).isEqualTo(1);
        RouteChangeEvent ended = f.context.events.get(0);
        assertThat(ended.cause()).isEqualTo(CauseTag.CALLER_HANGUP);
        assertThat(ended.outcome()).isEqualTo(RouteOutcome.ENDED);
        assertThat(ended.fromRegion()).isEqualTo("east");
    }

    @Test
    void shouldEndCallerLegWhenRegionSendsBye() {
        FakeCallContext.Sent invite = f.connected();
        FakeInbound bye = f.inbound(regionRequest(invite.request(), SipMethod.BYE, 1));

        f.call.onInDialogRequest(MediaSide.UPSTREAM, bye);

        assertThat(bye.statuses()).containsExactly(200);
        FakeCallContext.Sent callerBye = f.context.last();
        assertThat(callerBye.request().callId()).isEqualTo(CALLER_CALL_ID);
        assertThat(callerBye.request().from().tag()).isEqualTo("holdfast-caller-tag");
        assertThat(callerBye.request().to().tag()).isEqualTo("caller-tag");
        assertThat(callerBye.hop().address()).isEqualTo(new InetSocketAddress(CALLER_HOST, 5060));
        assertThat(callerBye.request().reasons()).isEmpty();
        assertThat(wire(callerBye.request())).doesNotContain(invite.request().callId()).doesNotContain(":5080");
        assertThat(f.context.events).extracting(RouteChangeEvent::cause).containsExactly(CauseTag.NORMAL_CLEARING);
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
    }

    @Test
    void shouldRefuseOutOfOrderCseqWhenInDialog() {
        f.connected();
        f.call.onInDialogRequest(MediaSide.CALLER, f.inbound(f.callerRequest(SipMethod.INFO, 5)));
        FakeInbound stale = f.inbound(f.callerRequest(SipMethod.BYE, 4));

        f.call.onInDialogRequest(MediaSide.CALLER, stale);

        assertThat(stale.statuses()).containsExactly(500);
        assertThat(f.call.state()).isEqualTo(CallState.CONNECTED);
    }

    @Test
    void shouldAnswer481WhenTagsNameNoDialogOfTheCall() {
        f.connected();
        SipRequest stranger = f.callerRequest(SipMethod.BYE, 2).toBuilder()
                .to(f.invite.request().to().withTag("someone-else")).build();
        FakeInbound bye = f.inbound(stranger);

        f.call.onInDialogRequest(MediaSide.CALLER, bye);

        assertThat(bye.statuses()).containsExactly(481);
        assertThat(f.call.state()).isEqualTo(CallState.CONNECTED);
    }

    @Test
    void shouldAnswerInDialogOptionsItself() {
        f.connected();
        FakeInbound options = f.inbound(f.callerRequest(SipMethod.OPTIONS, 2));

        f.call.onInDialogRequest(MediaSide.CALLER, options);

        assertThat(options.statuses()).containsExactly(200);
        assertThat(options.last().header("Accept")).isEqualTo("application/sdp");
        assertThat(f.context.sent(SipMethod.OPTIONS)).isEmpty();
    }

    @Test
    void shouldStartRecoveryWhenUpstreamMediaTimesOut() {
        FakeCallContext.Sent east = f.connected();

        f.call.onMediaFault(MediaSide.UPSTREAM, MediaFault.MEDIA_TIMEOUT);

        assertThat(f.call.state()).isEqualTo(CallState.RECOVERING);
        assertThat(f.anchor.prompts).containsExactly(CallFixture.PROMPTS.hold());
        assertThat(f.anchor.relaying).isFalse();
        List<FakeCallContext.Sent> byes = f.context.sent(SipMethod.BYE);
        assertThat(byes).hasSize(1);
        assertThat(byes.get(0).request().callId()).isEqualTo(east.request().callId());
        assertThat(byes.get(0).request().reasons()).containsExactly(new Reason("SIP", 503, "MEDIA_TIMEOUT"));
        SipRequest west = f.context.sent(SipMethod.INVITE).get(1).request();
        assertThat(west.requestUri().port()).isEqualTo(5090);
        assertThat(west.header("X-Holdfast-Failover-Cause")).isEqualTo("MEDIA_TIMEOUT");
        assertThat(west.header("X-Holdfast-Attempt")).isEqualTo("1");
        assertThat(west.header("X-Holdfast-Resume-Token")).hasSize(22);
        assertThat(f.invite.responses).hasSize(2);
        assertThat(f.context.counters.get(CallCounter.RECOVERIES_STARTED)).isEqualTo(1);
    }

    @Test
    void shouldStartRecoveryWhenUpstreamPortIsUnreachable() {
        f.connected();

        f.call.onMediaFault(MediaSide.UPSTREAM, MediaFault.PORT_UNREACHABLE);

        assertThat(f.context.sent(SipMethod.INVITE).get(1).request().header("X-Holdfast-Failover-Cause"))
                .isEqualTo("MEDIA_UNREACHABLE");
    }

    @Test
    void shouldIgnoreMediaFaultsWhenOnTheCallerSideOrBeforeTheAnswer() {
        f.callingEast();
        f.call.onMediaFault(MediaSide.UPSTREAM, MediaFault.MEDIA_TIMEOUT);
        assertThat(f.call.state()).isEqualTo(CallState.CALLING);

        CallFixture connected = new CallFixture();
        connected.connected();
        connected.call.onMediaFault(MediaSide.CALLER, MediaFault.MEDIA_TIMEOUT);

        assertThat(connected.call.state()).isEqualTo(CallState.CONNECTED);
        assertThat(connected.context.counters.get(CallCounter.MEDIA_FAULTS)).isEqualTo(1);
    }

    @Test
    void shouldStartRecoveryWhenRegionHangsUpWithFailureReason() {
        FakeCallContext.Sent invite = f.connected();
        SipRequest failing = regionRequest(invite.request(), SipMethod.BYE, 1).toBuilder()
                .addReason(new Reason("Q.850", 41, "Temporary failure")).build();
        FakeInbound bye = f.inbound(failing);

        f.call.onInDialogRequest(MediaSide.UPSTREAM, bye);

        assertThat(bye.statuses()).containsExactly(200);
        assertThat(f.context.sent(SipMethod.BYE)).isEmpty();
        assertThat(f.call.state()).isEqualTo(CallState.RECOVERING);
        assertThat(f.context.sent(SipMethod.INVITE).get(1).request().header("X-Holdfast-Failover-Cause"))
                .isEqualTo("SIP_REMOTE_FAILURE");
    }

    @Test
    void shouldTellFailureReasonsFromNormalOnes() {
        assertThat(FailureReason.isFailure(List.of(new Reason("SIP", 503, null)))).isTrue();
        assertThat(FailureReason.isFailure(List.of(new Reason("SIP", 408, null)))).isTrue();
        assertThat(FailureReason.isFailure(List.of(new Reason("Q.850", 38, null)))).isTrue();
        assertThat(FailureReason.isFailure(List.of(new Reason("Q.850", 16, "Normal call clearing")))).isFalse();
        assertThat(FailureReason.isFailure(List.of(new Reason("SIP", 200, null)))).isFalse();
        assertThat(FailureReason.isFailure(List.of(new Reason("Q.850", Reason.NO_CAUSE, null)))).isFalse();
        assertThat(FailureReason.isFailure(List.of())).isFalse();
    }

    @Test
    void shouldStartRecoveryWhenFailoverIsCalledWithAnyInfraCause() {
        f.connected();

        f.call.failover(CauseTag.REGION_DOWN);

        assertThat(f.call.state()).isEqualTo(CallState.RECOVERING);
        assertThat(f.context.sent(SipMethod.INVITE).get(1).request().header("X-Holdfast-Failover-Cause"))
                .isEqualTo("REGION_DOWN");
    }

    @Test
    void shouldRefuseFailoverWhenCauseIsAnIntentFailure() {
        f.connected();

        f.call.failover(CauseTag.INTENT_NOT_UNDERSTOOD);

        assertThat(f.call.state()).isEqualTo(CallState.CONNECTED);
        assertThat(f.context.counters.get(CallCounter.FAILOVERS_REFUSED_INTENT)).isEqualTo(1);
        assertThat(f.context.sent(SipMethod.BYE)).isEmpty();
        assertThat(f.context.sent(SipMethod.INVITE)).hasSize(1);
        assertThat(f.anchor.prompts).isEmpty();
        assertThat(f.context.events).isEmpty();
    }

    @Test
    void shouldReturnToConnectedWhenRecoveryReanchors() {
        f.connected();
        f.call.failover(CauseTag.MEDIA_TIMEOUT);
        FakeCallContext.Sent west = f.context.sent(SipMethod.INVITE).get(1);

        west.listener().onFinal(west.outbound(), regionResponse(west.request(), 200, "OK", REGION_SDP));

        assertThat(f.call.state()).isEqualTo(CallState.CONNECTED);
        assertThat(f.call.region().name()).isEqualTo("west");
        assertThat(f.anchor.promptPlaying).isFalse();
        assertThat(f.anchor.answerTags).containsExactly(0, 1);
        assertThat(f.context.events).extracting(RouteChangeEvent::outcome).containsExactly(RouteOutcome.REANCHORED);
    }

    @Test
    void shouldReturnToAnsweredWhenRecoveryReanchorsBeforeTheCallerAcked() {
        f.answered();
        f.call.failover(CauseTag.MEDIA_TIMEOUT);
        FakeCallContext.Sent west = f.context.sent(SipMethod.INVITE).get(1);

        west.listener().onFinal(west.outbound(), regionResponse(west.request(), 200, "OK", REGION_SDP));

        assertThat(f.call.state()).isEqualTo(CallState.ANSWERED);
    }

    @Test
    void shouldRememberCallerAckWhenItComesDuringRecovery() {
        f.answered();
        f.call.failover(CauseTag.MEDIA_TIMEOUT);
        f.call.onCallerAck(f.callerRequest(SipMethod.ACK, 1));
        FakeCallContext.Sent west = f.context.sent(SipMethod.INVITE).get(1);

        west.listener().onFinal(west.outbound(), regionResponse(west.request(), 200, "OK", REGION_SDP));

        assertThat(f.call.state()).isEqualTo(CallState.CONNECTED);
    }

    @Test
    void shouldReleaseCallerAfterPromptWhenNoOneTakesTheCall() {
        f.connected();
        f.call.failover(CauseTag.MEDIA_TIMEOUT);
        FakeCallContext.Sent west = f.context.sent(SipMethod.INVITE).get(1);
        f.anchor.promptFramesLeft = 10;
        west.listener().onFinal(west.outbound(), regionResponse(west.request(), 503, "Service Unavailable", null));
        f.context.advanceMs(f.call, 10 * 20 + 4);
        assertThat(f.call.state()).isEqualTo(CallState.RECOVERING);

        f.anchor.promptFramesLeft = 0;
        f.context.advanceMs(f.call, 1);

        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
        SipRequest bye = f.context.sent(SipMethod.BYE).get(1).request();
        assertThat(bye.callId()).isEqualTo(CALLER_CALL_ID);
        assertThat(bye.reasons()).containsExactly(new Reason("SIP", 503, "MEDIA_TIMEOUT"));
        assertThat(outcomes()).containsExactly(RouteOutcome.ATTEMPT_FAILED, RouteOutcome.RELEASED);
        assertThat(f.anchor.closes).isEqualTo(1);
        assertThat(f.context.terminations).isEqualTo(1);
    }

    @Test
    void shouldCancelPendingInviteWhenCallerHangsUpDuringRecovery() {
        f.connected();
        f.call.failover(CauseTag.MEDIA_TIMEOUT);
        FakeCallContext.Sent west = f.context.sent(SipMethod.INVITE).get(1);
        FakeInbound bye = f.inbound(f.callerRequest(SipMethod.BYE, 2));

        f.call.onInDialogRequest(MediaSide.CALLER, bye);

        assertThat(bye.statuses()).containsExactly(200);
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(west.outbound().cancels).isEqualTo(1);
        assertThat(f.anchor.promptPlaying).isFalse();
        assertThat(f.anchor.closes).isEqualTo(1);
        assertThat(f.context.timers).isEmpty();
        assertThat(f.context.events).extracting(RouteChangeEvent::cause).containsExactly(CauseTag.CALLER_HANGUP);
    }

    @Test
    void shouldCancelPendingInviteAndByeCallerWhenDrainEndsCallDuringRecovery() {
        f.connected();
        f.call.failover(CauseTag.MEDIA_TIMEOUT);
        FakeCallContext.Sent west = f.context.sent(SipMethod.INVITE).get(1);

        f.call.end(CauseTag.DRAIN_TIMEOUT);

        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(west.outbound().cancels).isEqualTo(1);
        SipRequest bye = f.context.last().request();
        assertThat(bye.callId()).isEqualTo(CALLER_CALL_ID);
        assertThat(bye.reasons()).containsExactly(new Reason("SIP", 503, "DRAIN_TIMEOUT"));
        assertThat(f.anchor.closes).isEqualTo(1);
        assertThat(f.context.timers).isEmpty();
    }

    @Test
    void shouldEndCallWhenCallerNeverAcksDuringRecovery() {
        f.answered();
        f.call.failover(CauseTag.MEDIA_TIMEOUT);

        f.call.onAckTimeout(MediaSide.CALLER);

        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(f.context.sent(SipMethod.INVITE).get(1).outbound()).extracting(o -> o.cancels).isEqualTo(1);
    }

    @Test
    void shouldAnswer491WhenCallerSendsRequestDuringRecovery() {
        f.connected();
        f.call.failover(CauseTag.MEDIA_TIMEOUT);
        FakeInbound info = f.inbound(f.callerRequest(SipMethod.INFO, 2));

        f.call.onInDialogRequest(MediaSide.CALLER, info);

        assertThat(info.statuses()).containsExactly(491);
        assertThat(f.call.state()).isEqualTo(CallState.RECOVERING);
    }

    @Test
    void shouldInviteStandbyInactiveWhenWarmCallIsAnswered() throws Exception {
        CallFixture warm = CallFixture.failover(CallFixture.policy(FailoverMode.WARM, 2, false), 2,
                ResumeContextSource.NONE);

        warm.answered();

        List<FakeCallContext.Sent> invites = warm.context.sent(SipMethod.INVITE);
        assertThat(invites).hasSize(2);
        SipRequest standby = invites.get(1).request();
        assertThat(standby.requestUri().port()).isEqualTo(5090);
        SessionDescription offer = sdp(standby);
        assertThat(offer.direction(offer.media(0))).isEqualTo(Direction.INACTIVE);
        assertThat(offer.media(0).port()).isEqualTo(FakeAnchor.UPSTREAM_RTP);
        assertThat(offer.origin().sessionId()).isNotEqualTo(sdp(invites.get(0).request()).origin().sessionId());
        assertThat(warm.call.state()).isEqualTo(CallState.ANSWERED);
    }

    @Test
    void shouldEndBothLegsWhenEndedByDrain() {
        f.connected();

        f.call.end(CauseTag.DRAIN_TIMEOUT);

        List<FakeCallContext.Sent> byes = f.context.sent(SipMethod.BYE);
        assertThat(byes).hasSize(2);
        assertThat(byes.get(0).request().reasons()).containsExactly(new Reason("SIP", 503, "DRAIN_TIMEOUT"));
        assertThat(f.context.events).extracting(RouteChangeEvent::cause).containsExactly(CauseTag.DRAIN_TIMEOUT);
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
    }

    @Test
    void shouldRefuseWith503WhenEndedWhileCalling() {
        FakeCallContext.Sent east = f.callingEast();

        f.call.end(CauseTag.DRAIN_TIMEOUT);

        assertThat(f.invite.statuses()).containsExactly(100, 503);
        assertThat(east.outbound().cancels).isEqualTo(1);
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
    }

    @Test
    void shouldCountAndIgnoreEventsWhenTerminated() {
        FakeCallContext.Sent invite = f.connected();
        f.call.onInDialogRequest(MediaSide.CALLER, f.inbound(f.callerRequest(SipMethod.BYE, 2)));
        int sent = f.context.sent.size();
        long illegal = f.context.counters.get(CallCounter.ILLEGAL_EVENTS);

        f.call.onCallerCancel();
        f.call.onCallerAck(f.callerRequest(SipMethod.ACK, 1));
        f.call.onTimer(CallTimer.INVITE_TIMEOUT);
        f.call.upstreamFailed(CauseTag.MEDIA_TIMEOUT);
        f.call.end(CauseTag.DRAIN_TIMEOUT);
        FakeInbound late = f.inbound(regionRequest(invite.request(), SipMethod.BYE, 1));
        f.call.onInDialogRequest(MediaSide.UPSTREAM, late);

        assertThat(late.statuses()).containsExactly(481);
        assertThat(f.context.sent).hasSize(sent);
        assertThat(f.context.counters.get(CallCounter.ILLEGAL_EVENTS)).isEqualTo(illegal + 5);
        assertThat(f.context.terminations).isEqualTo(1);
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
    }

    @Test
    void shouldAnswer491WhenCallerSendsRequestBeforeTheAnswer() {
        FakeCallContext.Sent east = f.callingEast();
        east.listener().onProvisional(east.outbound(), regionResponse(east.request(), 180, "Ringing", null));
        FakeInbound early = f.inbound(f.callerRequest(SipMethod.UPDATE, 2));

        f.call.onInDialogRequest(MediaSide.CALLER, early);

        assertThat(early.statuses()).containsExactly(491);
        assertThat(f.call.state()).isEqualTo(CallState.CALLING);
        assertThat(f.context.sent).hasSize(1);
    }
}
