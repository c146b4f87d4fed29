package io.holdfast.relay.call;

import static io.holdfast.relay.call.CallFixture.CALLER_CALL_ID;
import static io.holdfast.relay.call.CallFixture.REGION_SDP;
import static io.holdfast.relay.call.CallFixture.regionRequest;
import static io.holdfast.relay.call.CallFixture.regionResponse;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.relay.config.FailoverConfig;
import io.holdfast.relay.config.FailoverMode;
import io.holdfast.relay.config.WarmFlip;
import io.holdfast.relay.context.ResumeContext;
import io.holdfast.relay.context.ResumeHandoff;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.events.RouteOutcome;
import io.holdfast.relay.failover.FailoverPolicy;
import io.holdfast.rtp.relay.MediaFault;
import io.holdfast.rtp.relay.MediaSide;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.sdp.Direction;
import io.holdfast.sip.sdp.SessionDescription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every arrow of {@link Recovery}'s and {@link StandbyLeg}'s diagrams, through the call, with a fake clock. */
class RecoveryTest {
    private static final ResumeContext CONTEXT = ResumeContext.builder().customerRef("cust-4711")
            .lastIntent("book-table").summary("party of four at eight").build();
    private static final String STANDBY_SDP = REGION_SDP.replace("30000", "31000").replace("a=sendrecv", "a=inactive");

    private static FailoverPolicy cold(int maxAttempts, boolean escalation) {
        return CallFixture.policy(FailoverMode.COLD, maxAttempts, escalation);
    }

    private static CallFixture connected(FailoverPolicy policy, int regions) {
        CallFixture f = CallFixture.failover(policy, regions, call -> Optional.of(CONTEXT));
        f.connected();
        return f;
    }

    private static FakeCallContext.Sent invite(CallFixture f, int index) {
        return f.context.sent(SipMethod.INVITE).get(index);
    }

    private static void answer(FakeCallContext.Sent invite, int status, String sdp) {
        invite.listener().onFinal(invite.outbound(), regionResponse(invite.request(), status, "Status", sdp));
    }

    private static List<RouteOutcome> outcomes(CallFixture f) {
        List<RouteOutcome> outcomes = new ArrayList<>();
        for (RouteChangeEvent event : f.context.events) {
            outcomes.add(event.outcome());
        }
        return outcomes;
    }

    @Test
    void shouldPlayPromptAtOnceAndInviteNextRegionWhenUpstreamFails() {
        CallFixture f = connected(cold(2, false), 2);

        f.call.onMediaFault(MediaSide.UPSTREAM, MediaFault.MEDIA_TIMEOUT);

        assertThat(f.anchor.prompts).containsExactly(CallFixture.PROMPTS.hold());
        assertThat(f.anchor.promptPayloadTypes).containsExactly(0);
        SipRequest west = invite(f, 1).request();
        assertThat(west.requestUri().port()).isEqualTo(5090);
        assertThat(west.contentType()).startsWith("multipart/mixed");
        assertThat(ResumeHandoff.contextPartOf(west)).isPresent();
        assertThat(new String(ResumeHandoff.contextPartOf(west).get(), StandardCharsets.UTF_8)).contains("cust-4711");
        assertThat(west.header(ResumeHandoff.FAILOVER_CAUSE)).isEqualTo("MEDIA_TIMEOUT");
        assertThat(west.header(ResumeHandoff.ATTEMPT)).isEqualTo("1");
        assertThat(west.callId()).isNotEqualTo(invite(f, 0).request().callId());
        assertThat(f.context.timers).containsKeys(CallTimer.INVITE_TIMEOUT, CallTimer.RECOVERY_BUDGET);
    }

