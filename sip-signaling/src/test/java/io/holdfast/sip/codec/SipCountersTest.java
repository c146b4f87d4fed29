package io.holdfast.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SipCountersTest {
    private final SipCounters counters = new SipCounters();

    @Test
    void shouldStartAtZeroWhenNew() {
        for (SipCounter counter : SipCounter.values()) {
            assertThat(counters.get(counter)).isZero();
        }
    }

    @Test
    void shouldAddToOneSlotOnlyWhenIncremented() {
        counters.increment(SipCounter.SIP_BAD_REQUEST_SENT);
        counters.add(SipCounter.SIP_BAD_REQUEST_SENT, 41);

        long[] snapshot = new long[SipCounter.values().length];
        counters.snapshot(snapshot);
        assertThat(snapshot[SipCounter.SIP_BAD_REQUEST_SENT.id()]).isEqualTo(42);
        assertThat(snapshot).containsOnlyOnce(42L);
    }

    @Test
    void shouldRefuseASnapshotWhenTheTargetIsTooSmall() {
        assertThatThrownBy(() -> counters.snapshot(new long[1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldHaveStableIdsWhenEnumerated() {
        SipCounter[] all = SipCounter.values();
        for (int i = 0; i < all.length; i++) {
            assertThat(all[i].id()).isEqualTo(i);
            assertThat(all[i].unit()).isNotBlank();
        }
    }
}
