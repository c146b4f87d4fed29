package io.holdfast.rtp.relay;

import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.prompt.EncodedPrompt;
import io.holdfast.rtp.prompt.PromptCodec;
import io.holdfast.rtp.prompt.PromptFrameSink;
import io.holdfast.rtp.stats.MediaCounter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.Objects;

/**
 * Plays a {@link io.holdfast.rtp.prompt.PromptPlayer} into a {@link MediaSession}'s caller-facing stream: each
 * payload becomes one RTP packet (fixed 12-byte header, the codec's static payload type) that
 * {@link MediaSession#sendToCaller} stamps through the session's {@link StreamRewriter}, so relayed audio, prompt and
 * the next upstream's audio form one stream: one SSRC, contiguous sequence numbers, timestamps advancing by the
 * packet clock (160 per 20 ms frame), marker on the first prompt frame.
 *
 * <p>No allocation per frame: the packet is built in one pooled direct buffer, taken from the caller-facing
 * channel's allocator on the first frame and reused for every later one. The session takes ownership of what it
 * is given, so each frame is handed over with one extra reference; once the channel has written and released it,
 * the buffer is back to this sink's single reference and is reused. A buffer still held by the channel (its socket
 * buffer was full, the write is queued) is never overwritten: that frame goes in a fresh buffer, and the sink keeps
 * the fresh one from then on ({@link #buffersReplaced()}). {@link #close()} releases the buffer; call it when the
 * session closes.
 *
 * <p>It lives in {@code relay} rather than {@code prompt}: the prompt package declares what it needs (the
 * {@link PromptFrameSink} interface) and knows nothing of sessions or sockets; the relay implements it, so the
 * dependency points one way, {@code relay → prompt}, and the adapter may use the session's package-private channel
 * for its allocator.
 *
 * <p>Confined to the session's event loop (the loop whose {@link io.holdfast.rtp.prompt.PromptTicker} drives the
 * player).
 */
public final class CallerPromptSink implements PromptFrameSink {

    /** Length of the packets built here: fixed RTP header plus one G.711 frame. */
    public static final int PACKET_LENGTH = RtpHeader.FIXED_HEADER_LENGTH + EncodedPrompt.FRAME_BYTES;

    private final MediaSession session;
    private final int payloadType;
    private final RtpHeader header = new RtpHeader();
    private ByteBuf packet;
    private boolean closed;
    private long framesSent;
    private long framesDropped;
    private long buffersReplaced;

    /**
     * Creates the sink of one call's prompt.
     *
     * @param session the session whose caller hears the prompt
     * @param codec the codec the player plays (it gives the RTP payload type)
     */
    public CallerPromptSink(MediaSession session, PromptCodec codec) {
        this.session = Objects.requireNonNull(session, "session");
        this.payloadType = Objects.requireNonNull(codec, "codec").payloadType();
    }

    /**
     * Builds the RTP packet around {@code payload} and hands it to {@link MediaSession#sendToCaller}.
     *
     * @param payload Borrows; does not retain. Exactly one frame in its readable bytes.
     * @param samples the frame's duration in clock units
     * @param firstFrame sets the marker (the rewriter also re-bases the timestamp after forwarded media)
     */
    @Override
    public void sendFrame(ByteBuf payload, int samples, boolean firstFrame) {
        final int length = payload.readableBytes();
        final long nowNs = session.loop().clock().nanoTime();
        final ByteBuf frame = packetFor(length);
        if (frame == null) {
            framesDropped++;
            session.loop().counters().increment(MediaCounter.LOCAL_FRAMES_DROPPED_NO_TARGET);
            return;
        }
        frame.setIndex(0, 0);
        payload.getBytes(payload.readerIndex(), frame, RtpHeader.FIXED_HEADER_LENGTH, length);
        frame.writerIndex(RtpHeader.FIXED_HEADER_LENGTH + length);
        header.wrap(frame).writeFixedHeader(payloadType, firstFrame, 0, 0, 0);
        if (session.sendToCaller(frame.retain(), samples, firstFrame, nowNs)) {
            framesSent++;
        } else {
            framesDropped++;
        }
    }

    /** Releases the packet buffer; later frames are dropped and counted. Idempotent. */
    public void close() {
        closed = true;
        if (packet != null) {
            packet.release();
            packet = null;
        }
    }

    /** Returns the frames handed to the session and accepted by it. */
    public long framesSent() {
        return framesSent;
    }

    /** Returns the frames dropped: sink closed, session not open, or the session refused them. */
    public long framesDropped() {
        return framesDropped;
    }

    /** Returns how often the buffer was still held by the channel and a fresh one was taken instead. */
    public long buffersReplaced() {
        return buffersReplaced;
    }

    /**
     * Returns the buffer to build the next packet in, with this sink's single reference, or null when the sink is
     * closed or the session has no caller-facing channel.
     */
    private ByteBuf packetFor(int payloadLength) {
        if (closed || session.state() != MediaSession.State.OPEN) {
            return null;
        }
        final int capacity = RtpHeader.FIXED_HEADER_LENGTH + payloadLength;
        if (packet != null && packet.refCnt() == 1 && packet.capacity() >= capacity) {
            return packet;
        }
        final Channel channel = session.endpoint(MediaSide.CALLER).rtpChannel;
        if (channel == null) {
            return null;
        }
        if (packet != null) {
            packet.release();
            buffersReplaced++;
        }
        packet = channel.alloc().directBuffer(Math.max(capacity, PACKET_LENGTH));
        return packet;
    }
}