    @Test
    void shouldReanchorOnNextRegionWhenItAnswers() {
        CallFixture f = connected(cold(2, false), 2);
        f.anchor.lastUpstreamArrivalNs = f.context.clock.nanoTime();
        f.context.advanceMs(f.call, 60);
        f.call.onMediaFault(MediaSide.UPSTREAM, MediaFault.MEDIA_TIMEOUT);
        f.context.advanceMs(f.call, 35);
        int callerResponses = f.invite.responses.size();

        answer(invite(f, 1), 200, REGION_SDP);

        assertThat(f.call.state()).isEqualTo(CallState.CONNECTED);
        assertThat(f.context.acks).hasSize(2);
        assertThat(f.anchor.answerTags).containsExactly(0, 1);
        assertThat(f.anchor.promptPlaying).isFalse();
        assertThat(f.anchor.relaying).isTrue();
        assertThat(f.invite.responses).hasSize(callerResponses);
        assertThat(f.context.sent).noneMatch(s -> s.request().callId().equals(CALLER_CALL_ID));
        RouteChangeEvent moved = f.context.events.get(0);
        assertThat(moved.outcome()).isEqualTo(RouteOutcome.REANCHORED);
        assertThat(moved.fromRegion()).isEqualTo("east");
        assertThat(moved.toRegion()).isEqualTo("west");
        assertThat(moved.cause()).isEqualTo(CauseTag.MEDIA_TIMEOUT);
        assertThat(moved.attempt()).isEqualTo(1);
        assertThat(moved.detection()).isEqualTo(Duration.ofMillis(60));
        assertThat(moved.promptStart()).isEqualTo(Duration.ZERO);
        assertThat(moved.reanchor()).isEqualTo(Duration.ofMillis(35));
        assertThat(moved.callerHeardGap()).isEqualTo(Duration.ofMillis(60));
        assertThat(f.context.timers).isEmpty();
        assertThat(f.context.counters.get(CallCounter.CALLS_REANCHORED)).isEqualTo(1);
    }

    @Test
    void shouldTryNextRegionWhenFailoverRegionRefuses() {
        CallFixture f = connected(cold(3, false), 3);
        f.call.failover(CauseTag.SIP_REMOTE_FAILURE);

        answer(invite(f, 1), 503, null);

        SipRequest north = invite(f, 2).request();
        assertThat(north.requestUri().port()).isEqualTo(5095);
        assertThat(north.header(ResumeHandoff.ATTEMPT)).isEqualTo("2");
        assertThat(f.context.events).hasSize(1);
        RouteChangeEvent failed = f.context.events.get(0);
        assertThat(failed.outcome()).isEqualTo(RouteOutcome.ATTEMPT_FAILED);
        assertThat(failed.toRegion()).isEqualTo("west");
        assertThat(failed.cause()).isEqualTo(CauseTag.SIP_5XX);
        assertThat(f.anchor.prompts).hasSize(1);
    }

    @Test
    void shouldTryNextRegionWhenFailoverInviteTimesOut() {
        CallFixture f = connected(cold(3, false), 3);
        f.call.failover(CauseTag.MEDIA_TIMEOUT);

        f.context.advanceMs(f.call, 1999);
        assertThat(f.context.sent(SipMethod.INVITE)).hasSize(2);
        f.context.advanceMs(f.call, 1);

        assertThat(invite(f, 1).outbound().cancels).isEqualTo(1);
        assertThat(invite(f, 2).request().requestUri().port()).isEqualTo(5095);
        assertThat(f.context.events.get(0).cause()).isEqualTo(CauseTag.SIP_TIMEOUT);
    }

    @Test
    void shouldNeverGoBackToAFailedRegionWhenTheNewOneFailsToo() {
        CallFixture f = connected(cold(2, false), 2);
        f.call.failover(CauseTag.MEDIA_TIMEOUT);
        answer(invite(f, 1), 200, REGION_SDP);

        f.call.failover(CauseTag.MEDIA_TIMEOUT);

        assertThat(f.context.sent(SipMethod.INVITE)).hasSize(2);
        assertThat(f.call.state()).isEqualTo(CallState.RECOVERING);
    }

    @Test
    void shouldEscalateWhenAttemptsAreExhausted() {
        CallFixture f = connected(cold(1, true), 3);
        f.call.failover(CauseTag.MEDIA_TIMEOUT);

        answer(invite(f, 1), 500, null);

        SipRequest agents = invite(f, 2).request();
        assertThat(agents.requestUri().port()).isEqualTo(CallFixture.ESCALATION_PORT);
        assertThat(agents.header(ResumeHandoff.ESCALATION_REASON))
                .isEqualTo("MEDIA_TIMEOUT;text=\"" + Recovery.NO_REGION_TEXT + "\"");
        assertThat(ResumeHandoff.contextPartOf(agents)).isPresent();
        assertThat(f.anchor.prompts).containsExactly(CallFixture.PROMPTS.hold(), CallFixture.PROMPTS.agent());
        assertThat(f.context.timers).doesNotContainKey(CallTimer.RECOVERY_BUDGET);
    }

