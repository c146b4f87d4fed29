package io.holdfast.benchmarks.rtp;

import io.holdfast.rtp.packet.RtcpPacket;
import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.relay.ForwardOutcome;
import io.holdfast.rtp.relay.MediaStream;
import io.holdfast.rtp.relay.StreamRewriter;
import io.holdfast.rtp.stats.MediaCounters;
import io.holdfast.rtp.stats.StreamStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-packet media forward path on one reused direct buffer, as the relay runs it for every datagram:
 * RFC 3550 A.1 validation, statistics (A.1 sequence, A.3 loss, A.8 jitter, duplicate bitmap), and the in-place
 * header rewrite (SSRC, sequence, timestamp). Each invocation first restores the incoming header fields the
 * previous one rewrote, advancing sequence number and timestamp as a 20 ms G.711 stream would. Must show
 * {@code gc.alloc.rate.norm} ≈ 0 B/op with {@code -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RtpForwardBenchmark {

    private static final int INCOMING_SSRC = 0x4E61_0001;
    private static final int PAYLOAD_LENGTH = 160;
    private static final long FRAME_NS = 20_000_000L;

    private ByteBuf rtp;
    private ByteBuf rtcp;
    private MediaStream fromUpstream;
    private MediaStream fromCaller;
    private int sequence;
    private long timestamp;
    private long nowNs;

    /** Builds a G.711 packet, an SR + SDES compound, and the two directions of a session. */
    @Setup
    public void setUp() {
        rtp = Unpooled.directBuffer(RtpHeader.FIXED_HEADER_LENGTH + PAYLOAD_LENGTH);
        rtp.writeZero(RtpHeader.FIXED_HEADER_LENGTH + PAYLOAD_LENGTH);
        new RtpHeader().wrap(rtp).writeFixedHeader(0, false, 0, 0, INCOMING_SSRC & 0xFFFF_FFFFL);
        rtcp = Unpooled.directBuffer(64);
        rtcp.writeByte(0x80).writeByte(200).writeShort(6).writeInt(INCOMING_SSRC).writeLong(0x0102_0304_0506_0708L)
                .writeInt(0).writeInt(1).writeInt(160);
        rtcp.writeByte(0x81).writeByte(202).writeShort(2).writeInt(INCOMING_SSRC)
                .writeByte(RtcpPacket.SDES_CNAME).writeByte(1).writeByte('a').writeByte(0);
        fromUpstream = new MediaStream(new StreamStats(8000, 101), new StreamRewriter(0x0C0C_0C0CL, 8000, 0, 0),
                new MediaCounters(), 60_000_000L, 0);
        fromCaller = new MediaStream(new StreamStats(8000, 101), new StreamRewriter(0x0D0D_0D0DL, 8000, 0, 0),
                new MediaCounters(), 60_000_000L, 0);
    }

    /** Releases the buffers. */
    @TearDown
    public void tearDown() {
        rtp.release();
        rtcp.release();
    }

    /** Validate, account and rewrite one RTP packet in place. */
    @Benchmark
    public ForwardOutcome forwardRtp() {
        rtp.setShort(RtpHeader.SEQUENCE_OFFSET, sequence);
        rtp.setInt(RtpHeader.TIMESTAMP_OFFSET, (int) timestamp);
        rtp.setInt(RtpHeader.SSRC_OFFSET, INCOMING_SSRC);
        sequence = (sequence + 1) & 0xFFFF;
        timestamp += PAYLOAD_LENGTH;
        nowNs += FRAME_NS;
        return fromUpstream.forwardRtp(rtp, nowNs);
    }

    /** Validate (A.2) one SR + SDES compound and map its SSRCs in place. */
    @Benchmark
    public ForwardOutcome forwardRtcp() {
        rtcp.setInt(RtcpPacket.SSRC_OFFSET, INCOMING_SSRC);
        nowNs += FRAME_NS;
        return fromUpstream.forwardRtcp(rtcp, nowNs, fromCaller);
    }
}
