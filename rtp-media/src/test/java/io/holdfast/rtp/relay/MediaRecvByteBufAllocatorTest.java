package io.holdfast.rtp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.rtp.stats.MediaCounters;
import io.netty.channel.ChannelConfig;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.UncheckedBooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MediaRecvByteBufAllocatorTest {

    private static final int RTP_BYTES = 172;
    private static final long PERIOD_NS = 10_000_000L;

    private final MediaCounters counters = new MediaCounters();
    private final LoopPace pace = new LoopPace(PERIOD_NS, counters);
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ChannelConfig config = channel.config();
    private final MediaRecvByteBufAllocator.BacklogAwareHandle handle =
            (MediaRecvByteBufAllocator.BacklogAwareHandle) new MediaRecvByteBufAllocator(pace).newHandle();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** One read event with {@code queued} datagrams in the socket; returns how many the handle lets it read. */
    private int readEvent(int queued) {
        handle.reset(config);
        int read = 0;
        do {
            read++;
            handle.lastBytesRead(RTP_BYTES);
            handle.incMessagesRead(1);
        } while (read < queued && handle.continueReading(UncheckedBooleanSupplier.TRUE_SUPPLIER));
        return read;
    }

    private void sweepsLate(long lateNs) {
        pace.onSweep(0);
        pace.onSweep(PERIOD_NS + lateNs);
    }

    @Test
    void shouldReadOneDatagramWhenLoopKeepsPace() {
        sweepsLate(LoopPace.BEHIND_NS);

        assertThat(readEvent(5)).isEqualTo(1);
        assertThat(handle.catchingUp()).isFalse();
        assertThat(handle.guess()).isEqualTo(MediaRecvByteBufAllocator.DATAGRAM_BUFFER_BYTES);
    }

    @Test
    void shouldReadBacklogWhenLoopIsBehind() {
        sweepsLate(LoopPace.BEHIND_NS + 1);

        assertThat(readEvent(5)).isEqualTo(5);
        assertThat(handle.catchingUp()).isTrue();
    }

    @Test
    void shouldStopAtMaxDatagramsPerReadWhenLoopIsBehind() {
        sweepsLate(LoopPace.BEHIND_NS + 1);

        assertThat(readEvent(100)).isEqualTo(MediaRecvByteBufAllocator.MAX_DATAGRAMS_PER_READ);
    }

    @Test
    void shouldReadOneDatagramAgainWhenLoopCaughtUp() {
        sweepsLate(LoopPace.BEHIND_NS + 1);
        readEvent(5);
        pace.onSweep(2 * PERIOD_NS + LoopPace.CAUGHT_UP_NS);

        assertThat(readEvent(5)).isEqualTo(1);
    }
}