    @Test
    void shouldEscalateWhenBudgetIsSpent() {
        FailoverPolicy quick = new FailoverPolicy(FailoverMode.COLD, 3, Duration.ofMillis(500), CallFixture.PROMPTS,
                cold(1, true).escalation());
        CallFixture f = connected(quick, 3);
        f.call.failover(CauseTag.MEDIA_TIMEOUT);

        f.context.advanceMs(f.call, 499);
        assertThat(f.context.sent(SipMethod.INVITE)).hasSize(2);
        f.context.advanceMs(f.call, 1);

        assertThat(invite(f, 1).outbound().cancels).isEqualTo(1);
        assertThat(invite(f, 2).request().requestUri().port()).isEqualTo(CallFixture.ESCALATION_PORT);
        assertThat(outcomes(f)).containsExactly(RouteOutcome.ATTEMPT_FAILED);
    }

    @Test
    void shouldEscalateToHumanWhenEveryRegionFails() {
        CallFixture f = connected(cold(2, true), 2);
        f.call.failover(CauseTag.MEDIA_UNREACHABLE);
        answer(invite(f, 1), 503, null);

        answer(invite(f, 2), 200, REGION_SDP);

        assertThat(f.call.state()).isEqualTo(CallState.CONNECTED);
        assertThat(f.anchor.answerTags).containsExactly(0, 3);
        assertThat(f.anchor.promptPlaying).isFalse();
        assertThat(outcomes(f)).containsExactly(RouteOutcome.ATTEMPT_FAILED, RouteOutcome.ESCALATED);
        RouteChangeEvent escalated = f.context.events.get(1);
        assertThat(escalated.cause()).isEqualTo(CauseTag.MEDIA_UNREACHABLE);
        assertThat(escalated.escalationReason()).isEqualTo(Recovery.NO_REGION_TEXT);
        assertThat(escalated.fromRegion()).isEqualTo("east");
        assertThat(escalated.toRegion()).isNull();
        assertThat(f.context.counters.get(CallCounter.CALLS_ESCALATED)).isEqualTo(1);
    }

    @Test
    void shouldReleaseAfterPromptEndsWhenEscalationFails() {
        CallFixture f = connected(cold(1, true), 2);
        f.call.failover(CauseTag.MEDIA_TIMEOUT);
        answer(invite(f, 1), 503, null);
        f.anchor.promptFramesLeft = 100;

        answer(invite(f, 2), 486, null);

        assertThat(f.call.state()).isEqualTo(CallState.RECOVERING);
        f.context.advanceMs(f.call, 2004);
        assertThat(f.call.state()).isEqualTo(CallState.RECOVERING);
        f.anchor.promptFramesLeft = 0;
        f.context.advanceMs(f.call, 1);
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
        SipRequest bye = f.context.sent(SipMethod.BYE).get(1).request();
        assertThat(bye.callId()).isEqualTo(CALLER_CALL_ID);
        assertThat(bye.reasons()).containsExactly(new Reason("SIP", 503, "MEDIA_TIMEOUT"));
        assertThat(outcomes(f)).containsExactly(RouteOutcome.ATTEMPT_FAILED, RouteOutcome.RELEASED);
        assertThat(f.context.counters.get(CallCounter.CALLS_RELEASED)).isEqualTo(1);
    }

    @Test
    void shouldKeepReleasingAfterThePassWhenPromptTicksCameLate() {
        CallFixture f = connected(cold(1, false), 2);
        f.call.failover(CauseTag.MEDIA_TIMEOUT);
        f.anchor.promptFramesLeft = 5;
        answer(invite(f, 1), 503, null);

        f.anchor.promptFramesLeft = 2;
        f.context.advanceMs(f.call, 105);
        assertThat(f.call.state()).isEqualTo(CallState.RECOVERING);
        f.anchor.promptFramesLeft = 0;
        f.context.advanceMs(f.call, 45);

        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
    }

    @Test
    void shouldReleaseWhenThePassEndedEvenIfThePromptWrappedMeanwhile() {
        CallFixture f = connected(cold(1, false), 2);
        f.call.failover(CauseTag.MEDIA_TIMEOUT);
        f.anchor.promptFramesLeft = 5;
        answer(invite(f, 1), 503, null);

        f.anchor.promptPasses = 1;
        f.anchor.promptFramesLeft = 170;
        f.context.advanceMs(f.call, 105);

        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
    }

