package io.holdfast.benchmarks.rtp;

import io.holdfast.rtp.packet.RtpHeader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sending half of the load on one harness event loop: its streams, each sending a 172-byte G.711 packet
 * (12-byte RTP header, 160-byte payload) every stream interval to its own relay port. Stream {@code i} of {@code n}
 * sends at {@code start + i * interval / n + k * interval}, so the total rate is smooth; a periodic tick sends every
 * packet that is due. In flat-out mode there is no schedule: the streams send round-robin as fast as the loop can.
 *
 * <p>Streams share the loop's sending sockets (unconnected, one or a few per loop; or one per stream for the issue's
 * one-socket-per-stream set-up): the packets a tick makes for one socket are written and then flushed once, so Netty's
 * epoll transport sends them with one {@code sendmmsg}. The payload carries the stream's index, whether the packet
 * belongs to the measurement window, the time it was due by the schedule, and the send time: {@link System#nanoTime()}
 * taken just before the flush that sends it (written into the buffers already queued, before the syscall), for
 * {@link LoadReceiver}. So the added latency of a packet starts when its syscall starts, whatever the generator's own
 * lag, and the latency from the schedule (which a generator stall cannot hide) is measured too.
 *
 * <p>Bounded: it never sends more than {@code maxPacketsPerStream} per stream. Confined to its event loop, apart from
 * the counters read after {@link #stop()} (through the loop).
 */
final class LoadGenerator {

    /** Offset of the send time (8 bytes) in the packet. */
    static final int SEND_TIME_OFFSET = RtpHeader.FIXED_HEADER_LENGTH;
    /** Offset of the measurement flag (1 byte) in the packet. */
    static final int MEASURED_OFFSET = SEND_TIME_OFFSET + Long.BYTES;
    /** Offset of the stream index (4 bytes) in the packet. */
    static final int STREAM_OFFSET = MEASURED_OFFSET + 1;
    /** Offset of the time the packet was due by the schedule (8 bytes; 0 in flat-out mode) in the packet. */
    static final int DUE_TIME_OFFSET = STREAM_OFFSET + Integer.BYTES;
    /** Packet length: RTP fixed header plus 20 ms of G.711. */
    static final int PACKET_LENGTH = RtpHeader.FIXED_HEADER_LENGTH + 160;
    /** Most packets queued on one socket before it is flushed (one {@code sendmmsg}). */
    static final int MAX_BATCH = 32;
    /** Packets a flat-out burst sends before the loop runs its other tasks. */
    static final int FLAT_OUT_BURST = 256;
    /**
     * Most packets one tick sends: a generator far behind its schedule catches up over several ticks (the fixed-rate
     * schedule runs them back to back), so that the loop's other tasks (start and end of the window) still run.
     */
    static final int MAX_PACKETS_PER_TICK = 1024;

    private static final long LATE_NS = 1_000_000L;

    private final EventLoop loop;
    private final long intervalNs;
    private final int maxPacketsPerStream;
    private final List<Channel> socketList = new ArrayList<>();
    private final List<Integer> socketOfStream = new ArrayList<>();
    private final List<InetSocketAddress> targetList = new ArrayList<>();
    private final List<Long> offsets = new ArrayList<>();
    private final List<Integer> ssrcs = new ArrayList<>();
    private final List<Integer> indexes = new ArrayList<>();
    private final RtpHeader header = new RtpHeader();
    private Channel[] sockets;
    private ByteBuf[][] pending;
    private int[] pendingCount;
    private int[] touched;
    private boolean[] isTouched;
    private int touchedCount;
    private int[] socketIndex;
    private InetSocketAddress[] targets;
    private long[] offsetNs;
    private int[] ssrc;
    private int[] streamIndex;
    private boolean flatOut;
    private long startNs;
    private int cursor;
    private int round;
    private boolean sending;
    private boolean measuring;
    private long measuredFromNs;
    private long measuredNs;
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

    /**
     * Adds a stream (before {@link #start}); streams must be added in increasing offset order.
     *
     * @param socket the sending socket, registered on this loop (it may be shared with other streams)
     * @param target where the stream's packets go (the relay's caller-facing port, or the sink without relay)
     * @param streamOffsetNs the stream's offset in the interval
     * @param streamSsrc the stream's SSRC
     * @param index the stream's index in the run, written into every packet
     */
    void add(Channel socket, InetSocketAddress target, long streamOffsetNs, int streamSsrc, int index) {
        int socketAt = socketList.indexOf(socket);
        if (socketAt < 0) {
            socketAt = socketList.size();
            socketList.add(socket);
        }
        socketOfStream.add(socketAt);
        targetList.add(target);
        offsets.add(streamOffsetNs);
        ssrcs.add(streamSsrc);
        indexes.add(index);
    }

    /**
     * Starts sending at {@code firstNs}: every {@code tickNs} what is due, or flat out as fast as the loop can when
     * {@code asFastAsPossible}. On the loop.
     */
    void start(long firstNs, long tickNs, boolean asFastAsPossible) {
        sockets = socketList.toArray(new Channel[0]);
        pending = new ByteBuf[sockets.length][MAX_BATCH];
        pendingCount = new int[sockets.length];
        touched = new int[sockets.length];
        isTouched = new boolean[sockets.length];
        socketIndex = socketOfStream.stream().mapToInt(Integer::intValue).toArray();
        targets = targetList.toArray(new InetSocketAddress[0]);
        offsetNs = offsets.stream().mapToLong(Long::longValue).toArray();
        ssrc = ssrcs.stream().mapToInt(Integer::intValue).toArray();
        streamIndex = indexes.stream().mapToInt(Integer::intValue).toArray();
        flatOut = asFastAsPossible;
        startNs = firstNs;
        sending = targets.length > 0;
        if (flatOut) {
            tick = loop.schedule(this::burst, Math.max(0, firstNs - System.nanoTime()), TimeUnit.NANOSECONDS);
        } else {
            tick = loop.scheduleAtFixedRate(this::tick, Math.max(0, firstNs - System.nanoTime()), tickNs,
                    TimeUnit.NANOSECONDS);
        }
    }

    /** Marks the packets sent from now on as measured or not, and notes when on the loop's clock. On the loop. */
    void measuring(boolean measured) {
        if (measured && !measuring) {
            measuredFromNs = System.nanoTime();
        } else if (!measured && measuring) {
            measuredNs += System.nanoTime() - measuredFromNs;
        }
        measuring = measured;
    }

    /**
     * Returns how long this generator marked its packets as measured: the window as the loop saw it (the harness's
     * main thread can be late to start and end it on a busy machine, and the packets of the window are those sent
     * while the flag was up).
     */
    long measuredNs() {
        return measuredNs;
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

    /**
     * Returns the largest delay of a measured send behind its schedule: large values mean the generator fell behind
     * and did not offer the rate. Zero in flat-out mode (no schedule).
     */
    long maxLagNs() {
        return maxLagNs;
    }

    /** Returns how many measured packets were sent more than 1 ms behind their schedule. */
    long lagOverOneMs() {
        return lagOverOneMs;
    }

    private void tick() {
        final long nowNs = System.nanoTime();
        for (int packets = 0; sending && packets < MAX_PACKETS_PER_TICK; packets++) {
            final long dueNs = startNs + offsetNs[cursor] + round * intervalNs;
            if (dueNs - nowNs > 0) {
                break;
            }
            if (measuring) {
                final long lagNs = nowNs - dueNs;
                if (lagNs > maxLagNs) {
                    maxLagNs = lagNs;
                }
                if (lagNs > LATE_NS) {
                    lagOverOneMs++;
                }
            }
            sendNext(dueNs);
        }
        flushTouched();
    }

    private void burst() {
        for (int i = 0; i < FLAT_OUT_BURST && sending; i++) {
            if (!sockets[socketIndex[cursor]].isWritable()) {
                break;
            }
            sendNext(0);
        }
        flushTouched();
        if (sending) {
            loop.execute(this::burst);
        }
    }

    private void sendNext(long dueNs) {
        queue(cursor, dueNs);
        if (++cursor == targets.length) {
            cursor = 0;
            if (++round == maxPacketsPerStream) {
                sending = false;
            }
        }
    }

    /**
     * Writes stream {@code stream}'s next packet, due at {@code dueNs} (0: no schedule), on its socket without
     * flushing (the send time is written at the flush).
     */
    private void queue(int stream, long dueNs) {
        final int socket = socketIndex[stream];
        final Channel channel = sockets[socket];
        final ByteBuf buf = channel.alloc().directBuffer(PACKET_LENGTH);
        buf.writeZero(PACKET_LENGTH);
        header.wrap(buf, 0, PACKET_LENGTH).writeFixedHeader(0, false, round & 0xFFFF, 160L * round,
                ssrc[stream] & 0xFFFF_FFFFL);
        buf.setByte(MEASURED_OFFSET, measuring ? 1 : 0);
        buf.setInt(STREAM_OFFSET, streamIndex[stream]);
        buf.setLong(DUE_TIME_OFFSET, dueNs);
        if (!isTouched[socket]) {
            isTouched[socket] = true;
            touched[touchedCount++] = socket;
        }
        pending[socket][pendingCount[socket]++] = buf;
        channel.write(new DatagramPacket(buf, targets[stream]), channel.voidPromise());
        sent++;
        if (measuring) {
            sentMeasured++;
        }
        if (pendingCount[socket] == MAX_BATCH) {
            flush(socket);
        }
    }

    private void flushTouched() {
        for (int i = 0; i < touchedCount; i++) {
            flush(touched[i]);
            isTouched[touched[i]] = false;
        }
        touchedCount = 0;
    }

    /** Stamps the socket's queued packets with the time now and flushes them (one sendmmsg, or one send). */
    private void flush(int socket) {
        final int count = pendingCount[socket];
        if (count == 0) {
            return;
        }
        final ByteBuf[] queued = pending[socket];
        final long nowNs = System.nanoTime();
        for (int i = 0; i < count; i++) {
            queued[i].setLong(SEND_TIME_OFFSET, nowNs);
            queued[i] = null;
        }
        pendingCount[socket] = 0;
        sockets[socket].flush();
    }
}
