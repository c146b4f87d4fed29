package io.holdfast.sip.transport;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.parse.SipParseException;
import io.holdfast.sip.parse.SipParser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * Adapts one loop's UDP socket to its {@link SipLoop}: each datagram is parsed into a message (copied
 * once) and released; keep-alive datagrams (only CR and LF, RFC 5626 §4.4.1) are ignored. Nothing is thrown
 * onto the loop: failures are counted and logged once. One instance per channel, confined to its loop.
 */
final class UdpSipHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final SipLoop loop;
    private final SipParser parser;

    UdpSipHandler(SipLoop loop, SipParser parser) {
        super(true);
        this.loop = loop;
        this.parser = parser;
    }

    /** Borrows the datagram; {@link SimpleChannelInboundHandler} releases it after this returns. */
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        if (isKeepAlive(content)) {
            return;
        }
        SipMessage message;
        try {
            message = parser.parse(content, SipParser.Framing.DATAGRAM);
        } catch (SipParseException e) {
            loop.refuse(e, packet.sender(), null);
            return;
        }
        loop.receive(message, packet.sender(), null);
    }

    private static boolean isKeepAlive(ByteBuf content) {
        for (int i = content.readerIndex(); i < content.writerIndex(); i++) {
            byte b = content.getByte(i);
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        loop.channelError("UDP " + ctx.channel().localAddress(), cause);
    }
}
