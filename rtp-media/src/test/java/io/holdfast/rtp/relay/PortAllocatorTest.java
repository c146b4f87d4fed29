package io.holdfast.rtp.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final long GRACE_NS = GRACE.toNanos();

    private final CachedNanoClock clock = new CachedNanoClock();

    private PortAllocator allocator(int first, int last, boolean mux) {
        return new PortAllocator(first, last, mux, GRACE, clock, new SplittableRandom(42));
    }

    private static Set<Integer> drain(PortAllocator ports) {
        final Set<Integer> allocated = new HashSet<>();
        for (int port = ports.allocate(); port != PortAllocator.EXHAUSTED; port = ports.allocate()) {
            assertThat(allocated.add(port)).isTrue();
        }
        return allocated;
    }

    @Test
    void shouldHandOutEvenRtpPortsWhenRtcpIsNotMuxed() {
        final PortAllocator ports = allocator(20000, 20009, false);

        assertThat(ports.capacity()).isEqualTo(5);
        assertThat(drain(ports)).containsExactlyInAnyOrder(20000, 20002, 20004, 20006, 20008);
    }

    @Test
    void shouldSkipUnpairedPortsWhenRangeStartsOddAndEndsEven() {
        final PortAllocator ports = allocator(20001, 20006, false);

        assertThat(drain(ports)).containsExactlyInAnyOrder(20002, 20004);
    }

    @Test
    void shouldUseEveryPortWhenRtcpIsMuxed() {
        final PortAllocator ports = allocator(20001, 20004, true);

        assertThat(drain(ports)).containsExactlyInAnyOrder(20001, 20002, 20003, 20004);
    }

    @Test
    void shouldReturnExhaustedWhenEveryPortIsInUse() {
        final PortAllocator ports = allocator(20000, 20003, false);
        drain(ports);

        assertThat(ports.allocate()).isEqualTo(PortAllocator.EXHAUSTED);
        assertThat(ports.allocate()).isEqualTo(PortAllocator.EXHAUSTED);
        assertThat(ports.exhaustions()).isEqualTo(3);
        assertThat(ports.inUse()).isEqualTo(2);
        assertThat(ports.available()).isZero();
    }

    @Test
    void shouldKeepReleasedPortInQuarantineUntilGracePeriodEnds() {
        final PortAllocator ports = allocator(20000, 20001, false);
        final int port = ports.allocate();
        assertThat(ports.release(port)).isTrue();

        clock.advance(GRACE_NS - 1);
        assertThat(ports.allocate()).isEqualTo(PortAllocator.EXHAUSTED);
        assertThat(ports.quarantined()).isEqualTo(1);

        clock.advance(1);
        assertThat(ports.allocate()).isEqualTo(port);
        assertThat(ports.quarantined()).isZero();
    }

    @Test
    void shouldPreferNeverUsedPortsWhenQuarantinedOnesMature() {
        final PortAllocator ports = allocator(20000, 20003, false);
        final int first = ports.allocate();
        ports.release(first);
        clock.advance(GRACE_NS);

        final int second = ports.allocate();

        assertThat(second).isNotEqualTo(first);
        assertThat(ports.allocate()).isEqualTo(first);
    }

    @Test
    void shouldReleaseQuarantinedPortsInReleaseOrderWhenEachGraceEnds() {
        final PortAllocator ports = allocator(20000, 20003, false);
        final int a = ports.allocate();
        final int b = ports.allocate();
        ports.release(b);
        clock.advance(1_000);
        ports.release(a);

        clock.advance(GRACE_NS - 1_000);
        assertThat(ports.allocate()).isEqualTo(b);
        assertThat(ports.allocate()).isEqualTo(PortAllocator.EXHAUSTED);
        clock.advance(1_000);
        assertThat(ports.allocate()).isEqualTo(a);
    }

    @Test
    void shouldCountAndIgnoreWhenPortIsReleasedTwiceOrIsForeign() {
        final PortAllocator ports = allocator(20000, 20003, false);
        final int port = ports.allocate();
        ports.release(port);

        assertThat(ports.release(port)).isFalse();
        assertThat(ports.release(port + 1)).isFalse();
        assertThat(ports.release(19998)).isFalse();
        assertThat(ports.release(20004)).isFalse();
        assertThat(ports.doubleReleases()).isEqualTo(4);
        assertThat(ports.quarantined()).isEqualTo(1);
        assertThat(ports.inUse()).isZero();
    }

    @Test
    void shouldAccountForEveryPortWhenAllocatingAndReleasingAtRandom() {
        final PortAllocator ports = allocator(20000, 20199, false);
        final SplittableRandom random = new SplittableRandom(7);
        final List<Integer> held = new ArrayList<>();
        for (int step = 0; step < 10_000; step++) {
            if (random.nextBoolean()) {
                final int port = ports.allocate();
                if (port != PortAllocator.EXHAUSTED) {
                    assertThat(held).doesNotContain(port);
                    held.add(port);
                }
            } else if (!held.isEmpty()) {
                assertThat(ports.release(held.remove(random.nextInt(held.size())))).isTrue();
            }
            clock.advance(random.nextInt(100_000_000));
            assertThat(ports.inUse()).isEqualTo(held.size());
            assertThat(ports.inUse() + ports.available() + ports.quarantined()).isEqualTo(ports.capacity());
        }
    }

    @Test
    void shouldShuffleFreePortsWhenCreated() {
        final PortAllocator ports = allocator(20000, 20199, false);
        final List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            order.add(ports.allocate());
        }

        assertThat(order).isNotEqualTo(List.of(20000, 20002, 20004, 20006, 20008, 20010, 20012, 20014, 20016,
                20018));
    }

    @Test
    void shouldGiveEachLoopItsOwnSliceWhenRangeIsShared() throws Exception {
        final MediaConfig config = new MediaConfig(InetAddress.getLoopbackAddress(), 30000, 30019, false, GRACE,
                LatchPolicy.STRICT_SIGNALLED, LatchPolicy.STRICT_SIGNALLED,
                Duration.ofSeconds(3), Duration.ofMillis(60), Duration.ofSeconds(30),
                Duration.ofSeconds(1), 64);
        final Set<Integer> first = drain(PortAllocator.forLoop(config, 0, 2, clock, new SplittableRandom(1)));
        final Set<Integer> second = drain(PortAllocator.forLoop(config, 1, 2, clock, new SplittableRandom(1)));

        assertThat(first).containsExactlyInAnyOrder(30000, 30002, 30004, 30006, 30008);
        assertThat(second).containsExactlyInAnyOrder(30010, 30012, 30014, 30016, 30018);
        assertThatThrownBy(() -> PortAllocator.forLoop(config, 0, 11, clock, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("media.port-range");
    }

    @Test
    void shouldRejectRangeWhenItHoldsNoPair() {
        assertThatThrownBy(() -> allocator(20001, 20001, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
