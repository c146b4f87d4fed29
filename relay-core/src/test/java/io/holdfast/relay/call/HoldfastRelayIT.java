package io.holdfast.relay.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.relay.config.AdminConfig;
import io.holdfast.relay.config.EventsConfig;
import io.holdfast.relay.config.FailoverConfig;
import io.holdfast.relay.config.FailoverMode;
import io.holdfast.relay.config.HoldfastConfig;
import io.holdfast.relay.config.LatchPolicy;
import io.holdfast.relay.config.MediaConfig;
import io.holdfast.relay.config.PortRange;
import io.holdfast.relay.config.RegionConfig;
import io.holdfast.relay.config.SipConfig;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.events.RouteOutcome;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMessageWriter;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.sdp.Direction;
import io.holdfast.sip.sdp.SessionDescription;
import io.holdfast.sip.transport.IoMode;
import io.holdfast.sip.transport.Transport;
import io.netty.channel.epoll.Epoll;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.params.provider.MethodSource;

/**
 * holdfast between a caller and two regions, every one a real SIP stack over loopback with a plain UDP socket
 * for RTP, port 0 everywhere: set-up and tear-down both ways, RTP through the anchored ports, topology
 * hiding, CANCEL, initial-call failover on 503 and on timeout, OPTIONS, and 503 while draining.
 */
