package io.holdfast.benchmarks.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.benchmarks.sim.CallerCall;
import io.holdfast.benchmarks.sim.ReceivedRtp;
import io.holdfast.benchmarks.sim.RegionCall;
import io.holdfast.benchmarks.sim.RegionSimulator;
import io.holdfast.benchmarks.sim.RtpRecording;
import io.holdfast.benchmarks.sim.SimulatedCaller;
import io.holdfast.relay.call.HoldfastRelay;
import io.holdfast.relay.config.AdminConfig;
import io.holdfast.relay.config.EscalationConfig;
import io.holdfast.relay.config.EventsConfig;
import io.holdfast.relay.config.FailoverConfig;
import io.holdfast.relay.config.FailoverMode;
import io.holdfast.relay.config.HoldfastConfig;
import io.holdfast.relay.config.LatchPolicy;
import io.holdfast.relay.config.MediaConfig;
import io.holdfast.relay.config.PortRange;
import io.holdfast.relay.config.RegionConfig;
import io.holdfast.relay.config.SipConfig;
import io.holdfast.relay.context.ResumeContext;
import io.holdfast.relay.context.ResumeHandoff;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.events.RouteOutcome;
import io.holdfast.relay.failover.FailoverPrompts;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mid-call failover end to end over loopback: a simulated caller, holdfast, and simulated regions (east
 * primary, west secondary, a third one as the human agents), every one on real sockets. East fails in each
 * of the three ways a region fails mid-call, in cold and in warm mode; the caller's recording must show one
 * stream (one SSRC, contiguous sequence numbers), the hold prompt within a packet interval of the detection,
 * and no silence longer than the media timeout plus a packet interval.
 *
 * <p>The machine is shared (2 cores, other builds running): arrival times are measured at the caller, so
 * every timing bound has {@link #NOISE} added for scheduling delays; the bounds still fail on a missing
 * prompt or a late re-anchoring (both cost hundreds of milliseconds).
 */
@Timeout(60)
class MidCallFailoverIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * Above the default 60 ms: on the shared 2-core machine a simulator's or holdfast's loop now and then stalls
     * for over 100 ms (seen: 120 ms), which is a real media timeout before the test fails east on purpose. The
     * prompt is checked on its own (its first frame within a packet interval of the detection), so the longer
     * timeout does not hide a missing prompt.
     */
    private static final Duration MEDIA_TIMEOUT = Duration.ofMillis(200);
    private static final long PACKET_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Slack for a loaded 2-core machine, added to every timing bound measured at the caller. */
    private static final long NOISE = TimeUnit.MILLISECONDS.toNanos(30);
    private static final FailoverPrompts PROMPTS = FailoverPrompts.shipped();
    private static final ResumeContext CONTEXT = ResumeContext.builder().customerRef("cust-4711")
            .lastIntent("book-table").summary("table for four at eight").build();

    private final ConcurrentLinkedQueue<RouteChangeEvent> events = new ConcurrentLinkedQueue<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private RegionSimulator east;
    private RegionSimulator west;
    private RegionSimulator agents;
    private SimulatedCaller caller;
    private HoldfastRelay relay;

    /** How east fails, and the cause holdfast must name. */
    enum Failure {
        SILENT(CauseTag.MEDIA_TIMEOUT),
        DEAD(CauseTag.MEDIA_UNREACHABLE),
        HANGS_UP(CauseTag.SIP_REMOTE_FAILURE);

        final CauseTag cause;

        Failure(CauseTag cause) {
            this.cause = cause;
        }

        void apply(RegionSimulator region) {
            switch (this) {
                case SILENT -> region.goSilent();
                case DEAD -> region.die();
                case HANGS_UP -> region.byeWithReason(503, "voice stack failed");
            }
        }
    }

    static Stream<Arguments> failures() {
        List<Arguments> cases = new ArrayList<>();
        for (FailoverMode mode : FailoverMode.values()) {
            for (Failure failure : Failure.values()) {
                cases.add(Arguments.of(failure, mode));
            }
        }
        return cases.stream();
    }

    private void start(FailoverMode mode, boolean withAgents) throws Exception {
        east = track(RegionSimulator.start("east", LOOPBACK));
        west = track(RegionSimulator.start("west", LOOPBACK));
        Optional<EscalationConfig> escalation = Optional.empty();
        if (withAgents) {
            agents = track(RegionSimulator.start("agents", LOOPBACK));
            escalation = Optional.of(new EscalationConfig(agents.sipUri()));
        }
        caller = track(SimulatedCaller.start(LOOPBACK));
        SipConfig sip = new SipConfig(new InetSocketAddress(LOOPBACK, 0), SipConfig.DEFAULT_T1, SipConfig.DEFAULT_T2,
                SipConfig.DEFAULT_T4, Duration.ofSeconds(2), SipConfig.DEFAULT_MAX_MESSAGE_BYTES,
                SipConfig.DEFAULT_PASSED_HEADERS);
        HoldfastConfig config = new HoldfastConfig(sip,
                new MediaConfig(LOOPBACK, PortRange.EPHEMERAL, LatchPolicy.SIGNALLED, Duration.ofSeconds(2)),
                List.of(RegionConfig.of("east", east.sipUri(), 1), RegionConfig.of("west", west.sipUri(), 2)),
                new FailoverConfig(mode, MEDIA_TIMEOUT, 2, FailoverConfig.DEFAULT_BUDGET, Optional.empty(),
                        Optional.empty()),
                escalation, AdminConfig.DEFAULT, EventsConfig.DEFAULT, Duration.ofSeconds(5));
        // The relay's own context intake (on by default) takes east's INFO and hands the context to the failover.
        relay = track(HoldfastRelay.builder(config).eventLoops(1).events(events::add).prompts(PROMPTS).start());
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadlineNs = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNs > 0) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }

    private RouteChangeEvent awaitEvent(RouteOutcome outcome) {
        await("a " + outcome + " event (events so far: " + events + ")",
                () -> events.stream().anyMatch(e -> e.outcome() == outcome));
        return events.stream().filter(e -> e.outcome() == outcome).findFirst().orElseThrow();
    }

    /**
     * The caller calls through holdfast, east answers, half a second of east's voice reaches the caller, and
     * east reports the conversation's context by INFO.
     */
    private CallerCall connect() throws Exception {
        CallerCall call = caller.call(relay.sipAddress(Transport.UDP));
        assertThat(call.answerStatus().get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(200);
        await("east's voice at the caller", () -> call.received().count() >= 25);
        RegionCall eastCall = east.lastCall().orElseThrow();
        assertThat(eastCall.sendContext(CONTEXT).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("east's context INFO answered (events: %s)", events).isEqualTo(200);
        assertThat(events).as("no route change before east fails").isEmpty();
        return call;
    }

    private static List<ReceivedRtp> markedAfter(RtpRecording recording, long fromNs) {
        List<ReceivedRtp> marked = new ArrayList<>();
        for (ReceivedRtp packet : recording.packets()) {
            if (packet.arrivalNs() - fromNs >= 0 && packet.marker()) {
                marked.add(packet);
            }
        }
        return marked;
    }

    private static ReceivedRtp lastBefore(RtpRecording recording, ReceivedRtp packet) {
        List<ReceivedRtp> all = recording.packets();
        return all.get(all.indexOf(packet) - 1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("failures")
    void shouldMoveCallToWestOnOneContinuousStreamWhenEastFails(Failure failure, FailoverMode mode) throws Exception {
        start(mode, false);
        CallerCall call = connect();
        if (mode == FailoverMode.WARM) {
            await("west's standby leg", () -> west.lastCall().map(c -> c.state() == RegionCall.State.CONFIRMED)
                    .orElse(false) && west.acksReceived() >= 1);
            assertThat(west.lastCall().orElseThrow().rtpPacketsSent()).isZero();
        }
        if (failure == Failure.HANGS_UP) {
            // The simulator closes its RTP port as it sends the BYE: a caller packet relayed meanwhile would come
            // back as ICMP port unreachable, a detection of its own that on a loaded machine can beat the BYE.
            call.stopMedia();
            long stoppedNs = System.nanoTime();
            await("the caller's last packet relayed", () -> System.nanoTime() - stoppedNs > 3 * PACKET_INTERVAL_NS);
        }
        long failedAtNs = System.nanoTime();

        failure.apply(east);

        RouteChangeEvent moved = awaitEvent(RouteOutcome.REANCHORED);
        call.startMedia();
        int atReanchor = call.received().count();
        await("west's voice at the caller", () -> call.received().count() >= atReanchor + 15);
        RtpRecording heard = call.received();
        assertThat(heard.isContinuous()).as("one SSRC, contiguous sequence numbers: %s", heard).isTrue();
        assertThat(moved.cause()).isEqualTo(failure.cause);
        assertThat(moved.fromRegion()).isEqualTo("east");
        assertThat(moved.toRegion()).isEqualTo("west");
        assertThat(moved.attempt()).isEqualTo(1);
        assertThat(moved.promptStart()).isLessThanOrEqualTo(Duration.ofNanos(PACKET_INTERVAL_NS));
        assertThat(moved.callerHeardGap()).isLessThanOrEqualTo(MEDIA_TIMEOUT.plusNanos(PACKET_INTERVAL_NS + NOISE));
        List<ReceivedRtp> marked = markedAfter(heard, failedAtNs);
        assertThat(marked).as("the prompt's first frame, then west's first packet").hasSizeGreaterThanOrEqualTo(2);
        ReceivedRtp prompt = marked.get(0);
        ReceivedRtp lastOfEast = lastBefore(heard, prompt);
        long promptAfterDetectionNs = prompt.arrivalNs() - lastOfEast.arrivalNs() - moved.detection().toNanos();
        assertThat(promptAfterDetectionNs).as("prompt after detection, ns")
                .isLessThanOrEqualTo(PACKET_INTERVAL_NS + NOISE);
        assertThat(heard.packets().indexOf(marked.get(1)) - heard.packets().indexOf(prompt))
                .as("prompt frames before west's voice").isGreaterThanOrEqualTo(1);
        assertThat(heard.maxGapNs(failedAtNs, System.nanoTime())).as("longest silence the caller heard, ns")
                .isLessThanOrEqualTo(MEDIA_TIMEOUT.toNanos() + PACKET_INTERVAL_NS + NOISE);
        if (mode == FailoverMode.COLD) {
            RegionCall westCall = west.lastCall().orElseThrow();
            assertThat(westCall.inviteHeader(ResumeHandoff.FAILOVER_CAUSE)).isEqualTo(failure.cause.name());
            assertThat(westCall.inviteHeader(ResumeHandoff.RESUME_TOKEN)).hasSize(22);
            assertThat(west.lastReceivedContext()).contains(CONTEXT);
        } else {
            assertThat(west.reOffersReceived()).isEqualTo(1);
            assertThat(moved.reanchor()).isLessThan(Duration.ofMillis(5));
        }
        if (failure == Failure.SILENT) {
            await("east's BYE", () -> east.byesReceived() == 1);
        }

        call.hangUp().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        await("the call's end", () -> relay.liveCalls() == 0);
        await("west's BYE", () -> west.byesReceived() == 1);
    }

    @Test
    void shouldEscalateToAgentsOnTheSameStreamWhenBothRegionsFail() throws Exception {
        start(FailoverMode.COLD, true);
        CallerCall call = connect();
        west.refuseCalls(503);
        long failedAtNs = System.nanoTime();

        east.die();

        RouteChangeEvent escalated = awaitEvent(RouteOutcome.ESCALATED);
        int atEscalation = call.received().count();
        await("the agent's voice at the caller", () -> call.received().count() >= atEscalation + 15);
        RtpRecording heard = call.received();
        assertThat(heard.isContinuous()).as("one SSRC, contiguous sequence numbers: %s", heard).isTrue();
        assertThat(events).extracting(RouteChangeEvent::outcome)
                .containsExactly(RouteOutcome.ATTEMPT_FAILED, RouteOutcome.ESCALATED);
        assertThat(escalated.cause()).isEqualTo(CauseTag.MEDIA_UNREACHABLE);
        assertThat(escalated.escalationReason()).isNotBlank();
        RegionCall human = agents.lastCall().orElseThrow();
        assertThat(human.inviteHeader(ResumeHandoff.ESCALATION_REASON)).startsWith("MEDIA_UNREACHABLE;text=");
        assertThat(agents.lastReceivedContext()).contains(CONTEXT);
        assertThat(heard.maxGapNs(failedAtNs, System.nanoTime())).as("longest silence the caller heard, ns")
                .isLessThanOrEqualTo(MEDIA_TIMEOUT.toNanos() + PACKET_INTERVAL_NS + NOISE);

        call.hangUp().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        await("the call's end", () -> relay.liveCalls() == 0);
    }

    @Test
    void shouldEscalateToAgentsWhenRegionAsksForHumanByInfo() throws Exception {
        start(FailoverMode.COLD, true);
        CallerCall call = connect();
        long askedAtNs = System.nanoTime();

        assertThat(east.lastCall().orElseThrow().requestEscalation("caller asked for a person")
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(200);

        RouteChangeEvent escalated = awaitEvent(RouteOutcome.ESCALATED);
        int atEscalation = call.received().count();
        await("the agent's voice at the caller", () -> call.received().count() >= atEscalation + 15);
        assertThat(escalated.cause()).isEqualTo(CauseTag.INTENT_HUMAN_REQUESTED);
        assertThat(escalated.escalationReason()).as("the region's words go to the agents only")
                .isEqualTo(CauseTag.INTENT_HUMAN_REQUESTED.description());
        assertThat(agents.lastCall().orElseThrow().inviteHeader(ResumeHandoff.ESCALATION_REASON))
                .isEqualTo("INTENT_HUMAN_REQUESTED;text=\"caller asked for a person\"");
        assertThat(agents.lastReceivedContext()).contains(CONTEXT);
        await("east's BYE", () -> east.byesReceived() == 1);
        assertThat(west.invitesReceived()).isZero();
        RtpRecording heard = call.received();
        assertThat(heard.isContinuous()).as("one SSRC, contiguous sequence numbers: %s", heard).isTrue();
        assertThat(markedAfter(heard, askedAtNs)).as("the agent prompt's first frame, then the agent's voice")
                .hasSizeGreaterThanOrEqualTo(2);

        call.hangUp().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        await("the call's end", () -> relay.liveCalls() == 0);
    }

    @Test
    void shouldReleaseCallerAfterThePromptWhenNoOneTakesTheCall() throws Exception {
        start(FailoverMode.COLD, true);
        CallerCall call = connect();
        west.refuseCalls(503);
        agents.refuseCalls(486);

        east.goSilent();

        await("holdfast's BYE at the caller", () -> call.byeReceived().isPresent());
        assertThat(call.byeReceived().orElseThrow().reasons()).containsExactly(new Reason("SIP", 503, "MEDIA_TIMEOUT"));
        RouteChangeEvent released = awaitEvent(RouteOutcome.RELEASED);
        assertThat(released.cause()).isEqualTo(CauseTag.MEDIA_TIMEOUT);
        RtpRecording heard = call.received();
        assertThat(heard.isContinuous()).isTrue();
        List<ReceivedRtp> marked = markedAfter(heard, heard.packets().get(0).arrivalNs() + 1);
        assertThat(marked).as("the hold prompt's first frame, then the agent prompt's").hasSize(2);
        int agentPromptFrames = heard.count() - heard.packets().indexOf(marked.get(1));
        assertThat(agentPromptFrames).as("frames of the agent prompt: one whole pass")
                .isBetween(PROMPTS.agent().frameCount(), PROMPTS.agent().frameCount() + 2);
        await("the call's end", () -> relay.liveCalls() == 0);
    }
}
