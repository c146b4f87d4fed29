package io.holdfast.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.relay.call.HoldfastRelay;
import io.holdfast.relay.call.TestPhone;
import io.holdfast.relay.config.AdminConfig;
import io.holdfast.relay.config.EventsConfig;
import io.holdfast.relay.config.FailoverConfig;
import io.holdfast.relay.config.HoldfastConfig;
import io.holdfast.relay.config.LatchPolicy;
import io.holdfast.relay.config.MediaConfig;
import io.holdfast.relay.config.PortRange;
import io.holdfast.relay.config.RegionConfig;
import io.holdfast.relay.config.SipConfig;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A run of holdfast stopped as SIGTERM stops it: drain, calls finish or are ended, event log closed. */
@Timeout(60)
class RelayRunnerIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    private final ExecutorService main = Executors.newSingleThreadExecutor();
    private TestPhone caller;
    private TestPhone region;
    private TestPhone late;
    private RelayRunner runner;
    private Future<?> running;

    private void start(Duration drainTimeout) throws Exception {
        caller = TestPhone.start("caller");
        region = TestPhone.start("east");
        late = TestPhone.start("late");
        SipConfig sip = new SipConfig(new InetSocketAddress(LOOPBACK, 0), SipConfig.DEFAULT_T1, SipConfig.DEFAULT_T2,
                SipConfig.DEFAULT_T4, SipConfig.DEFAULT_INVITE_TIMEOUT, SipConfig.DEFAULT_MAX_MESSAGE_BYTES,
                SipConfig.DEFAULT_PASSED_HEADERS);
        HoldfastConfig config = new HoldfastConfig(sip,
                new MediaConfig(LOOPBACK, PortRange.EPHEMERAL, LatchPolicy.SIGNALLED, Duration.ofSeconds(2)),
                List.of(RegionConfig.of("east", SipUri.sip("agent", "127.0.0.1", region.sipAddress().getPort()), 1)),
                new FailoverConfig(FailoverConfig.DEFAULT_MODE, FailoverConfig.MAX_MEDIA_TIMEOUT, 2,
                        FailoverConfig.DEFAULT_BUDGET, Optional.empty(), Optional.empty()),
                Optional.empty(), AdminConfig.DEFAULT, new EventsConfig(dir.resolve("events.jsonl"), 64), drainTimeout);
        runner = RelayRunner.start(config, HoldfastRelay.builder(config).eventLoops(2));
        running = main.submit(() -> {
            runner.runUntilStopped();
            return null;
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (runner != null) {
            runner.requestStop();
            running.get(30, TimeUnit.SECONDS);
        }
        main.shutdownNow();
        for (TestPhone phone : new TestPhone[] {caller, region, late}) {
            if (phone != null) {
                phone.close();
            }
        }
    }

    private InetSocketAddress holdfast() {
        return runner.relay().sipAddress(Transport.UDP);
    }

    /** The stop request is taken by the runner's thread: new calls are refused from then on. */
    private void awaitDraining() {
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!runner.relay().isDraining()) {
            if (System.nanoTime() - deadlineNs > 0) {
                throw new AssertionError("the runner never started draining");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private List<String> eventLines() throws Exception {
        return Files.readAllLines(dir.resolve("events.jsonl"), StandardCharsets.UTF_8);
    }

    @Test
    void shouldRefuseNewCallsAndLetTheCallInProgressFinishWhenStopped() throws Exception {
        start(Duration.ofSeconds(20));
        caller.call(holdfast(), "+15550100");
        caller.awaitResponse(200);
        region.awaitRequest(SipMethod.ACK);

        runner.requestStop();
        awaitDraining();
        late.call(holdfast(), "+15550100");

        SipResponse refused = late.awaitResponse(503);
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(running.isDone()).isFalse();
        caller.bye(null);
        caller.awaitResponse(200);
        region.awaitRequest(SipMethod.BYE);
        running.get(10, TimeUnit.SECONDS);
        assertThat(eventLines()).singleElement().asString().contains("\"CALLER_HANGUP\"");
        runner = null;
    }

    @Test
    void shouldEndCallsWithDrainTimeoutReasonWhenTheyOutliveTheDrain() throws Exception {
        start(Duration.ofMillis(300));
        caller.call(holdfast(), "+15550100");
        caller.awaitResponse(200);
        region.awaitRequest(SipMethod.ACK);

        runner.requestStop();

        SipRequest callerBye = caller.awaitRequest(SipMethod.BYE);
        SipRequest regionBye = region.awaitRequest(SipMethod.BYE);
        assertThat(callerBye.reasons()).containsExactly(new Reason("SIP", 503, "DRAIN_TIMEOUT"));
        assertThat(regionBye.reasons()).containsExactly(new Reason("SIP", 503, "DRAIN_TIMEOUT"));
        running.get(10, TimeUnit.SECONDS);
        assertThat(eventLines()).singleElement().asString().contains("\"DRAIN_TIMEOUT\"");
        runner = null;
    }
}
