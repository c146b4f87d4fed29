package io.holdfast.benchmarks.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.benchmarks.sim.AgentVoice;
import io.holdfast.benchmarks.sim.TestRecordings;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.events.HashedCallId;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.events.RouteOutcome;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FailoverTraceTest {
    static final AgentVoice EAST = AgentVoice.tone(400);
    static final AgentVoice WEST = AgentVoice.tone(600);
    private static final byte[] PROMPT = filled((byte) 0x55);

    private static byte[] filled(byte value) {
        byte[] frame = new byte[160];
        Arrays.fill(frame, value);
        return frame;
    }

    static long ms(double millis) {
        return (long) (millis * TimeUnit.MILLISECONDS.toNanos(1));
    }

    static Optional<RouteChangeEvent> reanchored(double detectionMs) {
        return Optional.of(RouteChangeEvent.builder(1_000, new HashedCallId("0123456789abcdef0123456789abcdef"),
                        CauseTag.MEDIA_TIMEOUT, RouteOutcome.REANCHORED)
                .from("east").to("west").detectionNs(ms(detectionMs)).promptStartNs(ms(1)).reanchorNs(ms(30))
                .callerHeardGapNs(ms(62)).attempt(1).build());
    }

    /** East every 20 ms until 1000 ms, dies at 1005 ms, prompt from 1062 ms, west from 1100 ms. */
    static TestRecordings failover() {
        TestRecordings heard = new TestRecordings();
        for (int t = 900; t <= 1000; t += 20) {
            heard.frameOf(EAST, ms(t));
        }
        heard.packet(PROMPT, ms(1062)).packet(PROMPT, ms(1082));
        heard.frameOf(WEST, ms(1100)).frameOf(WEST, ms(1120));
        return heard;
    }

    @Test
    void shouldReadEveryMomentWhenTheCallerHeardOldPromptAndNew() {
        FailoverTrace trace = FailoverTrace.of(failover().recording(), EAST, WEST, ms(1005), reanchored(60));

        assertThat(trace.isComplete()).isTrue();
        assertThat(trace.lastOldFrameNs()).isEqualTo(ms(1000));
        assertThat(trace.firstPromptFrameNs()).isEqualTo(ms(1062));
        assertThat(trace.firstNewFrameNs()).isEqualTo(ms(1100));
        assertThat(trace.detectedNs()).isEqualTo(ms(1060));
        assertThat(trace.deathToDetectionNs()).isEqualTo(ms(55));
        assertThat(trace.detectionToPromptNs()).isEqualTo(ms(2));
        assertThat(trace.detectionToNewRegionNs()).isEqualTo(ms(40));
        assertThat(trace.gapToPromptNs()).isEqualTo(ms(62));
        assertThat(trace.gapToNewRegionNs()).isEqualTo(ms(100));
        assertThat(trace.maxSilenceNs()).isEqualTo(ms(62));
    }

    @Test
    void shouldBeIncompleteWhenTheNewRegionWasNeverHeard() {
        TestRecordings heard = new TestRecordings().frameOf(EAST, ms(1000)).packet(PROMPT, ms(1062));

        FailoverTrace trace = FailoverTrace.of(heard.recording(), EAST, WEST, ms(1005), reanchored(60));

        assertThat(trace.isComplete()).isFalse();
        assertThat(trace.firstPromptFrameNs()).isEqualTo(ms(1062));
        assertThat(trace.firstNewFrameNs()).isEqualTo(FailoverTrace.NEVER);
        assertThat(trace.gapToNewRegionNs()).isEqualTo(FailoverTrace.NEVER);
        assertThat(trace.maxSilenceNs()).isEqualTo(FailoverTrace.NEVER);
    }

    @Test
    void shouldBeIncompleteWithoutDetectionWhenHoldfastReportedNothing() {
        FailoverTrace trace = FailoverTrace.of(failover().recording(), EAST, WEST, ms(1005), Optional.empty());

        assertThat(trace.isComplete()).isFalse();
        assertThat(trace.detectedNs()).isEqualTo(FailoverTrace.NEVER);
        assertThat(trace.detectionToPromptNs()).isEqualTo(FailoverTrace.NEVER);
        assertThat(trace.gapToPromptNs()).isEqualTo(ms(62));
    }

    @Test
    void shouldCountNoPromptWhenTheNewRegionFollowsTheOldDirectly() {
        TestRecordings heard = new TestRecordings().frameOf(EAST, ms(1000)).frameOf(WEST, ms(1020));

        FailoverTrace trace = FailoverTrace.of(heard.recording(), EAST, WEST, ms(1005), reanchored(10));

        assertThat(trace.firstPromptFrameNs()).isEqualTo(FailoverTrace.NEVER);
        assertThat(trace.gapToNewRegionNs()).isEqualTo(ms(20));
        assertThat(trace.deathToDetectionNs()).isEqualTo(ms(5));
    }
}
