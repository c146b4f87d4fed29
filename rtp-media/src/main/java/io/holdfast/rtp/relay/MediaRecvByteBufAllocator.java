package io.holdfast.rtp.relay;

import io.netty.channel.ChannelConfig;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * How a media channel reads: one datagram per readiness event while its loop keeps pace, the whole backlog (up to
 * {@link #MAX_DATAGRAMS_PER_READ}) while it is behind ({@link LoopPace}).
 *
 * <p>A media port carries one stream, about one datagram every 20 ms, so while the loop keeps pace a readiness event
 * finds one datagram, and Netty's default (read on until the socket says EAGAIN) spends a second receive syscall per
 * packet to learn that nothing else is there. Reading one and returning to the poller is enough: epoll and NIO are
 * level-triggered, so a datagram left behind makes the port ready again at the next poll. When the loop falls
 * behind, ports hold backlogs, and reading each backlog in one go is cheaper: no extra poll per datagram, and the
 * datagrams forwarded together leave in one {@code sendmmsg}. One datagram per event then would keep the loop behind
 * (measured: it lost packets where reading until EAGAIN did not; see {@code benchmarks/RESULTS.md}).
 *
 * <p>One allocator per channel (each makes one handle). The handle is confined to the channel's event loop.
 */
final class MediaRecvByteBufAllocator extends DefaultMaxMessagesRecvByteBufAllocator {

    /** Room for one datagram: more than any RTP or RTCP packet on a 1500-byte MTU path. */
    static final int DATAGRAM_BUFFER_BYTES = 2048;
    /** Most datagrams read in one readiness event when catching up (Netty's default for datagram channels). */
    static final int MAX_DATAGRAMS_PER_READ = 16;

    private final LoopPace pace;

    MediaRecvByteBufAllocator(LoopPace pace) {
        super(MAX_DATAGRAMS_PER_READ);
        this.pace = pace;
    }

    @Override
    public ExtendedHandle newHandle() {
        return new BacklogAwareHandle();
    }

    /** Reads one datagram, or the backlog while the loop is behind. */
    final class BacklogAwareHandle extends MaxMessageHandle {
        private boolean catchingUp;

        @Override
        public int guess() {
            return DATAGRAM_BUFFER_BYTES;
        }

        @Override
        public void reset(ChannelConfig config) {
            super.reset(config);
            catchingUp = pace.behind();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return catchingUp && super.continueReading(maybeMoreDataSupplier);
        }

        /** Returns whether the current read event drains the backlog. */
        boolean catchingUp() {
            return catchingUp;
        }
    }
}
