package io.holdfast.relay.cli;

import io.holdfast.relay.call.HoldfastRelay;
import io.holdfast.relay.config.HoldfastConfig;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.events.RouteChangeWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * One run of holdfast, from start to a clean stop: the route-change writer and the relay started from a
 * configuration, then, once a stop is requested (SIGTERM or SIGINT in {@link RunCommand}, a test directly),
 * the drain: new INVITEs are refused with 503 and Retry-After, calls in progress may finish within
 * {@code drain-timeout}, the rest are ended (BYE on both legs with a Reason), then the relay and the event
 * log close. {@link #requestStop()} is safe on any thread; the rest runs on the thread that started it.
 */
final class RelayRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RelayRunner.class);
    /** How long the calls ended at the drain timeout get to send their BYEs. */
    private static final Duration ENDING_WAIT = Duration.ofSeconds(2);

    private final HoldfastConfig config;
    private final RouteChangeWriter events;
    private final HoldfastRelay relay;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    private RelayRunner(HoldfastConfig config, RouteChangeWriter events, HoldfastRelay relay) {
        this.config = config;
        this.events = events;
        this.relay = relay;
    }

    /**
     * Opens the event log and starts the relay.
     *
     * @throws IOException when the events file cannot be opened
     * @throws UnknownHostException when a region's host does not resolve
     * @throws IllegalStateException when a socket cannot be bound or a region cannot be used
     */
    static RelayRunner start(HoldfastConfig config, HoldfastRelay.Builder builder)
            throws IOException, InterruptedException {
        RouteChangeWriter events = RouteChangeWriter.start(config.events());
        try {
            HoldfastRelay relay = builder.events(events).start();
            LOG.info("holdfast started: {}", config.summary());
            return new RelayRunner(config, events, relay);
        } catch (IOException | InterruptedException | RuntimeException e) {
            events.close();
            throw e;
        }
    }

    HoldfastRelay relay() {
        return relay;
    }

    /** Asks the run to stop; {@link #awaitStopped()} returns once it has. Any thread. */
    void requestStop() {
        stopRequested.countDown();
    }

    /** Waits until the run has stopped (after {@link #runUntilStopped()}). Any thread. */
    void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Serves calls until a stop is requested, then drains and stops. */
    void runUntilStopped() throws InterruptedException {
        try {
            stopRequested.await();
            drainAndStop();
        } finally {
            stopped.countDown();
        }
    }

    private void drainAndStop() throws InterruptedException {
        Duration drainTimeout = config.drainTimeout();
        LOG.info("stopping: draining, new calls get 503, {} calls in progress have {} ms to finish", relay.liveCalls(),
                drainTimeout.toMillis());
        relay.drain();
        if (!relay.awaitIdle(drainTimeout)) {
            LOG.warn("{} calls outlived drain-timeout ({} ms); ending them", relay.liveCalls(), drainTimeout.toMillis());
            relay.endAllCalls(CauseTag.DRAIN_TIMEOUT);
            if (!relay.awaitIdle(ENDING_WAIT)) {
                LOG.warn("{} calls did not end within {} ms; closing anyway", relay.liveCalls(), ENDING_WAIT.toMillis());
            }
        }
        relay.close();
        events.close();
        LOG.info("holdfast stopped");
    }
}
