package io.holdfast.benchmarks.rtp;

import io.holdfast.rtp.packet.RtpSequenceNumber;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The receiving half of the load on one harness event loop: counts what its streams receive and records the one-way
 * latency of every measured packet (receive time minus the send time the generator wrote in the payload) in one
 * histogram, with {@link Histogram#recordValueWithExpectedInterval} at the stream interval so that a stall of the
 * relay shows in the tail as the packets it held back would have, not as one sample. Confined to its event loop; the
 * counters and histogram are read through the loop after the load stopped.
 */
final class LoadReceiver {

    private static final long HIGHEST_LATENCY_NS = TimeUnit.SECONDS.toNanos(60);

    private final long intervalNs;
    private final Histogram latencyNs = new Histogram(HIGHEST_LATENCY_NS, 3);
    private long received;
    private long receivedMeasured;
    private long outOfOrder;
    private long foreign;

    LoadReceiver(long intervalNs) {
        this.intervalNs = intervalNs;
    }

    /** Returns a new handler for one stream's receiving channel. */
    ChannelInboundHandlerAdapter handler() {
        return new StreamHandler();
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

    /** Returns a copy of the latency histogram. On the loop. */
    Histogram latencyCopy() {
        return latencyNs.copy();
    }

    /** Accounts one received datagram. Borrows; does not retain {@code buf}. */
    private void onPacket(ByteBuf buf, long nowNs, StreamHandler stream) {
        if (buf.readableBytes() != LoadGenerator.PACKET_LENGTH) {
            foreign++;
            return;
        }
        received++;
        final int index = buf.readerIndex();
        final int seq = buf.getUnsignedShort(index + 2);
        if (stream.expectedSeq >= 0 && seq != stream.expectedSeq) {
            outOfOrder++;
        }
        stream.expectedSeq = RtpSequenceNumber.next(seq);
        if (buf.getByte(index + LoadGenerator.MEASURED_OFFSET) != 0) {
            receivedMeasured++;
            final long latency = nowNs - buf.getLong(index + LoadGenerator.SEND_TIME_OFFSET);
            latencyNs.recordValueWithExpectedInterval(Math.min(Math.max(latency, 0), HIGHEST_LATENCY_NS), intervalNs);
        }
    }

    /** One per channel: it keeps the stream's expected sequence number. */
    private final class StreamHandler extends ChannelInboundHandlerAdapter {
        private int expectedSeq = -1;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            final long nowNs = System.nanoTime();
            try {
                if (msg instanceof DatagramPacket) {
                    onPacket(((DatagramPacket) msg).content(), nowNs, this);
                } else {
                    foreign++;
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }
}
