package io.holdfast.rtp.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * Adapts one media channel to its {@link MediaSession}: every datagram read is handed over (ownership included),
 * the end of a read batch flushes what the session wrote, exceptions (ICMP port unreachable among them) go to the
 * session. One instance per channel (it knows the channel's side), so not {@code @Sharable}. Runs on the channel's
 * event loop.
 */
final class RtpRelayHandler extends ChannelInboundHandlerAdapter {

    private final MediaSession session;
    private final MediaEndpoint endpoint;
    private final boolean rtcp;

    RtpRelayHandler(MediaSession session, MediaEndpoint endpoint, boolean rtcp) {
        this.session = session;
        this.endpoint = endpoint;
        this.rtcp = rtcp;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket) {
            session.onDatagram(endpoint, rtcp, (DatagramPacket) msg);
        } else {
            ReferenceCountUtil.release(msg);
            session.countNotRtp();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.flushPending();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.onChannelException(endpoint, cause);
    }

    @Override
    public String toString() {
        return "RtpRelayHandler(" + session.id() + ", " + endpoint.side + (rtcp ? " RTCP)" : " RTP)");
    }
}