    @Test
    void shouldReleaseAfterPromptWhenNoEscalationUri() {
        CallFixture f = connected(cold(1, false), 2);
        f.call.failover(CauseTag.MEDIA_TIMEOUT);
        f.anchor.promptFramesLeft = 3;

        answer(invite(f, 1), 503, null);
        assertThat(f.call.state()).isEqualTo(CallState.RECOVERING);
        f.anchor.promptFramesLeft = 0;
        f.context.advanceMs(f.call, 65);

        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(f.anchor.prompts).containsExactly(CallFixture.PROMPTS.hold());
        assertThat(f.context.sent(SipMethod.INVITE)).hasSize(2);
        assertThat(outcomes(f)).containsExactly(RouteOutcome.ATTEMPT_FAILED, RouteOutcome.RELEASED);
    }

    @Test
    void shouldInviteEscalationUriWhenRegionAsksForHuman() {
        CallFixture f = connected(cold(2, true), 2);

        HoldfastRelay.escalationTrigger().escalate(f.call, CauseTag.INTENT_HUMAN_REQUESTED, "caller asked for a person");

        assertThat(f.call.state()).isEqualTo(CallState.RECOVERING);
        assertThat(f.anchor.prompts).containsExactly(CallFixture.PROMPTS.agent());
        assertThat(f.context.sent(SipMethod.BYE).get(0).request().reasons())
                .containsExactly(new Reason("SIP", 503, "INTENT_HUMAN_REQUESTED"));
        SipRequest agents = invite(f, 1).request();
        assertThat(agents.requestUri().port()).isEqualTo(CallFixture.ESCALATION_PORT);
        assertThat(agents.header(ResumeHandoff.ESCALATION_REASON))
                .isEqualTo("INTENT_HUMAN_REQUESTED;text=\"caller asked for a person\"");
        answer(invite(f, 1), 200, REGION_SDP);
        assertThat(f.context.events).extracting(RouteChangeEvent::outcome).containsExactly(RouteOutcome.ESCALATED);
        assertThat(f.context.events.get(0).cause()).isEqualTo(CauseTag.INTENT_HUMAN_REQUESTED);
        assertThat(f.context.events.get(0).escalationReason()).as("the region's words go to the agents only")
                .isEqualTo(CauseTag.INTENT_HUMAN_REQUESTED.description());
    }

    @Test
    void shouldAbandonFailoverAndEscalateWhenHumanIsAskedDuringRecovery() {
        CallFixture f = connected(cold(2, true), 2);
        f.call.failover(CauseTag.MEDIA_TIMEOUT);

        f.call.escalate(CauseTag.INTENT_HUMAN_REQUESTED, "");

        assertThat(invite(f, 1).outbound().cancels).isEqualTo(1);
        assertThat(invite(f, 2).request().header(ResumeHandoff.ESCALATION_REASON))
                .startsWith("INTENT_HUMAN_REQUESTED;text=\"a human was asked for");
    }

    @Test
    void shouldCountAndIgnoreMediaFaultsWhenAlreadyRecovering() {
        CallFixture f = connected(cold(2, false), 2);
        f.call.failover(CauseTag.MEDIA_TIMEOUT);

        f.call.onMediaFault(MediaSide.UPSTREAM, MediaFault.PORT_UNREACHABLE);

        assertThat(f.context.sent(SipMethod.INVITE)).hasSize(2);
        assertThat(f.context.counters.get(CallCounter.RECOVERIES_STARTED)).isEqualTo(1);
    }

    @Test
    void shouldCountMissingPromptWhenCodecHasNoPromptEncoding() {
        CallFixture f = CallFixture.failover(cold(2, false), 2, ResumeContextSource.NONE);
        f.anchor.promptsAvailable = false;
        f.connected();

        f.call.failover(CauseTag.MEDIA_TIMEOUT);

        assertThat(f.context.counters.get(CallCounter.PROMPTS_UNAVAILABLE)).isEqualTo(1);
        assertThat(f.context.sent(SipMethod.INVITE)).hasSize(2);
    }

