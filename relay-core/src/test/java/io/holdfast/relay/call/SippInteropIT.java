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
 * SIPp on both sides of holdfast: the built-in {@code uac} scenario as the caller, through holdfast, to a SIPp
 * region playing {@code deploy/src/test/sipp/uas-region.xml} (which fails any call whose INVITE does not show
 * holdfast's topology hiding). Both sides must report every call successful. A missing {@code sipp} fails
 * the test; the SIPp logs stay under {@code target/sipp/}. Media ports come from a free block below the
 * ephemeral range ({@link FreePortBlock}).
 */
@Timeout(180)
class SippInteropIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Path REGION_SCENARIO = Paths.get("..", "deploy", "src", "test", "sipp", "uas-region.xml");
    private static final int CALLS = 100;
    /** Each call takes two port pairs, quarantined 30 s after it ends: room for every call, with margin. */
    private static final int MEDIA_PORTS = 8 * CALLS;
    private static final Duration SIPP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ConcurrentLinkedQueue<RouteChangeEvent> events = new ConcurrentLinkedQueue<>();
    private HoldfastRelay relay;
    private Sipp.Running region;

    @AfterEach
    void stop() throws Exception {
        if (region != null) {
            region.kill();
        }
        if (relay != null) {
            relay.close();
        }
    }

    private static HoldfastConfig config(int regionPort) {
        SipConfig sip = new SipConfig(new InetSocketAddress(LOOPBACK, 0), SipConfig.DEFAULT_T1, SipConfig.DEFAULT_T2,
                SipConfig.DEFAULT_T4, SipConfig.DEFAULT_INVITE_TIMEOUT, SipConfig.DEFAULT_MAX_MESSAGE_BYTES,
                SipConfig.DEFAULT_PASSED_HEADERS);
        return new HoldfastConfig(sip, new MediaConfig(LOOPBACK, FreePortBlock.of(MEDIA_PORTS), LatchPolicy.SIGNALLED,
                Duration.ofSeconds(2)),
                List.of(RegionConfig.of("east", SipUri.sip("agent", "127.0.0.1", regionPort), 1)),
                new FailoverConfig(FailoverConfig.DEFAULT_MODE, FailoverConfig.MAX_MEDIA_TIMEOUT, 2,
                        FailoverConfig.DEFAULT_BUDGET, Optional.empty(), Optional.empty()),
                Optional.empty(), AdminConfig.DEFAULT, EventsConfig.DEFAULT, Duration.ofSeconds(5));
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

    /** True once something (SIPp) has bound the UDP port. */
    private static boolean bound(int port) {
        try {
            new DatagramSocket(new InetSocketAddress(LOOPBACK, port)).close();
            return false;
        } catch (SocketException inUse) {
            return true;
        }
    }

    @Test
    void shouldCompleteEveryCallWhenSippCallsThroughHoldfastToASippRegion() throws Exception {
        Sipp.executable();
        assertThat(Files.isReadable(REGION_SCENARIO)).as(REGION_SCENARIO.toAbsolutePath().toString()).isTrue();
        int regionPort = Sipp.freeUdpAndTcpPort();
        region = Sipp.start("region-uas", regionPort, new ArrayList<>(List.of("-sf",
                REGION_SCENARIO.toAbsolutePath().normalize().toString(), "-t", "u1", "-m", Integer.toString(CALLS),
                "-rtp_echo")), SIPP_TIMEOUT);
        await("the SIPp region to bind 127.0.0.1:" + regionPort, () -> bound(regionPort));
        relay = HoldfastRelay.builder(config(regionPort)).eventLoops(2).events(events::add).start();

        Sipp.Result caller = Sipp.run("caller-uac", new ArrayList<>(List.of("-sn", "uac", "-t", "u1",
                "-m", Integer.toString(CALLS), "-r", "20", "-rtp_echo", "-recv_timeout", "10000",
                "127.0.0.1:" + relay.sipAddress(Transport.UDP).getPort())), SIPP_TIMEOUT);
        Sipp.Result regionResult = region.await();

        assertThat(caller.exitCode()).as(caller.describe()).isZero();
        assertThat(caller.successfulCalls()).as(caller.describe()).isEqualTo(CALLS);
        assertThat(caller.failedCalls()).as(caller.describe()).isZero();
        assertThat(regionResult.exitCode()).as(regionResult.describe()).isZero();
        assertThat(regionResult.successfulCalls()).as(regionResult.describe()).isEqualTo(CALLS);
        assertThat(regionResult.failedCalls()).as(regionResult.describe()).isZero();
        await("every call to end in holdfast", () -> relay.liveCalls() == 0);
        assertThat(events).hasSize(CALLS).extracting(RouteChangeEvent::cause).containsOnly(CauseTag.CALLER_HANGUP);
        assertThat(relay.counter(CallCounter.CALLS_ANSWERED)).isEqualTo(CALLS);
        assertThat(relay.counter(CallCounter.ILLEGAL_EVENTS)).isZero();
        assertThat(relay.sipStack().errorCount()).isZero();
    }
}
