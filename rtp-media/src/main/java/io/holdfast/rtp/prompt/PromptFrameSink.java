package io.holdfast.rtp.prompt;

import io.netty.buffer.ByteBuf;

/**
 * Where a {@link PromptPlayer} sends its frames: the caller-facing stream of one call, which wraps
 * each payload in an RTP packet (SSRC, sequence number and timestamp continuing the stream) and
 * sends it. Called on the event loop that owns the call, once per frame, from the loop's
 * {@link PromptTicker}.
 */
@FunctionalInterface
public interface PromptFrameSink {
    /**
     * Sends one frame.
     *
     * @param payload Borrows; does not retain. One whole encoded frame, exactly its readable bytes
     *        ({@link EncodedPrompt#FRAME_BYTES}), in the codec the player was started with. The buffer
     *        is a read-only view whose indices belong to the player; it is reused for the next frame as
     *        soon as this method returns. Copy the bytes into the outgoing packet's buffer and do not
     *        keep, release or write to it; moving its indices is harmless. To copy without allocating,
     *        use {@code payload.getBytes(payload.readerIndex(), packet, packet.writerIndex(), n)} and
     *        then advance {@code packet}'s writer index by {@code n}: in a quick check on Netty 4.2.18,
     *        {@code packet.writeBytes(payload, ...)} into a pooled direct buffer allocated about 60
     *        bytes per call and {@code getBytes} none.
     * @param samples the samples this frame covers at the codec's clock rate
     *        ({@link EncodedPrompt#FRAME_SAMPLES}): the outgoing RTP timestamp advances by this much per
     *        frame. This is the packet clock; the sink must not derive timestamps from wall time
     *        between prompt frames.
     * @param firstFrame true for the first frame after {@link PromptPlayer#start}: set the RTP marker
     *        bit (start of a talkspurt, RFC 3551 §4.1) and re-base the outgoing timestamp after the gap
     *        since the last forwarded packet; false for every other frame, including loop wraps
     */
    void sendFrame(ByteBuf payload, int samples, boolean firstFrame);
}