    @Test
    void shouldRetargetToStandbyAtOnceAndFlipItWhenWarm() throws Exception {
        CallFixture f = CallFixture.failover(CallFixture.policy(FailoverMode.WARM, 2, false), 2,
                call -> Optional.of(CONTEXT));
        f.connected();
        answer(invite(f, 1), 200, STANDBY_SDP);

        f.call.failover(CauseTag.MEDIA_TIMEOUT);

        assertThat(f.anchor.answers).hasSize(2);
        assertThat(f.anchor.answers.get(1).rtp().getPort()).isEqualTo(31000);
        assertThat(f.anchor.relaying).isFalse();
        assertThat(f.anchor.promptPlaying).isTrue();
        FakeCallContext.Sent flip = f.context.last();
        assertThat(flip.request().method()).isEqualTo(SipMethod.INVITE);
        assertThat(flip.request().callId()).isEqualTo(invite(f, 1).request().callId());
        assertThat(flip.request().to().tag()).isEqualTo("region-tag");
        assertThat(ResumeHandoff.contextPartOf(flip.request())).isPresent();
        SessionDescription offer = SessionDescription.parse(sdpPart(flip.request()));
        assertThat(offer.direction(offer.media(0))).isEqualTo(Direction.SENDRECV);
        SessionDescription standbyOffer = SessionDescription.parse(invite(f, 1).request().body());
        assertThat(offer.origin().sessionId()).isEqualTo(standbyOffer.origin().sessionId());
        assertThat(Long.parseLong(offer.origin().sessionVersion()))
                .isEqualTo(Long.parseLong(standbyOffer.origin().sessionVersion()) + 1);
        assertThat(f.context.sent(SipMethod.INVITE)).hasSize(3);
    }

    @Test
    void shouldReanchorOnStandbyWithoutReinviteWhenWarmFlipIsNone() {
        FailoverPolicy policy = new FailoverPolicy(FailoverMode.WARM, 2, FailoverConfig.DEFAULT_BUDGET,
                CallFixture.PROMPTS, Optional.empty(), WarmFlip.NONE);
        CallFixture f = CallFixture.failover(policy, 2, call -> Optional.of(CONTEXT));
        f.connected();
        answer(invite(f, 1), 200, STANDBY_SDP);
        String standbyCallId = invite(f, 1).request().callId();

        f.call.failover(CauseTag.MEDIA_TIMEOUT);

        assertThat(f.context.sent(SipMethod.INVITE)).extracting(s -> s.request().callId())
                .filteredOn(standbyCallId::equals).hasSize(1);
        assertThat(f.anchor.answers).hasSize(2);
        assertThat(f.anchor.answers.get(1).rtp().getPort()).isEqualTo(31000);
        assertThat(f.anchor.relaying).isTrue();
        assertThat(f.anchor.promptPlaying).isFalse();
        assertThat(f.call.state()).isEqualTo(CallState.CONNECTED);
        assertThat(f.call.region().name()).isEqualTo("west");
        assertThat(outcomes(f)).containsExactly(RouteOutcome.REANCHORED);
        RouteChangeEvent moved = f.context.events.get(0);
        assertThat(moved.toRegion()).isEqualTo("west");
        assertThat(moved.reanchor()).isEqualTo(Duration.ZERO);
        assertThat(f.context.counters.get(CallCounter.CALLS_REANCHORED)).isEqualTo(1);
        assertThat(f.context.timers).doesNotContainKey(CallTimer.RECOVERY_BUDGET);
    }

    @Test
    void shouldReinviteStandbyWhenWarmFlipIsDefault() {
        CallFixture f = CallFixture.failover(CallFixture.policy(FailoverMode.WARM, 2, false), 2,
                ResumeContextSource.NONE);
        f.connected();
        answer(invite(f, 1), 200, STANDBY_SDP);
        String standbyCallId = invite(f, 1).request().callId();

        f.call.failover(CauseTag.MEDIA_TIMEOUT);

        assertThat(f.context.sent(SipMethod.INVITE)).extracting(s -> s.request().callId())
                .filteredOn(standbyCallId::equals).hasSize(2);
        assertThat(f.anchor.answers.get(1).rtp().getPort()).isEqualTo(31000);
        assertThat(f.call.state()).isEqualTo(CallState.RECOVERING);
        assertThat(f.context.events).isEmpty();
    }

