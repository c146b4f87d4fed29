package io.holdfast.benchmarks.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.holdfast.relay.context.ContextParseResult;
import io.holdfast.relay.context.ContextReport;
import io.holdfast.relay.context.ContextSchema;
import io.holdfast.relay.context.ResumeContext;
import io.holdfast.relay.context.ResumeHandoff;
import io.holdfast.relay.context.ResumeToken;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.time.NanoClock;
import io.holdfast.rtp.prompt.PromptCodec;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.sdp.Direction;
import io.holdfast.sip.transport.IoMode;
import io.netty.channel.epoll.Epoll;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A simulated caller calls a simulated region directly over loopback: SIP, RTP both ways, and every failure mode. */
@Timeout(60)
class RegionSimulatorIT {
    private static final long WAIT_S = 10;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private RegionSimulator region;
    private SimulatedCaller caller;

    @BeforeEach
    void start() throws InterruptedException {
        region = RegionSimulator.start(RegionSimulatorConfig.loopback("east"));
        caller = SimulatedCaller.start(LOOPBACK);
    }

    @AfterEach
    void stop() {
        if (caller != null) {
            caller.close();
        }
        if (region != null) {
            region.close();
        }
    }

    private CallerCall answeredCall() throws Exception {
        CallerCall call = caller.call(region);
        assertThat(call.answerStatus().get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        return call;
    }

    @Test
    void shouldCarryRtpBothWaysWhenTheCallerCallsTheRegion() throws Exception {
        CallerCall call = answeredCall();
        RegionCall regionCall = region.call(0).get(WAIT_S, TimeUnit.SECONDS);

        Deadline.await("50 packets each way", () -> call.received().count() >= 50 && regionCall.rtpPacketsReceived() >= 50);

        assertThat(call.provisionalStatuses()).containsExactly(100, 180);
        assertThat(regionCall.state()).isEqualTo(RegionCall.State.CONFIRMED);
        assertThat(region.acksReceived()).isEqualTo(1);
        assertThat(call.received().ssrcs()).containsExactly(regionCall.ssrc());
        assertThat(call.received().isContinuous()).isTrue();
        assertThat(call.received().packets().get(0).marker()).isTrue();
        assertThat(call.received().packets()).allSatisfy(packet ->
                assertThat(region.config().voice().isFrameOf(PromptCodec.PCMU, packet.payload())).isTrue());
        assertThat(regionCall.lastReceivedSsrc()).isEqualTo(call.ssrc());
        assertThat(regionCall.remoteRtpAddress()).isEqualTo(call.localRtpAddress());
        assertThat(call.remoteRtpAddress()).isEqualTo(regionCall.localRtpAddress());
        assertThat(call.portUnreachableCount()).isZero();
    }

    @Test
    void shouldEndBothSidesWhenTheCallerHangsUp() throws Exception {
        CallerCall call = answeredCall();
        RegionCall regionCall = region.call(0).get(WAIT_S, TimeUnit.SECONDS);

        assertThat(call.hangUp().get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);

        regionCall.ended().get(WAIT_S, TimeUnit.SECONDS);
        assertThat(regionCall.state()).isEqualTo(RegionCall.State.ENDED);
        assertThat(regionCall.byeReceived()).isPresent();
        assertThat(region.byesReceived()).isEqualTo(1);
        assertThat(call.state()).isEqualTo(CallerCall.State.ENDED);
    }

    @Test
    void shouldCloseItsPortsSoTheCallerSeesIcmpWhenTheRegionDies() throws Exception {
        CallerCall call = answeredCall();
        Deadline.await("voice from the region", () -> call.received().count() >= 10);

        region.die();
        long diedNs = region.diedAtNs();

        Deadline.await("ICMP port unreachable at the caller", () -> call.portUnreachableCount() >= 3);
        assertThat(call.firstPortUnreachableNs() - diedNs).isPositive();
        int heard = call.received().count();
        Deadline.pass(Duration.ofMillis(200));
        assertThat(call.received().count()).isEqualTo(heard);
        assertThat(region.isDead()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = IoMode.class, names = {"NIO", "EPOLL"})
    void shouldReportIcmpToTheCallerOnEachIoModeWhenTheRegionDies(IoMode mode) throws Exception {
        assumeTrue(mode != IoMode.EPOLL || Epoll.isAvailable(), "epoll is not available here");
        try (SimulatedCaller own = SimulatedCaller.start(LOOPBACK, NanoClock.system(), AgentVoice.tone(1000), mode)) {
            CallerCall call = own.call(region);
            assertThat(call.answerStatus().get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
            Deadline.await("voice from the region", () -> call.received().count() >= 5);

            region.die();

            Deadline.await("ICMP port unreachable at the caller", () -> call.portUnreachableCount() >= 3);
            assertThat(call.sendFailureCount()).isZero();
        }
    }

    @Test
    void shouldStopItsVoiceButKeepAnsweringWhenSilent() throws Exception {
        CallerCall call = answeredCall();
        Deadline.await("voice from the region", () -> call.received().count() >= 10);

        region.goSilent();
        Deadline.pass(Duration.ofMillis(200));
        int heard = call.received().count();
        Deadline.pass(Duration.ofMillis(200));

        assertThat(call.received().count()).isEqualTo(heard);
        RegionCall regionCall = region.call(0).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(regionCall.sendContext(ResumeContext.builder().customerRef("c-1").build())
                .get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(regionCall.rtpPacketsReceived()).isPositive();
        assertThat(call.portUnreachableCount()).isZero();

        region.speak();
        Deadline.await("voice again", () -> call.received().count() > heard + 5);
        ReceivedRtp firstAfter = call.received().packets().get(heard);
        assertThat(firstAfter.marker()).isTrue();
        assertThat(call.received().ssrcs()).hasSize(1);
        assertThat(call.received().sequenceBreaks()).isZero();
        long tsJumpFrames = (firstAfter.timestamp() - call.received().packets().get(heard - 1).timestamp()) / 160;
        assertThat(tsJumpFrames).isGreaterThan(10);
    }

    @Test
    void shouldAnswerWithTheRefusalWhenRefusingCalls() throws Exception {
        region.refuseCalls(503);

        CallerCall call = caller.call(region);

        assertThat(call.answerStatus().get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(503);
        assertThat(call.state()).isEqualTo(CallerCall.State.FAILED);
        assertThat(region.invitesReceived()).isEqualTo(1);
        region.behaveNormally();
        assertThat(caller.call(region).answerStatus().get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
    }

    @Test
    void shouldAnswerOnlyAfterTheDelayWhenAnswersAreDelayed() throws Exception {
        region.delayAnswers(Duration.ofMillis(300));
        long startNs = System.nanoTime();

        CallerCall call = caller.call(region);

        assertThat(call.answerStatus().get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(System.nanoTime() - startNs).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(call.provisionalStatuses()).contains(180);
    }

    @Test
    void shouldEndTheCallCancelledWhenTheCallerCancelsADelayedAnswer() throws Exception {
        region.delayAnswers(Duration.ofSeconds(5));
        CallerCall call = caller.call(region);
        Deadline.await("ringing", () -> call.state() == CallerCall.State.RINGING);

        call.cancel();

        assertThat(call.answerStatus().get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(487);
        RegionCall regionCall = region.call(0).get(WAIT_S, TimeUnit.SECONDS);
        regionCall.ended().get(WAIT_S, TimeUnit.SECONDS);
        assertThat(regionCall.state()).isEqualTo(RegionCall.State.CANCELLED);
        assertThat(region.cancelsReceived()).isEqualTo(1);
    }

    @Test
    void shouldSayNothingWhenIgnoringInvites() throws Exception {
        region.ignoreInvites();

        CallerCall call = caller.call(region);
        region.call(0).get(WAIT_S, TimeUnit.SECONDS);
        Deadline.pass(Duration.ofMillis(700));

        assertThat(call.state()).isEqualTo(CallerCall.State.CALLING);
        assertThat(call.provisionalStatuses()).isEmpty();
        assertThat(call.answerStatus()).isNotDone();
    }

    @Test
    void shouldDeliverTheContextByInfoWhenTheRegionReportsIt() throws Exception {
        CallerCall call = answeredCall();
        RegionCall regionCall = region.call(0).get(WAIT_S, TimeUnit.SECONDS);
        ResumeContext context = ResumeContext.builder().customerRef("c-7f3a").lastIntent("book_appointment")
                .summary("Wants Friday.").language("de-CH").label("tier", "gold").build();

        assertThat(regionCall.sendContext(context).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(regionCall.reportIntent("INTENT_NOT_UNDERSTOOD").get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(regionCall.requestEscalation("caller asked for a person").get(WAIT_S, TimeUnit.SECONDS))
                .isEqualTo(200);
        assertThat(regionCall.sendInfo(ContextSchema.MEDIA_TYPE, "{\"summary\":7}").get(WAIT_S, TimeUnit.SECONDS))
                .isEqualTo(400);
        assertThat(regionCall.sendInfo("application/json", "{}").get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(415);

        assertThat(call.contextReports()).hasSize(3);
        assertThat(call.contextReports().get(0)).isEqualTo(ContextReport.of(context));
        assertThat(call.contextReports().get(1).intent().get().tag()).isEqualTo(CauseTag.INTENT_NOT_UNDERSTOOD);
        assertThat(call.contextReports().get(2).escalation().get().reason()).isEqualTo("caller asked for a person");
        assertThat(call.infosReceived().get(3)).isEqualTo(new ContextParseResult.BadRequest("summary must be a string"));
    }

    @Test
    void shouldRecordTheResumeContextWhenTheInviteCarriesOne() throws Exception {
        ResumeContext context = ResumeContext.builder().customerRef("c-9").summary("Moved from east.").build();
        ResumeToken token = ResumeToken.random();

        CallerCall call = caller.call(region.sipUri(), region.sipAddress(), "+4930123456", (invite, sdp) ->
                ResumeHandoff.failover(sdp, token, CauseTag.MEDIA_TIMEOUT, 1).context(context).build().applyTo(invite));

        assertThat(call.answerStatus().get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        RegionCall regionCall = region.call(0).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(regionCall.inviteHeader(ResumeHandoff.RESUME_TOKEN)).isEqualTo(token.value());
        assertThat(regionCall.inviteHeader(ResumeHandoff.FAILOVER_CAUSE)).isEqualTo("MEDIA_TIMEOUT");
        assertThat(regionCall.inviteHeader(ResumeHandoff.ATTEMPT)).isEqualTo("1");
        assertThat(regionCall.receivedContext()).contains(new ContextParseResult.Accepted(ContextReport.of(context)));
        assertThat(region.lastReceivedContext()).contains(context);
        assertThat(regionCall.invite().from().uri().user()).isEqualTo("+4930123456");
        Deadline.await("voice from the region", () -> call.received().count() >= 5);
    }

    @Test
    void shouldHangUpWithTheFailureReasonWhenToldTo() throws Exception {
        CallerCall call = answeredCall();

        assertThat(region.byeWithReason(500, "agent crashed")).singleElement()
                .satisfies(status -> assertThat(status.get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200));

        call.ended().get(WAIT_S, TimeUnit.SECONDS);
        assertThat(call.byeReceived().get().reasons()).containsExactly(new Reason("SIP", 500, "agent crashed"));
        assertThat(region.call(0).get().state()).isEqualTo(RegionCall.State.ENDED);
    }

    @Test
    void shouldStopAndResumeItsVoiceWhenReInvitedInactiveThenSendrecv() throws Exception {
        CallerCall call = answeredCall();
        RegionCall regionCall = region.call(0).get(WAIT_S, TimeUnit.SECONDS);
        Deadline.await("voice from the region", () -> call.received().count() >= 5);

        assertThat(call.reInvite(Direction.INACTIVE).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(regionCall.localSdp().get().direction(regionCall.localSdp().get().audio()))
                .isEqualTo(Direction.INACTIVE);
        Deadline.pass(Duration.ofMillis(60));
        long sent = regionCall.rtpPacketsSent();
        Deadline.pass(Duration.ofMillis(200));
        assertThat(regionCall.rtpPacketsSent()).isEqualTo(sent);

        assertThat(call.reInvite(Direction.SENDRECV).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        Deadline.await("voice again", () -> regionCall.rtpPacketsSent() > sent + 5);
        assertThat(region.reOffersReceived()).isEqualTo(2);
        assertThat(call.received().ssrcs()).hasSize(1);
    }

    @Test
    void shouldKeepEachCallsStreamApartWhenTenCallsRunAtOnce() throws Exception {
        List<CallerCall> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(caller.call(region));
        }
        for (CallerCall call : calls) {
            assertThat(call.answerStatus().get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        }

        Deadline.await("25 packets on every call", () -> calls.stream().allMatch(c -> c.received().count() >= 25));

        assertThat(calls).allSatisfy(call -> {
            assertThat(call.received().ssrcs()).hasSize(1);
            assertThat(call.received().isContinuous()).isTrue();
        });
        assertThat(calls.stream().map(CallerCall::localRtpAddress)).doesNotHaveDuplicates();
        assertThat(region.calls().stream().map(RegionCall::localRtpAddress)).doesNotHaveDuplicates();
        assertThat(region.calls()).allSatisfy(call -> assertThat(call.rtpPacketsReceived()).isPositive());
    }
}
