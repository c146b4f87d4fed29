package io.holdfast.benchmarks.sim;

import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.packet.RtpSequenceNumber;
import io.holdfast.rtp.packet.RtpTimestamp;
import io.holdfast.rtp.prompt.EncodedPrompt;
import io.holdfast.rtp.prompt.PromptCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One outgoing RTP stream of a simulated party (RFC 3550 §5.1): its own random SSRC, sequence number and
 * timestamp origin, one {@link AgentVoice} frame of 20 ms per packet, the timestamp moving 160 samples per
 * frame whether the frame is sent or skipped (silence), and the marker bit on the first packet of every
 * talk spurt. Confined to its owner's event loop.
 */
final class RtpStreamWriter {
    private final AgentVoice voice;
    private final PromptCodec codec;
    private final int payloadType;
    private final long ssrc;
    private final RtpHeader header = new RtpHeader();
    private int sequenceNumber;
    private long timestamp;
    private long frameIndex;
    private boolean talkSpurtStart = true;

    RtpStreamWriter(AgentVoice voice, PromptCodec codec, int payloadType) {
        this.voice = voice;
        this.codec = codec;
        this.payloadType = payloadType;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.ssrc = random.nextLong(1L << 32);
        this.sequenceNumber = random.nextInt(RtpSequenceNumber.RTP_SEQ_MOD);
        this.timestamp = random.nextLong(RtpTimestamp.MODULUS);
    }

    long ssrc() {
        return ssrc;
    }

    /** The next packet; the stream moves one frame. Returns a retained buffer: the caller writes or releases it. */
    ByteBuf nextPacket(ByteBufAllocator allocator) {
        byte[] frame = voice.frame(codec, frameIndex);
        ByteBuf packet = allocator.buffer(RtpHeader.FIXED_HEADER_LENGTH + frame.length);
        packet.writerIndex(RtpHeader.FIXED_HEADER_LENGTH);
        header.wrap(packet, 0, RtpHeader.FIXED_HEADER_LENGTH)
                .writeFixedHeader(payloadType, talkSpurtStart, sequenceNumber, timestamp, ssrc);
        packet.writeBytes(frame);
        talkSpurtStart = false;
        sequenceNumber = RtpSequenceNumber.next(sequenceNumber);
        advance();
        return packet;
    }

    /** A frame of silence: nothing is sent, time moves on, and the next packet starts a talk spurt. */
    void skipFrame() {
        talkSpurtStart = true;
        advance();
    }

    private void advance() {
        timestamp = RtpTimestamp.add(timestamp, EncodedPrompt.FRAME_SAMPLES);
        frameIndex++;
    }
}
