package io.holdfast.relay.events;

import io.holdfast.relay.time.ManualNanoClock;
import java.time.Duration;

/** Events for tests, stamped by a manual clock. */
final class TestEvents {
    static final CallIdHasher HASHER = new CallIdHasher(new byte[CallIdHasher.KEY_BYTES]);

    private TestEvents() {
    }

    /** A cold mid-call failover east to west on MEDIA_TIMEOUT, measured on the clock as it would be. */
    static RouteChangeEvent mediaTimeoutFailover(ManualNanoClock clock, String callId) {
        long lastPacketNs = clock.nanoTime();
        clock.advance(Duration.ofMillis(61));
        long detectedNs = clock.nanoTime();
        clock.advance(Duration.ofMillis(4));
        long promptNs = clock.nanoTime();
        clock.advance(Duration.ofMillis(180));
        long reanchoredNs = clock.nanoTime();
        return RouteChangeEvent.builder(clock.epochMillis(), HASHER.hash(callId), CauseTag.MEDIA_TIMEOUT,
                        RouteOutcome.REANCHORED)
                .from("east").to("west")
                .detectionNs(detectedNs - lastPacketNs)
                .promptStartNs(promptNs - detectedNs)
                .reanchorNs(reanchoredNs - detectedNs)
                .callerHeardGapNs(promptNs - lastPacketNs)
                .attempt(1)
                .build();
    }

    static RouteChangeEvent callEnd(ManualNanoClock clock, String callId, String region) {
        return RouteChangeEvent.builder(clock.epochMillis(), HASHER.hash(callId), CauseTag.CALLER_HANGUP, RouteOutcome.ENDED)
                .from(region)
                .build();
    }
}