@Timeout(60)
class HoldfastRelayIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ConcurrentLinkedQueue<RouteChangeEvent> events = new ConcurrentLinkedQueue<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private TestPhone caller;
    private TestPhone east;
    private TestPhone west;
    private HoldfastRelay relay;

    static Stream<IoMode> ioModes() {
        return Epoll.isAvailable() ? Stream.of(IoMode.EPOLL, IoMode.NIO) : Stream.of(IoMode.NIO);
    }

    private void start(IoMode mode, Duration inviteTimeout, PortRange ports) throws Exception {
        start(mode, inviteTimeout, ports, 2);
    }

    private void start(IoMode mode, Duration inviteTimeout, PortRange ports, int loops) throws Exception {
        caller = track(TestPhone.start("caller"));
        east = track(TestPhone.start("east"));
        west = track(TestPhone.start("west"));
        SipConfig sip = new SipConfig(new InetSocketAddress(LOOPBACK, 0), SipConfig.DEFAULT_T1, SipConfig.DEFAULT_T2,
                SipConfig.DEFAULT_T4, inviteTimeout, SipConfig.DEFAULT_MAX_MESSAGE_BYTES, SipConfig.DEFAULT_PASSED_HEADERS);
        HoldfastConfig config = new HoldfastConfig(sip,
                new MediaConfig(LOOPBACK, ports, LatchPolicy.SIGNALLED, Duration.ofSeconds(2)),
                List.of(RegionConfig.of("east", SipUri.sip("agent", "127.0.0.1", east.sipAddress().getPort()), 1),
                        RegionConfig.of("west", SipUri.sip("agent", "127.0.0.1", west.sipAddress().getPort()), 2)),
                new FailoverConfig(FailoverMode.COLD, FailoverConfig.MAX_MEDIA_TIMEOUT, 2, FailoverConfig.DEFAULT_BUDGET,
                        Optional.empty(), Optional.empty()),
                Optional.empty(), AdminConfig.DEFAULT, EventsConfig.DEFAULT, Duration.ofSeconds(5));
        relay = track(HoldfastRelay.builder(config).eventLoops(loops).ioMode(mode).events(events::add).start());
    }

    private void start() throws Exception {
        start(IoMode.AUTO, Duration.ofSeconds(2), PortRange.EPHEMERAL);
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

    private InetSocketAddress holdfast() {
        return relay.sipAddress(Transport.UDP);
    }

    private static String wire(SipMessage message) {
        return new String(SipMessageWriter.toByteArray(message), StandardCharsets.UTF_8);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadlineNs = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNs > 0) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    private List<RouteOutcome> outcomes() {
        List<RouteOutcome> outcomes = new ArrayList<>();
        for (RouteChangeEvent event : events) {
            outcomes.add(event.outcome());
        }
        return outcomes;
    }

    /** Caller calls, east answers; returns the caller's 200 and east's INVITE. */
    private SipResponse connect() throws Exception {
        caller.call(holdfast(), "+15550100");
        SipResponse ok = caller.awaitResponse(200);
        east.awaitRequest(SipMethod.ACK);
        return ok;
    }

    @ParameterizedTest
    @MethodSource("ioModes")
    void shouldRelayCallAndRtpBothWaysWhenCallerHangsUp(IoMode mode) throws Exception {
        start(mode, Duration.ofSeconds(2), PortRange.EPHEMERAL);

        caller.call(holdfast(), "+15550100");
        SipRequest regionInvite = east.awaitRequest(SipMethod.INVITE);
        SipResponse ringing = caller.awaitResponse(180);
        SipResponse ok = caller.awaitResponse(200);
        east.awaitRequest(SipMethod.ACK);

        SipRequest callerInvite = caller.sentInvite();
        String toRegion = wire(regionInvite);
        assertThat(regionInvite.callId()).isNotEqualTo(callerInvite.callId());
        assertThat(regionInvite.from().tag()).isNotEqualTo(callerInvite.from().tag());
        assertThat(regionInvite.vias()).hasSize(1);
        assertThat(regionInvite.header("P-Asserted-Identity")).isEqualTo("<sip:+15551234567@127.0.0.1>");
        assertThat(regionInvite.header("X-Caller-Private")).isNull();
        assertThat(toRegion).doesNotContain(callerInvite.callId()).doesNotContain(":" + caller.sipAddress().getPort())
                .doesNotContain(Integer.toString(caller.rtpPort()));
        SessionDescription offer = TestPhone.sdpOf(regionInvite);
        assertThat(offer.origin().username()).isEqualTo("holdfast");
        assertThat(offer.audio().payloadTypes()).containsExactly(0, 101);
        String toCaller = wire(ok) + wire(ringing);
        assertThat(ok.callId()).isEqualTo(callerInvite.callId());
        assertThat(ok.contacts().get(0).uri().port()).isEqualTo(holdfast().getPort());
        assertThat(ok.recordRoutes()).isEmpty();
        assertThat(toCaller).doesNotContain(regionInvite.callId()).doesNotContain(":" + east.sipAddress().getPort())
                .doesNotContain(Integer.toString(east.rtpPort())).doesNotContain("east");
        SessionDescription answer = TestPhone.sdpOf(ok);
        assertThat(answer.origin().username()).isEqualTo("holdfast");

        InetSocketAddress callerFacing = new InetSocketAddress(LOOPBACK, answer.audio().port());
        InetSocketAddress upstreamFacing = new InetSocketAddress(LOOPBACK, offer.audio().port());
        DatagramPacket atRegion = caller.sendUntilReceived(callerFacing, (byte) 0x55, east);
        assertThat(atRegion.getData()[20]).isEqualTo((byte) 0x55);
        assertThat(atRegion.getPort()).isEqualTo(upstreamFacing.getPort());
        DatagramPacket atCaller = east.sendUntilReceived(upstreamFacing, (byte) 0x77, caller);
        assertThat(atCaller.getData()[20]).isEqualTo((byte) 0x77);
        assertThat(atCaller.getPort()).isEqualTo(callerFacing.getPort());

        caller.bye(null);
        caller.awaitResponse(200);
        SipRequest bye = east.awaitRequest(SipMethod.BYE);
        assertThat(bye.callId()).isEqualTo(regionInvite.callId());
        await("the call to end", () -> relay.liveCalls() == 0);
        assertThat(events).extracting(RouteChangeEvent::cause).containsExactly(CauseTag.CALLER_HANGUP);
        assertThat(events).extracting(RouteChangeEvent::fromRegion).containsExactly("east");
        assertThat(relay.counter(CallCounter.CALLS_ENDED)).isEqualTo(1);
        assertThat(relay.sipStack().errorCount()).isZero();
    }

    @Test
    void shouldRelayReinviteWithAnchoredSdpBothWays() throws Exception {
        start();
        SipResponse ok = connect();
        int callerFacing = TestPhone.sdpOf(ok).audio().port();

        caller.reinvite("sendonly");

        SipRequest relayed = east.awaitRequest(SipMethod.INVITE);
        SessionDescription offer = TestPhone.sdpOf(relayed);
        assertThat(offer.direction(offer.audio())).isEqualTo(Direction.SENDONLY);
        assertThat(offer.origin().username()).isEqualTo("holdfast");
        assertThat(relayed.bodyAsString()).doesNotContain(Integer.toString(caller.rtpPort()));
        SipResponse reinviteOk = caller.awaitResponse(200);
        SessionDescription answer = TestPhone.sdpOf(reinviteOk);
        assertThat(answer.direction(answer.audio())).isEqualTo(Direction.RECVONLY);
        assertThat(answer.audio().port()).isEqualTo(callerFacing);
        assertThat(reinviteOk.bodyAsString()).doesNotContain(Integer.toString(east.rtpPort()));
        SipRequest ack = east.awaitRequest(SipMethod.ACK);
        assertThat(ack.cseq().sequence()).isEqualTo(relayed.cseq().sequence());
        assertThat(relay.counter(CallCounter.REQUESTS_RELAYED)).isEqualTo(1);
    }

    @Test
    void shouldRelayCallWhenCallerUsesTcp() throws Exception {
        start();

        caller.call(relay.sipAddress(Transport.TCP), "+15550100", Transport.TCP);

        SipResponse ok = caller.awaitResponse(200);
        assertThat(ok.contacts().get(0).uri().transport()).isEqualTo("tcp");
        east.awaitRequest(SipMethod.ACK);
        east.bye(null);
        SipRequest bye = caller.awaitRequest(SipMethod.BYE);
        assertThat(bye.topVia().transport()).isEqualTo("TCP");
        await("the call to end", () -> relay.liveCalls() == 0);
        assertThat(relay.sipStack().errorCount()).isZero();
    }

    @Test
    void shouldEndCallerLegWhenRegionHangsUp() throws Exception {
        start();
        connect();

        east.bye(null);

        east.awaitResponse(200);
        SipRequest bye = caller.awaitRequest(SipMethod.BYE);
        assertThat(bye.callId()).isEqualTo(caller.sentInvite().callId());
        await("the call to end", () -> relay.liveCalls() == 0);
        assertThat(events).extracting(RouteChangeEvent::cause).containsExactly(CauseTag.NORMAL_CLEARING);
    }

    @Test
    void shouldMoveCallToNextRegionWhenRegionHangsUpWithFailure() throws Exception {
        start();
        connect();

        east.bye(new Reason("SIP", 500, "agent crashed"));

        SipRequest invite = west.awaitRequest(SipMethod.INVITE);
        assertThat(invite.header("X-Holdfast-Failover-Cause")).isEqualTo("SIP_REMOTE_FAILURE");
        west.awaitRequest(SipMethod.ACK);
        await("the re-anchoring", () -> outcomes().contains(RouteOutcome.REANCHORED));
        assertThat(caller.requests).noneMatch(r -> r.method() == SipMethod.BYE);
        caller.bye(null);
        west.awaitRequest(SipMethod.BYE);
        await("the call to end", () -> relay.liveCalls() == 0);
    }

    @Test
    void shouldCancelRegionWhenCallerCancels() throws Exception {
        start();
        east.answer(TestPhone.Answer.RING);
        caller.call(holdfast(), "+15550100");
        caller.awaitResponse(180);

        caller.cancel();

        caller.awaitResponse(487);
        SipRequest cancel = east.cancels.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(cancel).isNotNull();
        await("the call to end", () -> relay.liveCalls() == 0);
        assertThat(events).extracting(RouteChangeEvent::cause).containsExactly(CauseTag.CALLER_CANCEL);
        assertThat(west.requests).isEmpty();
    }

    @Test
    void shouldFailOverToNextRegionWhenFirstAnswers503() throws Exception {
        start();
        east.answer(TestPhone.Answer.REFUSE_503);

        caller.call(holdfast(), "+15550100");

        caller.awaitResponse(200);
        east.awaitRequest(SipMethod.INVITE);
        west.awaitRequest(SipMethod.INVITE);
        west.awaitRequest(SipMethod.ACK);
        assertThat(outcomes()).containsExactly(RouteOutcome.ATTEMPT_FAILED, RouteOutcome.ROUTED);
        assertThat(events).extracting(RouteChangeEvent::cause).containsOnly(CauseTag.SIP_5XX);
        caller.bye(null);
        west.awaitRequest(SipMethod.BYE);
    }

    @Test
    void shouldFailOverToNextRegionWhenFirstDoesNotAnswerInTime() throws Exception {
        start(IoMode.AUTO, Duration.ofMillis(400), PortRange.EPHEMERAL);
        east.answer(TestPhone.Answer.SILENT);

        caller.call(holdfast(), "+15550100");

        caller.awaitResponse(200);
        west.awaitRequest(SipMethod.ACK);
        SipRequest cancel = east.cancels.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(cancel).as("CANCEL of the abandoned INVITE").isNotNull();
        assertThat(outcomes()).containsExactly(RouteOutcome.ATTEMPT_FAILED, RouteOutcome.ROUTED);
        assertThat(events).extracting(RouteChangeEvent::cause).containsOnly(CauseTag.SIP_TIMEOUT);
    }

    @Test
    void shouldRefuseWith503AndReasonWhenEveryRegionRefuses() throws Exception {
        start();
        east.answer(TestPhone.Answer.REFUSE_503);
        west.answer(TestPhone.Answer.REFUSE_503);

        caller.call(holdfast(), "+15550100");

        SipResponse refusal = caller.awaitResponse(503);
        assertThat(refusal.reasons()).containsExactly(new Reason("SIP", 503, "SIP_5XX"));
        await("the call to end", () -> relay.liveCalls() == 0);
        assertThat(outcomes()).containsExactly(RouteOutcome.ATTEMPT_FAILED, RouteOutcome.ATTEMPT_FAILED,
                RouteOutcome.RELEASED);
    }

    @Test
    void shouldAnswerOptionsWithAllowAndAccept() throws Exception {
        start();

        caller.options(holdfast());

        SipResponse ok = caller.awaitResponse(200);
        assertThat(ok.allow()).contains("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "INFO", "UPDATE");
        assertThat(ok.header("Accept")).isEqualTo("application/sdp");
    }

    @Test
    void shouldRefuseNewCallsWith503WhileDrainingAndLetCallsInProgressFinish() throws Exception {
        start();
        connect();
        TestPhone late = track(TestPhone.start("late"));

        relay.drain();
        late.call(holdfast(), "+15550100");

        SipResponse refusal = late.awaitResponse(503);
        assertThat(refusal.header("Retry-After")).isEqualTo("30");
        assertThat(relay.awaitIdle(Duration.ofMillis(50))).isFalse();
        caller.bye(null);
        assertThat(relay.awaitIdle(WAIT)).isTrue();
        assertThat(relay.counter(CallCounter.INVITES_REFUSED_DRAINING)).isEqualTo(1);
    }

    @Test
    void shouldEndCallsInProgressWhenDrainTimesOut() throws Exception {
        start();
        connect();

        relay.drain();
        relay.endAllCalls(CauseTag.DRAIN_TIMEOUT);

        SipRequest callerBye = caller.awaitRequest(SipMethod.BYE);
        SipRequest regionBye = east.awaitRequest(SipMethod.BYE);
        assertThat(callerBye.reasons()).containsExactly(new Reason("SIP", 503, "DRAIN_TIMEOUT"));
        assertThat(regionBye.reasons()).containsExactly(new Reason("SIP", 503, "DRAIN_TIMEOUT"));
        assertThat(relay.awaitIdle(WAIT)).isTrue();
    }

    @Test
    void shouldRefuseWith503WhenMediaPortsAreExhausted() throws Exception {
        start(IoMode.AUTO, Duration.ofSeconds(2), freeFourPorts(), 1);
        connect();
        TestPhone second = track(TestPhone.start("second"));

        second.call(holdfast(), "+15550100");

        SipResponse refusal = second.awaitResponse(503);
        assertThat(refusal.reasons()).extracting(Reason::text).containsExactly("no media port is free");
        assertThat(relay.counter(CallCounter.MEDIA_OPEN_FAILURES)).isEqualTo(1);
        await("the refused call to end", () -> relay.liveCalls() == 1);
    }

    /** Four consecutive ports, starting even, free at the time of the call. */
    private static PortRange freeFourPorts() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                first = probe.getLocalPort() & ~1;
            }
            if (first < PortRange.MIN_PORT || first + 3 > PortRange.MAX_PORT) {
                continue;
            }
            List<DatagramSocket> held = new ArrayList<>();
            try {
                for (int port = first; port < first + 4; port++) {
                    held.add(new DatagramSocket(new InetSocketAddress(LOOPBACK, port)));
                }
                return new PortRange(first, first + 3);
            } catch (SocketException busy) {
                continue;
            } finally {
                for (DatagramSocket socket : held) {
                    socket.close();
                }
            }
        }
        throw new AssertionError("no four free consecutive UDP ports");
    }
}
