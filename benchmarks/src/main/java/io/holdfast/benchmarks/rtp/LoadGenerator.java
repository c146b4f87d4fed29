package io.holdfast.benchmarks.rtp;

import io.holdfast.rtp.packet.RtpHeader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sending half of the load on one harness event loop: its streams, one connected UDP channel each, each sending
 * a 172-byte G.711 packet (12-byte RTP header, 160-byte payload) every stream interval. Stream {@code i} of {@code n}
 * sends at {@code start + i * interval / n + k * interval}, so the total rate is smooth; a periodic tick sends every
 * packet that is due. The payload carries the send time ({@link System#nanoTime()} just before the write) and
 * whether the packet belongs to the measurement window, for {@link LoadReceiver}.
 *
 * <p>Bounded: it never sends more than {@code maxPacketsPerStream} per stream. Confined to its event loop, apart from
 * the counters read after {@link #stop()} (through the loop).
 */
final class LoadGenerator {

    /** Offset of the send time (8 bytes) in the packet. */
    static final int SEND_TIME_OFFSET = RtpHeader.FIXED_HEADER_LENGTH;
    /** Offset of the measurement flag (1 byte) in the packet. */
    static final int MEASURED_OFFSET = SEND_TIME_OFFSET + Long.BYTES;
    /** Packet length: RTP fixed header plus 20 ms of G.711. */
    static final int PACKET_LENGTH = RtpHeader.FIXED_HEADER_LENGTH + 160;

    private final EventLoop loop;
    private final long intervalNs;
    private final int maxPacketsPerStream;
    private final List<Channel> channels = new ArrayList<>();
    private final List<Long> offsets = new ArrayList<>();
    private final List<Integer> ssrcs = new ArrayList<>();
    private final RtpHeader header = new RtpHeader();
    private Channel[] streams;
    private long[] offsetNs;
    private int[] ssrc;
    private long startNs;
    private int cursor;
    private int round;
    private boolean sending;
    private boolean measuring;
    private ScheduledFuture<?> tick;
    private long sent;
    private long sentMeasured;
    private long maxLagNs;
    private long lagOverOneMs;

    LoadGenerator(EventLoop loop, long intervalNs, int maxPacketsPerStream) {
        this.loop = loop;
        this.intervalNs = intervalNs;
        this.maxPacketsPerStream = maxPacketsPerStream;
    }

    EventLoop loop() {
        return loop;
    }

    /** Adds a stream (before {@link #start}); streams must be added in increasing offset order. */
    void add(Channel channel, long streamOffsetNs, int streamSsrc) {
        channels.add(channel);
        offsets.add(streamOffsetNs);
        ssrcs.add(streamSsrc);
    }

    /** Starts sending at {@code firstNs}, ticking every {@code tickNs}. On the loop. */
    void start(long firstNs, long tickNs) {
        streams = channels.toArray(new Channel[0]);
        offsetNs = offsets.stream().mapToLong(Long::longValue).toArray();
        ssrc = ssrcs.stream().mapToInt(Integer::intValue).toArray();
        startNs = firstNs;
        sending = streams.length > 0;
        tick = loop.scheduleAtFixedRate(this::tick, Math.max(0, firstNs - System.nanoTime()), tickNs,
                TimeUnit.NANOSECONDS);
    }

    /** Marks the packets sent from now on as measured or not. On the loop. */
    void measuring(boolean measured) {
        measuring = measured;
    }

    /** Stops sending. On the loop. */
    void stop() {
        sending = false;
        if (tick != null) {
            tick.cancel(false);
        }
    }

    long sent() {
        return sent;
    }

    long sentMeasured() {
        return sentMeasured;
    }

    /** Returns the largest delay of a send behind its schedule: large values mean the generator fell behind. */
    long maxLagNs() {
        return maxLagNs;
    }

    /** Returns how many packets were sent more than 1 ms behind their schedule. */
    long lagOverOneMs() {
        return lagOverOneMs;
    }

    private void tick() {
        final long nowNs = System.nanoTime();
        while (sending) {
            final long dueNs = startNs + offsetNs[cursor] + round * intervalNs;
            if (dueNs - nowNs > 0) {
                break;
            }
            final long lagNs = nowNs - dueNs;
            if (lagNs > maxLagNs) {
                maxLagNs = lagNs;
            }
            if (lagNs > 1_000_000L) {
                lagOverOneMs++;
            }
            send(streams[cursor], ssrc[cursor]);
            if (++cursor == streams.length) {
                cursor = 0;
                if (++round == maxPacketsPerStream) {
                    sending = false;
                }
            }
        }
    }

    private void send(Channel channel, int streamSsrc) {
        final ByteBuf buf = channel.alloc().directBuffer(PACKET_LENGTH);
        buf.writeZero(PACKET_LENGTH);
        header.wrap(buf, 0, PACKET_LENGTH).writeFixedHeader(0, false, round & 0xFFFF, 160L * round,
                streamSsrc & 0xFFFF_FFFFL);
        buf.setByte(MEASURED_OFFSET, measuring ? 1 : 0);
        buf.setLong(SEND_TIME_OFFSET, System.nanoTime());
        channel.writeAndFlush(buf, channel.voidPromise());
        sent++;
        if (measuring) {
            sentMeasured++;
        }
    }
}
