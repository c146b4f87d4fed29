package io.holdfast.relay.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NanoClockTest {
    @Test
    void shouldReadTheHostClocksWhenSystem() {
        NanoClock clock = NanoClock.system();
        long beforeMs = System.currentTimeMillis();
        long firstNs = clock.nanoTime();

        long epochMs = clock.epochMillis();
        long secondNs = clock.nanoTime();

        assertThat(secondNs - firstNs).isNotNegative();
        assertThat(epochMs).isBetween(beforeMs, System.currentTimeMillis());
    }

    @Test
    void shouldShareOneInstanceWhenTheSystemClockIsAskedFor() {
        assertThat(NanoClock.system()).isSameAs(NanoClock.system()).hasToString("NanoClock.system()");
    }
}
