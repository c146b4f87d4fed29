package io.holdfast.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.parse.MessageComparison;
import io.holdfast.sip.parse.SipCorpus;
import io.holdfast.sip.parse.SipParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatagramSipMessageDecoderTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.10", 5062);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);

    private final SipCounters counters = new SipCounters();
    private final EmbeddedChannel channel =
            new EmbeddedChannel(new DatagramSipMessageDecoder(new SipParser(), counters));

    static List<SipCorpus.Valid> valid() {
        return SipCorpus.valid();
    }

    static List<SipCorpus.Invalid> datagramInvalid() {
        return SipCorpus.invalid().stream().filter(m -> m.framing() == SipParser.Framing.DATAGRAM).toList();
    }

    private static DatagramPacket packet(byte[] bytes) {
        ByteBuf content = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
        return new DatagramPacket(content, LOCAL, PEER);
    }

    @ParameterizedTest
    @MethodSource("valid")
    void shouldPassOnTheMessageWithItsAddressesWhenTheDatagramIsValid(SipCorpus.Valid message) throws Exception {
        DatagramPacket packet = packet(message.bytes());

        channel.writeInbound(packet);

        ReceivedSipMessage received = channel.readInbound();
        assertThat(received.sender()).isEqualTo(PEER);
        assertThat(received.recipient()).isEqualTo(LOCAL);
        byte[] bytes = message.bytes();
        MessageComparison.assertEquivalent(received.message(),
                new SipParser().parse(bytes, 0, bytes.length, SipParser.Framing.DATAGRAM));
        assertThat(packet.refCnt()).isZero();
        assertFalse(channel.finish());
        assertThat(counters.get(SipCounter.SIP_MESSAGES_DECODED)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("datagramInvalid")
    void shouldPassOnACountedFailureWhenTheDatagramIsInvalid(SipCorpus.Invalid message) {
        DatagramPacket packet = packet(message.bytes());

        channel.writeInbound(packet);

        SipDecodeFailure failure = channel.readInbound();
        assertThat(failure.cause().rule()).isEqualTo(message.rule());
        assertThat(failure.canRespond()).isEqualTo(message.respond());
        assertThat(failure.sender()).isEqualTo(PEER);
        assertThat(counters.get(message.respond() ? SipCounter.SIP_MALFORMED_ANSWERABLE
                : SipCounter.SIP_DROPPED_MALFORMED)).isEqualTo(1);
        assertThat(counters.get(SipCounter.SIP_DROPPED_TOO_LONG)).isEqualTo(message.rule().isLimit() ? 1 : 0);
        assertThat(packet.refCnt()).isZero();
        assertFalse(channel.finish());
    }

    @Test
    void shouldDropAndCountWhenTheDatagramIsAKeepAlive() {
        DatagramPacket packet = packet("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        channel.writeInbound(packet);

        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(counters.get(SipCounter.SIP_DATAGRAM_KEEPALIVES_RECEIVED)).isEqualTo(1);
        assertThat(packet.refCnt()).isZero();
        assertFalse(channel.finish());
    }

    @Test
    void shouldDiscardTheBytesAfterContentLengthWhenADatagramHoldsMore() {
        DatagramPacket packet = packet(SipCorpus.valid("dblreq.sip").bytes());

        channel.writeInbound(packet);

        ReceivedSipMessage received = channel.readInbound();
        assertThat(((SipRequest) received.message()).methodToken()).isEqualTo("REGISTER");
        assertThat(received.message().bodyLength()).isZero();
        assertThat(channel.<Object>readInbound()).isNull();
        assertFalse(channel.finish());
    }

    @Test
    void shouldPassOnAFailureWhenTheDatagramIsEmptyOfSip() {
        DatagramPacket packet = packet(new byte[] {0, 1, 0, 0, 0x21, 0x12, (byte) 0xa4, 0x42});

        channel.writeInbound(packet);

        SipDecodeFailure failure = channel.readInbound();
        assertThat(failure.canRespond()).isFalse();
        assertThat(packet.refCnt()).isZero();
        assertFalse(channel.finish());
    }
}
