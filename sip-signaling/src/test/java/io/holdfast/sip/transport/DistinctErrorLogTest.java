package io.holdfast.sip.transport;

import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

import static org.assertj.core.api.Assertions.assertThat;

class DistinctErrorLogTest {
    private final DistinctErrorLog log = new DistinctErrorLog(NOPLogger.NOP_LOGGER);

    private static IllegalStateException thrownHere() {
        return new IllegalStateException("same place");
    }

    @Test
    void shouldCountEveryErrorAndKeepOneEntryPerKindWhenRepeated() {
        for (int i = 0; i < 3; i++) {
            log.onError("test", thrownHere());
        }
        log.onError("test", new IllegalArgumentException("elsewhere"));

        assertThat(log.total()).isEqualTo(4);
        assertThat(log.distinct()).isEqualTo(2);
    }

    @Test
    void shouldNotThrowWhenErrorHasNoStackTrace() {
        IllegalStateException bare = new IllegalStateException("no trace");
        bare.setStackTrace(new StackTraceElement[0]);

        log.onError("test", bare);

        assertThat(log.total()).isEqualTo(1);
    }
}