    private static byte[] sdpPart(SipRequest request) {
        String body = new String(request.body(), StandardCharsets.UTF_8);
        int start = body.indexOf("v=0");
        int end = body.indexOf("\r\n--", start);
        return body.substring(start, end + 2).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReanchorOnStandbyWhenItAcceptsTheFlip() {
        CallFixture f = CallFixture.failover(CallFixture.policy(FailoverMode.WARM, 2, false), 2,
                ResumeContextSource.NONE);
        f.connected();
        answer(invite(f, 1), 200, STANDBY_SDP);
        f.call.failover(CauseTag.SIP_REMOTE_FAILURE);
        FakeCallContext.Sent flip = f.context.last();

        answer(flip, 200, REGION_SDP.replace("30000", "31000"));

        assertThat(f.call.state()).isEqualTo(CallState.CONNECTED);
        assertThat(f.call.region().name()).isEqualTo("west");
        assertThat(f.anchor.relaying).isTrue();
        assertThat(f.anchor.promptPlaying).isFalse();
        assertThat(f.context.acks).hasSize(3);
        assertThat(f.context.acks.get(2).cseq().sequence()).isEqualTo(2);
        RouteChangeEvent moved = f.context.events.get(0);
        assertThat(moved.outcome()).isEqualTo(RouteOutcome.REANCHORED);
        assertThat(moved.toRegion()).isEqualTo("west");
        assertThat(moved.reanchor()).isEqualTo(Duration.ZERO);
    }

    @Test
    void shouldFallBackToColdWhenStandbyRefusesTheFlip() {
        CallFixture f = CallFixture.failover(CallFixture.policy(FailoverMode.WARM, 3, false), 3,
                ResumeContextSource.NONE);
        f.connected();
        answer(invite(f, 1), 200, STANDBY_SDP);
        f.call.failover(CauseTag.MEDIA_TIMEOUT);
        FakeCallContext.Sent flip = f.context.last();

        answer(flip, 488, null);

        SipRequest north = f.context.last().request();
        assertThat(north.method()).isEqualTo(SipMethod.INVITE);
        assertThat(north.requestUri().port()).isEqualTo(5095);
        assertThat(north.header(ResumeHandoff.ATTEMPT)).isEqualTo("2");
        assertThat(f.context.sent(SipMethod.BYE)).extracting(s -> s.request().callId())
                .contains(invite(f, 1).request().callId());
        assertThat(outcomes(f)).containsExactly(RouteOutcome.ATTEMPT_FAILED);
        assertThat(f.context.counters.get(CallCounter.STANDBY_LEGS_FAILED)).isEqualTo(1);
    }

    @Test
    void shouldFallBackToColdWhenStandbyIsNotReady() {
        CallFixture f = CallFixture.failover(CallFixture.policy(FailoverMode.WARM, 2, false), 2,
                ResumeContextSource.NONE);
        f.connected();
        FakeCallContext.Sent standby = invite(f, 1);

        f.call.failover(CauseTag.MEDIA_TIMEOUT);

        assertThat(standby.outbound().cancels).isEqualTo(1);
        SipRequest west = invite(f, 2).request();
        assertThat(west.requestUri().port()).isEqualTo(5090);
        assertThat(west.header(ResumeHandoff.FAILOVER_CAUSE)).isEqualTo("MEDIA_TIMEOUT");
    }

    @Test
    void shouldDropStandbyWhenItHangsUp() {
        CallFixture f = CallFixture.failover(CallFixture.policy(FailoverMode.WARM, 2, false), 2,
                ResumeContextSource.NONE);
        f.connected();
        answer(invite(f, 1), 200, STANDBY_SDP);
        FakeInbound bye = f.inbound(regionRequest(invite(f, 1).request(), SipMethod.BYE, 1));

        f.call.onInDialogRequest(MediaSide.UPSTREAM, bye);
        f.call.failover(CauseTag.MEDIA_TIMEOUT);

        assertThat(bye.statuses()).containsExactly(200);
        assertThat(f.context.counters.get(CallCounter.STANDBY_LEGS_FAILED)).isEqualTo(1);
        assertThat(f.context.sent(SipMethod.INVITE)).hasSize(3);
        assertThat(invite(f, 2).request().requestUri().port()).isEqualTo(5090);
        assertThat(invite(f, 2).request().callId()).isNotEqualTo(invite(f, 1).request().callId());
        assertThat(f.call.state()).isEqualTo(CallState.RECOVERING);
    }

    @Test
    void shouldEndStandbyWhenCallEnds() {
        CallFixture f = CallFixture.failover(CallFixture.policy(FailoverMode.WARM, 2, false), 2,
                ResumeContextSource.NONE);
        f.connected();
        answer(invite(f, 1), 200, STANDBY_SDP);

        f.call.onInDialogRequest(MediaSide.CALLER, f.inbound(f.callerRequest(SipMethod.BYE, 2)));

        assertThat(f.context.sent(SipMethod.BYE)).extracting(s -> s.request().callId())
                .containsExactlyInAnyOrder(invite(f, 0).request().callId(), invite(f, 1).request().callId());
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
    }
}
