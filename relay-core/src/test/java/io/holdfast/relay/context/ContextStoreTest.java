package io.holdfast.relay.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.relay.time.ManualNanoClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ContextStoreTest {
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final long GRACE_NS = GRACE.toNanos();
    private static final ResumeContext FIRST = ResumeContext.builder().customerRef("c-1").build();
    private static final ResumeContext SECOND = ResumeContext.builder().customerRef("c-1").lastIntent("refund").build();

    private final ManualNanoClock clock = new ManualNanoClock();
    private final ContextStore store = new ContextStore(clock, GRACE);

    @Test
    void shouldReturnTheLatestContextWhenAContextIsReplaced() {
        assertThat(store.put("call-1", FIRST)).isTrue();
        assertThat(store.put("call-1", SECOND)).isTrue();

        assertThat(store.get("call-1")).contains(SECOND);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.storedCount()).isEqualTo(1);
        assertThat(store.replacedCount()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheContextForTheCallsLifeWhenTheCallDoesNotEnd() {
        store.put("call-1", FIRST);

        clock.advance(Duration.ofHours(2));

        assertThat(store.expire(clock.nanoTime())).isZero();
        assertThat(store.get("call-1")).contains(FIRST);
    }

    @Test
    void shouldKeepTheContextWhenTheGraceHasOneNanosecondLeft() {
        store.put("call-1", FIRST);
        store.callEnded("call-1");

        clock.advanceNs(GRACE_NS - 1);

        assertThat(store.expire(clock.nanoTime())).isZero();
        assertThat(store.get("call-1")).contains(FIRST);
    }

    @Test
    void shouldEraseTheContextWhenTheGraceHasRunOut() {
        store.put("call-1", FIRST);
        store.callEnded("call-1");
        clock.advanceNs(GRACE_NS - 1);
        store.expire(clock.nanoTime());

        clock.advanceNs(1);

        assertThat(store.expire(clock.nanoTime())).isEqualTo(1);
        assertThat(store.get("call-1")).isEmpty();
        assertThat(store.size()).isZero();
        assertThat(store.erasedCount()).isEqualTo(1);
    }

    @Test
    void shouldEraseInTheOrderCallsEndedWhenSeveralGracesRunOut() {
        store.put("call-1", FIRST);
        store.put("call-2", FIRST);
        store.put("call-3", FIRST);
        store.callEnded("call-2");
        clock.advanceMs(100);
        store.callEnded("call-1");

        clock.advanceNs(GRACE_NS - Duration.ofMillis(100).toNanos());

        assertThat(store.expire(clock.nanoTime())).isEqualTo(1);
        assertThat(store.get("call-2")).isEmpty();
        assertThat(store.get("call-1")).isPresent();
        clock.advanceMs(100);
        assertThat(store.expire(clock.nanoTime())).isEqualTo(1);
        assertThat(store.get("call-1")).isEmpty();
        assertThat(store.get("call-3")).contains(FIRST);
    }

    @Test
    void shouldRefuseAndCountANewContextWhenTheCallHasEnded() {
        store.put("call-1", FIRST);
        store.callEnded("call-1");

        assertThat(store.put("call-1", SECOND)).isFalse();

        assertThat(store.get("call-1")).contains(FIRST);
        assertThat(store.refusedAfterEndCount()).isEqualTo(1);
    }

    @Test
    void shouldNotMoveTheDeadlineWhenTheEndIsReportedTwice() {
        store.put("call-1", FIRST);
        store.callEnded("call-1");
        clock.advanceNs(GRACE_NS - 1);

        store.callEnded("call-1");
        clock.advanceNs(1);

        assertThat(store.expire(clock.nanoTime())).isEqualTo(1);
    }

    @Test
    void shouldDoNothingWhenACallWithoutContextEnds() {
        store.callEnded("call-9");
        clock.advance(GRACE);

        assertThat(store.expire(clock.nanoTime())).isZero();
        assertThat(store.size()).isZero();
    }

    @Test
    void shouldEraseAtOnceWhenErasedInGraceAndSkipItInTheSweep() {
        store.put("call-1", FIRST);
        store.callEnded("call-1");

        assertThat(store.erase("call-1")).isTrue();
        assertThat(store.get("call-1")).isEmpty();
        store.put("call-1", SECOND);
        clock.advance(GRACE);

        assertThat(store.expire(clock.nanoTime())).isZero();
        assertThat(store.get("call-1")).contains(SECOND);
        assertThat(store.erase("call-2")).isFalse();
    }

    @Test
    void shouldEraseAtTheNextSweepWhenTheGraceIsZero() {
        ContextStore noGrace = new ContextStore(clock, Duration.ZERO);
        noGrace.put("call-1", FIRST);
        noGrace.callEnded("call-1");

        assertThat(noGrace.expire(clock.nanoTime())).isEqualTo(1);
    }

    @Test
    void shouldRefuseToBuildWhenTheGraceIsNegative() {
        assertThatThrownBy(() -> new ContextStore(clock, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context grace must not be negative, was PT-0.001S");
    }

    @Test
    void shouldNotPrintAnyContextWhenPrinted() {
        store.put("call-1", ResumeContextTest.FULL);

        assertThat(store.toString()).isEqualTo("ContextStore[1 calls, grace PT5S]");
    }
}
