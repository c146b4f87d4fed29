package io.holdfast.sip.transport;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.parse.SipParseException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;

/**
 * Adapts a TCP connection's decoded messages to its loop's {@link SipLoop}. A message that does not parse is
 * refused with 400 when it can be (the framing survives a bad header); anything else that goes wrong is
 * counted, logged once and closes the connection. One instance per connection, confined to its loop.
 */
final class TcpSipHandler extends ChannelInboundHandlerAdapter {
    private final SipLoop loop;

    TcpSipHandler(SipLoop loop) {
        this.loop = loop;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SipMessage message) {
            loop.receive(message, (InetSocketAddress) ctx.channel().remoteAddress(), ctx.channel());
        } else {
            ReferenceCountUtil.release(msg);
            loop.counters().increment(TransportCounter.MALFORMED_DROPPED);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        SipParseException parseFailure = parseFailureOf(cause);
        if (parseFailure != null) {
            loop.refuse(parseFailure, (InetSocketAddress) ctx.channel().remoteAddress(), ctx.channel());
            return;
        }
        loop.channelError("TCP " + ctx.channel(), cause);
        ctx.close();
    }

    private static SipParseException parseFailureOf(Throwable cause) {
        if (cause instanceof SipParseException direct) {
            return direct;
        }
        if (cause instanceof DecoderException && cause.getCause() instanceof SipParseException wrapped) {
            return wrapped;
        }
        return null;
    }
}
