package io.holdfast.benchmarks.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.packet.RtpSequenceNumber;
import io.holdfast.rtp.packet.RtpTimestamp;
import io.holdfast.rtp.packet.RtpValidation;
import io.holdfast.rtp.prompt.PromptCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtpStreamWriterTest {
    private static final AgentVoice VOICE = AgentVoice.tone(400);

    private record Packet(int pt, boolean marker, int seq, long ts, long ssrc, byte[] payload) {
    }

    private static Packet read(ByteBuf buffer) {
        try {
            RtpHeader header = new RtpHeader().wrap(buffer);
            assertThat(RtpValidation.validateRtp(header)).isEqualTo(RtpValidation.Result.VALID);
            return new Packet(header.payloadType(), header.marker(), header.sequenceNumber(), header.timestamp(),
                    header.ssrc(), ByteBufUtil.getBytes(buffer, header.payloadIndex(), header.payloadLength()));
        } finally {
            buffer.release();
        }
    }

    @Test
    void shouldSendOneStreamWithContiguousSequenceAndTwentyMillisecondTimestampsWhenWriting() {
        RtpStreamWriter writer = new RtpStreamWriter(VOICE, PromptCodec.PCMA, 8);
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            packets.add(read(writer.nextPacket(ByteBufAllocator.DEFAULT)));
        }

        assertThat(packets.get(0).marker()).isTrue();
        for (int i = 1; i < packets.size(); i++) {
            Packet previous = packets.get(i - 1);
            Packet packet = packets.get(i);
            assertThat(packet.marker()).isFalse();
            assertThat(packet.seq()).isEqualTo(RtpSequenceNumber.next(previous.seq()));
            assertThat(packet.ts()).isEqualTo(RtpTimestamp.add(previous.ts(), 160));
            assertThat(packet.ssrc()).isEqualTo(writer.ssrc());
            assertThat(packet.pt()).isEqualTo(8);
            assertThat(packet.payload()).isEqualTo(VOICE.frame(PromptCodec.PCMA, i));
        }
    }

    @Test
    void shouldMoveTheTimestampAndMarkTheNextPacketWhenAFrameIsSkipped() {
        RtpStreamWriter writer = new RtpStreamWriter(VOICE, PromptCodec.PCMU, 0);
        Packet before = read(writer.nextPacket(ByteBufAllocator.DEFAULT));

        writer.skipFrame();
        writer.skipFrame();
        Packet after = read(writer.nextPacket(ByteBufAllocator.DEFAULT));

        assertThat(after.marker()).isTrue();
        assertThat(after.seq()).isEqualTo(RtpSequenceNumber.next(before.seq()));
        assertThat(after.ts()).isEqualTo(RtpTimestamp.add(before.ts(), 3 * 160));
    }

    @Test
    void shouldDrawItsOwnSsrcWhenTwoStreamsStart() {
        long first = new RtpStreamWriter(VOICE, PromptCodec.PCMU, 0).ssrc();
        long second = new RtpStreamWriter(VOICE, PromptCodec.PCMU, 0).ssrc();
        long third = new RtpStreamWriter(VOICE, PromptCodec.PCMU, 0).ssrc();

        assertThat(List.of(first, second, third)).doesNotHaveDuplicates()
                .allSatisfy(ssrc -> assertThat(ssrc).isBetween(0L, 0xFFFF_FFFFL));
    }
}
