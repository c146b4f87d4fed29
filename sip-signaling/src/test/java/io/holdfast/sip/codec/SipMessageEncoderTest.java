package io.holdfast.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMessageWriter;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.parse.SipCorpus;
import io.holdfast.sip.parse.SipParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.EncoderException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SipMessageEncoderTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new SipMessageEncoder());

    private static SipMessage invite() throws Exception {
        byte[] bytes = SipCorpus.valid("invite-sdp.sip").bytes();
        return new SipParser().parse(bytes, 0, bytes.length, SipParser.Framing.DATAGRAM);
    }

    @Test
    void shouldWriteTheWriterBytesWhenGivenAMessage() throws Exception {
        SipMessage message = invite();

        channel.writeOutbound(message);

        ByteBuf out = channel.readOutbound();
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(SipMessageWriter.toByteArray(message));
        out.release();
        assertFalse(channel.finish());
    }

    @Test
    void shouldWriteADatagramToTheRecipientWhenTheMessageIsAddressed() throws Exception {
        SipMessage message = invite();
        InetSocketAddress recipient = new InetSocketAddress("198.51.100.7", 5060);

        channel.writeOutbound(new AddressedSipMessage(message, recipient));

        DatagramPacket packet = channel.readOutbound();
        assertThat(packet.recipient()).isEqualTo(recipient);
        assertThat(ByteBufUtil.getBytes(packet.content())).isEqualTo(SipMessageWriter.toByteArray(message));
        packet.release();
        assertFalse(channel.finish());
    }

    @Test
    void shouldFailTheWriteAndLeakNothingWhenTheWriterRefusesAValue() throws Exception {
        SipMessage injected = ((SipRequest) invite()).toBuilder().addHeader("Subject", "x\r\nVia: evil").build();

        ChannelFuture write = channel.writeOneOutbound(injected);
        channel.flushOutbound();

        assertThat(write.cause()).isInstanceOf(EncoderException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(channel.<Object>readOutbound()).isNull();
        assertFalse(channel.finish());
    }

    @Test
    void shouldPassOtherMessagesThroughWhenTheyAreNotSip() {
        channel.writeOutbound("not sip");

        assertThat(channel.<Object>readOutbound()).isEqualTo("not sip");
        assertFalse(channel.finish());
    }
}
