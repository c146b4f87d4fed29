package io.holdfast.sip.transport;

import io.holdfast.sip.codec.ReceivedSipMessage;
import io.holdfast.sip.codec.SipDecodeFailure;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last inbound handler of every SIP channel: hands what the codec decoded ({@link ReceivedSipMessage},
 * {@link SipDecodeFailure}) to its loop's {@link SipLoop}. Nothing is thrown onto the loop: an exception
 * (from the codec or from the transaction user) is counted and logged once; on a stream it also closes the
 * connection, whose state can no longer be trusted. One instance per channel, confined to its loop.
 */
final class SipInboundHandler extends ChannelInboundHandlerAdapter {
    private final SipLoop loop;
    private final boolean stream;

    /** @param stream true on a TCP connection (responses go back on it), false on a UDP socket */
    SipInboundHandler(SipLoop loop, boolean stream) {
        this.loop = loop;
        this.stream = stream;
    }

    /** Takes ownership of {@code msg}: decoded messages hold no buffer, anything else is released. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel connection = stream ? ctx.channel() : null;
        if (msg instanceof ReceivedSipMessage received) {
            loop.receive(received.message(), received.sender(), connection);
        } else if (msg instanceof SipDecodeFailure failure) {
            loop.refuse(failure.cause(), failure.sender(), connection);
        } else {
            ReferenceCountUtil.release(msg);
            loop.counters().increment(TransportCounter.UNEXPECTED_INBOUND_DROPPED);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        loop.channelError((stream ? "TCP " : "UDP ") + ctx.channel(), cause);
        if (stream) {
            ctx.close();
        }
    }
}
