package io.holdfast.rtp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.rtp.relay.RemoteLatch.Decision;
import io.holdfast.rtp.relay.RemoteLatch.State;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class RemoteLatchTest {

    private static final long WINDOW_NS = 3_000_000_000L;
    private static final InetSocketAddress SIGNALLED = new InetSocketAddress("192.0.2.10", 40000);
    private static final InetSocketAddress SIGNALLED_HOST_OTHER_PORT = new InetSocketAddress("192.0.2.10", 41000);
    private static final InetSocketAddress NAT = new InetSocketAddress("198.51.100.7", 52000);
    private static final InetSocketAddress ATTACKER = new InetSocketAddress("203.0.113.66", 40000);

    private final RemoteLatch strict = new RemoteLatch(LatchPolicy.STRICT_SIGNALLED, WINDOW_NS);
    private final RemoteLatch learning = new RemoteLatch(LatchPolicy.LEARN_WITHIN_WINDOW, WINDOW_NS);

    @Test
    void shouldDropEverythingWhenNothingIsSignalled() {
        assertThat(learning.onPacket(SIGNALLED, 0)).isEqualTo(Decision.DROP);
        assertThat(learning.state()).isEqualTo(State.UNSIGNALLED);
        assertThat(learning.target()).isNull();
    }

    @Test
    void shouldLatchSignalledAddressWhenStrict() {
        strict.signal(SIGNALLED, 0);

        assertThat(strict.isStrict(0)).isTrue();
        assertThat(strict.target()).isEqualTo(SIGNALLED);
        assertThat(strict.onPacket(NAT, 1)).isEqualTo(Decision.DROP);
        assertThat(strict.onPacket(SIGNALLED, 2)).isEqualTo(Decision.LATCH);
        assertThat(strict.state()).isEqualTo(State.LATCHED);
        assertThat(strict.onPacket(SIGNALLED, 3)).isEqualTo(Decision.ACCEPT);
        assertThat(strict.onPacket(ATTACKER, 4)).isEqualTo(Decision.DROP);
    }

    @Test
    void shouldLearnProvisionalSourceWhenInsideWindow() {
        learning.signal(SIGNALLED, 0);
        assertThat(learning.isStrict(0)).isFalse();

        assertThat(learning.onPacket(NAT, WINDOW_NS - 1)).isEqualTo(Decision.LATCH);
        assertThat(learning.state()).isEqualTo(State.PROVISIONAL);
        assertThat(learning.target()).isEqualTo(NAT);
        assertThat(learning.onPacket(NAT, WINDOW_NS - 1)).isEqualTo(Decision.ACCEPT);
        assertThat(learning.onPacket(ATTACKER, WINDOW_NS - 1)).isEqualTo(Decision.DROP);
    }

    @Test
    void shouldNotLearnWhenWindowHasClosed() {
        learning.signal(SIGNALLED, 0);

        assertThat(learning.onPacket(NAT, WINDOW_NS)).isEqualTo(Decision.DROP);
        assertThat(learning.isStrict(WINDOW_NS)).isTrue();
        assertThat(learning.onPacket(SIGNALLED, WINDOW_NS + 1)).isEqualTo(Decision.LATCH);
    }

    @Test
    void shouldUpgradeToBetterRankedSourceWhenInsideWindow() {
        learning.signal(SIGNALLED, 0);
        learning.onPacket(NAT, 10);

        assertThat(learning.onPacket(SIGNALLED_HOST_OTHER_PORT, 20)).isEqualTo(Decision.LATCH);
        assertThat(learning.remote()).isEqualTo(SIGNALLED_HOST_OTHER_PORT);
        assertThat(learning.onPacket(NAT, 30)).isEqualTo(Decision.DROP);
        assertThat(learning.onPacket(SIGNALLED, 40)).isEqualTo(Decision.LATCH);
        assertThat(learning.state()).isEqualTo(State.LATCHED);
        assertThat(learning.onPacket(SIGNALLED_HOST_OTHER_PORT, 50)).isEqualTo(Decision.DROP);
    }

    @Test
    void shouldMakeProvisionalFinalWhenWindowEnds() {
        learning.signal(SIGNALLED, 0);
        learning.onPacket(NAT, 10);

        assertThat(learning.onWindowEnd(WINDOW_NS - 1)).isFalse();
        assertThat(learning.onWindowEnd(WINDOW_NS)).isTrue();
        assertThat(learning.onWindowEnd(WINDOW_NS + 1)).isFalse();

        assertThat(learning.state()).isEqualTo(State.LATCHED);
        assertThat(learning.isStrict(WINDOW_NS)).isTrue();
        assertThat(learning.onPacket(SIGNALLED, WINDOW_NS + 2)).isEqualTo(Decision.DROP);
        assertThat(learning.onPacket(NAT, WINDOW_NS + 3)).isEqualTo(Decision.ACCEPT);
    }

    @Test
    void shouldNeverRelatchWhenCallIsLongPastWindow() {
        learning.signal(SIGNALLED, 0);
        learning.onPacket(SIGNALLED, 10);
        final long anHourLater = 3_600_000_000_000L;

        assertThat(learning.onPacket(ATTACKER, anHourLater)).isEqualTo(Decision.DROP);
        assertThat(learning.onPacket(SIGNALLED_HOST_OTHER_PORT, anHourLater)).isEqualTo(Decision.DROP);
        assertThat(learning.remote()).isEqualTo(SIGNALLED);
    }

    @Test
    void shouldNeverLearnPreviousRemoteWhenSignalledElsewhere() {
        learning.signal(SIGNALLED, 0);
        learning.onPacket(SIGNALLED, 10);
        final InetSocketAddress next = new InetSocketAddress("192.0.2.20", 40002);

        learning.signal(next, 20);

        assertThat(learning.onPacket(SIGNALLED, 30)).isEqualTo(Decision.DROP);
        assertThat(learning.state()).isEqualTo(State.AWAITING);
    }

    @Test
    void shouldStartAgainWhenSignalledAnew() {
        learning.signal(SIGNALLED, 0);
        learning.onPacket(SIGNALLED, 10);
        final InetSocketAddress next = new InetSocketAddress("192.0.2.20", 40002);

        learning.signal(next, 5 * WINDOW_NS);

        assertThat(learning.state()).isEqualTo(State.AWAITING);
        assertThat(learning.target()).isEqualTo(next);
        assertThat(learning.onPacket(NAT, 5 * WINDOW_NS + 1)).isEqualTo(Decision.LATCH);
        assertThat(learning.state()).isEqualTo(State.PROVISIONAL);
        assertThat(learning.onPacket(next, 5 * WINDOW_NS + 2)).isEqualTo(Decision.LATCH);
        assertThat(learning.state()).isEqualTo(State.LATCHED);
    }
}
