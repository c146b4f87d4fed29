package io.holdfast.relay.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.relay.config.AdminConfig;
import io.holdfast.relay.config.EventsConfig;
import io.holdfast.relay.config.FailoverConfig;
import io.holdfast.relay.config.HoldfastConfig;
import io.holdfast.relay.config.LatchPolicy;
import io.holdfast.relay.config.MediaConfig;
import io.holdfast.relay.config.RegionConfig;
import io.holdfast.relay.config.SipConfig;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.events.RouteOutcome;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transport.Sipp;
import io.holdfast.sip.transport.Transport;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A SIPp region killed mid-call: the calls continue on the second SIPp region. SIPp callers
 * ({@code deploy/src/test/sipp/uac-caller-pcap.xml}: a PCMA offer, then SIPp's A-law recording played for the whole
 * call) call through holdfast to SIPp region east ({@code uas-region-pcma.xml} with {@code -rtp_echo}, so it sends
 * RTP back); once every call is answered, east's SIPp process is killed (its SIP and RTP ports close at once). Every
 * call must go on to SIPp region west (same scenario), which counts them, and end with the callers' BYEs: the callers
 * count no failed call and holdfast reports each call re-anchored from east to west. A missing {@code sipp} fails the
 * test; the SIPp logs stay under {@code target/sipp/}.
 */
