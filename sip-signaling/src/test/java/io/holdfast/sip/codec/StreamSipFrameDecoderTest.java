package io.holdfast.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.parse.MessageComparison;
import io.holdfast.sip.parse.SipCorpus;
import io.holdfast.sip.parse.SipParseException;
import io.holdfast.sip.parse.SipParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stream decoder over every stream-framed corpus message: whole, split in two at every byte, one
 * byte at a time, and all messages coalesced in one buffer with keep-alive pings between them.
 */
class StreamSipFrameDecoderTest {
    private final SipCounters counters = new SipCounters();

    static List<SipCorpus.Valid> streamable() {
        return SipCorpus.streamable();
    }

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new StreamSipFrameDecoder(new SipParser(), counters));
    }

    private static ByteBuf direct(byte[] bytes, int offset, int length) {
        return PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(length, 1)).writeBytes(bytes, offset, length);
    }

    private static SipMessage expected(byte[] bytes) throws SipParseException {
        return new SipParser().parse(bytes, 0, bytes.length, SipParser.Framing.STREAM);
    }

    @ParameterizedTest
    @MethodSource("streamable")
    void shouldDecodeTheMessageWhenFedWhole(SipCorpus.Valid message) throws Exception {
        EmbeddedChannel channel = channel();
        ByteBuf in = direct(message.bytes(), 0, message.bytes().length);

        channel.writeInbound(in);

        ReceivedSipMessage received = channel.readInbound();
        MessageComparison.assertEquivalent(received.message(), expected(message.bytes()));
        assertThat(in.refCnt()).isZero();
        assertFalse(channel.finish());
        assertThat(counters.get(SipCounter.SIP_MESSAGES_DECODED)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("streamable")
    void shouldDecodeTheMessageWhenSplitInTwoAtEveryByte(SipCorpus.Valid message) throws Exception {
        byte[] bytes = message.bytes();
        SipMessage expected = expected(bytes);
        for (int split = 1; split < bytes.length; split++) {
            EmbeddedChannel channel = channel();
            ByteBuf first = direct(bytes, 0, split);
            ByteBuf second = direct(bytes, split, bytes.length - split);

            channel.writeInbound(first);
            assertThat(channel.<Object>readInbound()).as("split at %d", split).isNull();
            channel.writeInbound(second);

            ReceivedSipMessage received = channel.readInbound();
            assertThat(received).as("split at %d", split).isNotNull();
            assertThat(received.message().callId()).isEqualTo(expected.callId());
            assertThat(received.message().body()).isEqualTo(expected.body());
            assertThat(first.refCnt()).isZero();
            assertThat(second.refCnt()).isZero();
            assertFalse(channel.finish());
        }
        assertThat(counters.get(SipCounter.SIP_MESSAGES_DECODED)).isEqualTo(bytes.length - 1);
    }

    @ParameterizedTest
    @MethodSource("streamable")
    void shouldDecodeTheMessageWhenFedOneByteAtATime(SipCorpus.Valid message) throws Exception {
        byte[] bytes = message.bytes();
        EmbeddedChannel channel = channel();
        List<ByteBuf> inputs = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            ByteBuf one = direct(bytes, i, 1);
            inputs.add(one);
            channel.writeInbound(one);
        }

        ReceivedSipMessage received = channel.readInbound();
        MessageComparison.assertEquivalent(received.message(), expected(bytes));
        assertThat(inputs).allSatisfy(b -> assertThat(b.refCnt()).isZero());
        assertFalse(channel.finish());
    }

    @Test
    void shouldDecodeEveryMessageInOrderWhenAllAreCoalescedWithPings() throws Exception {
        List<SipCorpus.Valid> all = SipCorpus.streamable();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < all.size(); i++) {
            stream.writeBytes(all.get(i).bytes());
            if (i % 3 == 0) {
                stream.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        byte[] bytes = stream.toByteArray();
        EmbeddedChannel channel = channel();
        ByteBuf in = direct(bytes, 0, bytes.length);

        channel.writeInbound(in);

        for (SipCorpus.Valid message : all) {
            ReceivedSipMessage received = channel.readInbound();
            assertThat(received).as(message.file()).isNotNull();
            MessageComparison.assertEquivalent(received.message(), expected(message.bytes()));
        }
        int pongs = 0;
        for (ByteBuf pong; (pong = channel.readOutbound()) != null; pongs++) {
            assertThat(pong.toString(StandardCharsets.US_ASCII)).isEqualTo("\r\n");
            pong.release();
        }
        assertThat(pongs).isEqualTo((all.size() + 2) / 3);
        assertThat(counters.get(SipCounter.SIP_KEEPALIVE_PINGS_RECEIVED)).isEqualTo(pongs);
        assertThat(in.refCnt()).isZero();
        assertFalse(channel.finish());
    }

    @Test
    void shouldDecodeEveryMessageWhenTheCoalescedStreamArrivesInOddChunks() throws Exception {
        List<SipCorpus.Valid> all = SipCorpus.streamable();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        all.forEach(m -> stream.writeBytes(m.bytes()));
        byte[] bytes = stream.toByteArray();
        EmbeddedChannel channel = channel();
        List<ByteBuf> inputs = new ArrayList<>();
        int chunk = 1;
        for (int offset = 0; offset < bytes.length; offset += chunk, chunk = chunk * 7 % 1013 + 1) {
            ByteBuf part = direct(bytes, offset, Math.min(chunk, bytes.length - offset));
            inputs.add(part);
            channel.writeInbound(part);
        }

        for (SipCorpus.Valid message : all) {
            ReceivedSipMessage received = channel.readInbound();
            assertThat(received).as(message.file()).isNotNull();
            MessageComparison.assertEquivalent(received.message(), expected(message.bytes()));
        }
        assertThat(inputs).allSatisfy(b -> assertThat(b.refCnt()).isZero());
        assertFalse(channel.finish());
    }

    @Test
    void shouldAnswerAPingWithAPongWhenDoubleCrlfArrives() {
        EmbeddedChannel channel = channel();
        ByteBuf ping = direct("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, 4);

        channel.writeInbound(ping);

        ByteBuf pong = channel.readOutbound();
        assertThat(pong.toString(StandardCharsets.US_ASCII)).isEqualTo("\r\n");
        pong.release();
        assertThat(counters.get(SipCounter.SIP_KEEPALIVE_PONGS_SENT)).isEqualTo(1);
        assertThat(ping.refCnt()).isZero();
        assertFalse(channel.finish());
    }

    @Test
    void shouldCountAPongAndNotAnswerWhenASingleCrlfArrives() {
        EmbeddedChannel channel = channel();
        ByteBuf crlf = direct("\r\n".getBytes(StandardCharsets.US_ASCII), 0, 2);

        channel.writeInbound(crlf);

        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(counters.get(SipCounter.SIP_KEEPALIVE_PONGS_RECEIVED)).isEqualTo(1);
        assertFalse(channel.finish());
    }

    @Test
    void shouldCloseTheConnectionAndSkipTheRestWhenContentLengthIsMissing() {
        byte[] bytes = SipCorpus.invalid().stream().filter(m -> m.file().equals("stream-missing-cl.sip"))
                .findFirst().orElseThrow().bytes();
        byte[] twice = new byte[bytes.length * 2];
        System.arraycopy(bytes, 0, twice, 0, bytes.length);
        System.arraycopy(bytes, 0, twice, bytes.length, bytes.length);
        EmbeddedChannel channel = channel();
        ByteBuf in = direct(twice, 0, twice.length);

        channel.writeInbound(in);

        assertThat(channel.isActive()).isFalse();
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(counters.get(SipCounter.SIP_STREAM_FRAMING_ERRORS)).isEqualTo(1);
        assertThat(counters.get(SipCounter.SIP_DROPPED_MALFORMED)).isEqualTo(1);
        assertThat(in.refCnt()).isZero();
        assertFalse(channel.finish());
    }

    @Test
    void shouldPassOnAnAnswerableFailureWhenAFramedMessageIsMalformed() {
        byte[] bytes = SipCorpus.invalid().stream().filter(m -> m.file().equals("mismatch01.sip"))
                .findFirst().orElseThrow().bytes();
        EmbeddedChannel channel = channel();
        ByteBuf in = direct(bytes, 0, bytes.length);

        channel.writeInbound(in);

        SipDecodeFailure failure = channel.readInbound();
        assertThat(failure.cause().rule()).isEqualTo(SipParseException.Rule.CSEQ_METHOD_MISMATCH);
        assertThat(failure.canRespond()).isTrue();
        assertThat(failure.badRequestContext().callId()).isEqualTo("mismatch01.dj0234sxdfl3");
        assertThat(channel.isActive()).isTrue();
        assertThat(counters.get(SipCounter.SIP_MALFORMED_ANSWERABLE)).isEqualTo(1);
        assertThat(in.refCnt()).isZero();
        assertFalse(channel.finish());
    }

    @Test
    void shouldDropAndCountWhenTheStreamEndsInsideAMessage() {
        byte[] bytes = SipCorpus.valid("invite-sdp.sip").bytes();
        EmbeddedChannel channel = channel();
        ByteBuf half = direct(bytes, 0, bytes.length / 2);

        channel.writeInbound(half);

        assertFalse(channel.finish());
        assertThat(counters.get(SipCounter.SIP_STREAM_TRUNCATED)).isEqualTo(1);
        assertThat(half.refCnt()).isZero();
    }
}
