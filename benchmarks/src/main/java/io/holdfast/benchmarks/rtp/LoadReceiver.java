package io.holdfast.benchmarks.rtp;

import io.holdfast.rtp.packet.RtpSequenceNumber;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The receiving half of the load on one harness event loop: counts what its sockets receive (a socket may receive
 * several streams; the stream index is in the payload) and records two one-way latencies of every measured packet,
 * each in its own histogram: the <em>added</em> latency, receive time minus the send time the generator wrote just
 * before its send syscall, and the latency <em>from the schedule</em>, receive time minus the time the packet was due.
 * Both times are {@link System#nanoTime()}, the same monotonic clock ({@code CLOCK_MONOTONIC}) in every thread and
 * process of the machine.
 *
 * <p>Coordinated omission: the generator is open-loop (it never waits for the relay), so every packet a relay stall
 * holds back is still sent and measured when it arrives: the stall is in the tail as those packets, and a
 * {@link Histogram#recordValueWithExpectedInterval} correction would count it twice. What an open-loop generator can
 * hide is its own stall (packets sent late, stamped late): the latency from the schedule includes it, so a harness
 * that fell behind shows there and in the generator's lag, not as a fast relay. Confined to its event loop; the
 * counters and histograms are read through the loop after the load stopped.
 */
final class LoadReceiver {

    private static final long HIGHEST_LATENCY_NS = TimeUnit.SECONDS.toNanos(60);

    private final Histogram latencyNs = new Histogram(HIGHEST_LATENCY_NS, 3);
    private final Histogram scheduleLatencyNs = new Histogram(HIGHEST_LATENCY_NS, 3);
    private final int[] expectedSeq;
    private long received;
    private long receivedMeasured;
    private long outOfOrder;
    private long foreign;

    /** @param streams the number of streams of the run (indexes 0..streams-1 in the payload) */
    LoadReceiver(int streams) {
        this.expectedSeq = new int[streams];
        Arrays.fill(expectedSeq, -1);
    }

    /** Returns a new handler for one receiving channel. */
    ChannelInboundHandlerAdapter handler() {
        return new SinkHandler();
    }

    long received() {
        return received;
    }

    long receivedMeasured() {
        return receivedMeasured;
    }

    long outOfOrder() {
        return outOfOrder;
    }

    long foreign() {
        return foreign;
    }

    /** Returns a copy of the added-latency histogram (from the send syscall). On the loop. */
    Histogram latencyCopy() {
        return latencyNs.copy();
    }

    /** Returns a copy of the histogram of latencies from the schedule (empty in flat-out mode). On the loop. */
    Histogram scheduleLatencyCopy() {
        return scheduleLatencyNs.copy();
    }

    /** Accounts one received datagram. Borrows; does not retain {@code buf}. */
    private void onPacket(ByteBuf buf, long nowNs) {
        final int index = buf.readerIndex();
        if (buf.readableBytes() != LoadGenerator.PACKET_LENGTH) {
            foreign++;
            return;
        }
        final int stream = buf.getInt(index + LoadGenerator.STREAM_OFFSET);
        if (stream < 0 || stream >= expectedSeq.length) {
            foreign++;
            return;
        }
        received++;
        final int seq = buf.getUnsignedShort(index + 2);
        if (expectedSeq[stream] >= 0 && seq != expectedSeq[stream]) {
            outOfOrder++;
        }
        expectedSeq[stream] = RtpSequenceNumber.next(seq);
        if (buf.getByte(index + LoadGenerator.MEASURED_OFFSET) != 0) {
            receivedMeasured++;
            latencyNs.recordValue(bounded(nowNs - buf.getLong(index + LoadGenerator.SEND_TIME_OFFSET)));
            final long dueNs = buf.getLong(index + LoadGenerator.DUE_TIME_OFFSET);
            if (dueNs != 0) {
                scheduleLatencyNs.recordValue(bounded(nowNs - dueNs));
            }
        }
    }

    private static long bounded(long latencyNs) {
        return Math.min(Math.max(latencyNs, 0), HIGHEST_LATENCY_NS);
    }

    /** One per channel (Netty handlers are not shared unless stateless); the state is the receiver's. */
    private final class SinkHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            final long nowNs = System.nanoTime();
            try {
                if (msg instanceof DatagramPacket) {
                    onPacket(((DatagramPacket) msg).content(), nowNs);
                } else {
                    foreign++;
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }
}