@Timeout(120)
class SippFailoverIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Path SIPP_DIR = Paths.get("..", "deploy", "src", "test", "sipp");
    private static final Path CALLER_SCENARIO = SIPP_DIR.resolve("uac-caller-pcap.xml");
    private static final Path REGION_SCENARIO = SIPP_DIR.resolve("uas-region-pcma.xml");
    private static final Path CALLER_AUDIO = Paths.get("/usr/share/sip-tester/g711a.pcap");
    private static final int CALLS = 10;
    private static final int MEDIA_PORTS = 8 * CALLS;
    private static final Duration SIPP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(15);
    /**
     * SIPp's echo on a busy shared machine (2 cores, other builds) pauses for more than the default 60 ms now and then,
     * which is a real MEDIA_TIMEOUT for holdfast and moves the call again; this test is about the killed region.
     */
    private static final Duration MEDIA_TIMEOUT = Duration.ofMillis(250);

    private final ConcurrentLinkedQueue<RouteChangeEvent> events = new ConcurrentLinkedQueue<>();
    private HoldfastRelay relay;
    private Sipp.Running east;
    private Sipp.Running west;

    @AfterEach
    void stop() throws Exception {
        for (Sipp.Running region : new Sipp.Running[] {east, west}) {
            if (region != null) {
                region.kill();
            }
        }
        if (relay != null) {
            relay.close();
        }
    }

    private static HoldfastConfig config(int eastPort, int westPort) {
        SipConfig sip = new SipConfig(new InetSocketAddress(LOOPBACK, 0), SipConfig.DEFAULT_T1, SipConfig.DEFAULT_T2,
                SipConfig.DEFAULT_T4, SipConfig.DEFAULT_INVITE_TIMEOUT, SipConfig.DEFAULT_MAX_MESSAGE_BYTES,
                SipConfig.DEFAULT_PASSED_HEADERS);
        return new HoldfastConfig(sip, new MediaConfig(LOOPBACK, FreePortBlock.of(MEDIA_PORTS), LatchPolicy.SIGNALLED,
                Duration.ofSeconds(2)),
                List.of(RegionConfig.of("east", SipUri.sip("agent", "127.0.0.1", eastPort), 1),
                        RegionConfig.of("west", SipUri.sip("agent", "127.0.0.1", westPort), 2)),
                new FailoverConfig(FailoverConfig.DEFAULT_MODE, MEDIA_TIMEOUT, FailoverConfig.DEFAULT_MAX_ATTEMPTS,
                        FailoverConfig.DEFAULT_BUDGET, Optional.empty(), Optional.empty()),
                Optional.empty(), AdminConfig.DEFAULT, EventsConfig.DEFAULT,
                Duration.ofSeconds(5));
    }

    /** holdfast as {@code holdfast run} starts it, its events kept here. */
    private HoldfastRelay startRelay(HoldfastConfig config) throws Exception {
        return HoldfastRelay.builder(config).eventLoops(2).events(events::add).start();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadlineNs = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNs > 0) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
            }
            LockSupport.parkNanos(10_000_000);
        }
    }

    private static boolean bound(int port) {
        try {
            new DatagramSocket(new InetSocketAddress(LOOPBACK, port)).close();
            return false;
        } catch (SocketException inUse) {
            return true;
        }
    }

    private static Sipp.Running region(String name, int port) throws Exception {
        Sipp.Running region = Sipp.start(name, port, new ArrayList<>(List.of("-sf",
                REGION_SCENARIO.toAbsolutePath().normalize().toString(), "-t", "u1", "-m", Integer.toString(CALLS),
                "-rtp_echo")), SIPP_TIMEOUT);
        await("the SIPp region " + name + " to bind 127.0.0.1:" + port, () -> bound(port));
        return region;
    }

    @Test
    void shouldContinueEveryCallOnTheSecondSippRegionWhenTheFirstIsKilledMidCall() throws Exception {
        Sipp.executable();
        assertThat(Files.isReadable(CALLER_SCENARIO)).as(CALLER_SCENARIO.toAbsolutePath().toString()).isTrue();
        assertThat(Files.isReadable(REGION_SCENARIO)).as(REGION_SCENARIO.toAbsolutePath().toString()).isTrue();
        assertThat(Files.isReadable(CALLER_AUDIO)).as(CALLER_AUDIO + " (Debian package sip-tester)").isTrue();
        int eastPort = Sipp.freeUdpAndTcpPort();
        int westPort = Sipp.freeUdpAndTcpPort();
        east = region("region-east-uas", eastPort);
        west = region("region-west-uas", westPort);
        relay = startRelay(config(eastPort, westPort));

        Sipp.Running callers = Sipp.start("callers-uac", Sipp.freeUdpAndTcpPort(), new ArrayList<>(List.of(
                "-sf", CALLER_SCENARIO.toAbsolutePath().normalize().toString(), "-t", "u1",
                "-m", Integer.toString(CALLS), "-r", "10", "-l", Integer.toString(CALLS), "-recv_timeout", "10000",
                "127.0.0.1:" + relay.sipAddress(Transport.UDP).getPort())), SIPP_TIMEOUT);
        try {
            await("every call answered by east", () -> relay.counter(CallCounter.CALLS_ANSWERED) == CALLS);
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            east.kill();

            Sipp.Result callerResult = callers.await();
            assertThat(callerResult.exitCode()).as(callerResult.describe() + events).isZero();
            assertThat(callerResult.successfulCalls()).as(callerResult.describe()).isEqualTo(CALLS);
            assertThat(callerResult.failedCalls()).as(callerResult.describe()).isZero();
            Sipp.Result westResult = west.await();
            assertThat(westResult.exitCode()).as(westResult.describe()).isZero();
            assertThat(westResult.successfulCalls()).as(westResult.describe()).isEqualTo(CALLS);
            assertThat(westResult.failedCalls()).as(westResult.describe()).isZero();
            await("every call to end in holdfast", () -> relay.liveCalls() == 0);
            List<RouteChangeEvent> moves = events.stream().filter(e -> e.outcome() != RouteOutcome.ENDED).toList();
            assertThat(moves).as(events.toString()).hasSize(CALLS).allSatisfy(event -> {
                assertThat(event.outcome()).isEqualTo(RouteOutcome.REANCHORED);
                assertThat(event.fromRegion()).isEqualTo("east");
                assertThat(event.toRegion()).isEqualTo("west");
                assertThat(event.cause()).isIn(CauseTag.MEDIA_UNREACHABLE, CauseTag.MEDIA_TIMEOUT,
                        CauseTag.SIP_TIMEOUT);
            });
            assertThat(events).filteredOn(e -> e.outcome() == RouteOutcome.ENDED).hasSize(CALLS)
                    .allSatisfy(event -> assertThat(event.cause()).isEqualTo(CauseTag.CALLER_HANGUP));
            assertThat(relay.counter(CallCounter.ILLEGAL_EVENTS)).isZero();
        } finally {
            callers.kill();
        }
    }
}
