package io.holdfast.benchmarks.sim;

import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.packet.RtpPacketKind;
import io.holdfast.rtp.packet.RtpValidation;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.PortUnreachableException;

/**
 * The Netty side of a simulated party's RTP port: hands every valid RTP packet to its {@link Sink}, counts
 * the rest, and reports ICMP port unreachable (a {@link PortUnreachableException} on a connected channel).
 * One per channel; runs on the party's loop.
 */
final class RtpReceiveHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    /** Where received packets go. Called on the party's loop. */
    interface Sink {
        /** A valid RTP packet. Borrows {@code rtp}; does not retain (the handler releases the datagram). */
        void onRtp(RtpHeader rtp);

        /** A datagram that is not valid RTP (RTCP included). */
        void onOther();

        /** The peer's port answered ICMP port unreachable. */
        void onPortUnreachable();
    }

    private final Sink sink;
    private final RtpHeader header = new RtpHeader();

    RtpReceiveHandler(Sink sink) {
        this.sink = sink;
    }

    /** Borrows {@code packet}; the base class releases it. */
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        int offset = content.readerIndex();
        int length = content.readableBytes();
        if (RtpPacketKind.classify(content, offset, length) == RtpPacketKind.RTP
                && RtpValidation.validateRtp(header.wrap(content, offset, length)).isValid()) {
            sink.onRtp(header);
        } else {
            sink.onOther();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof PortUnreachableException) {
            sink.onPortUnreachable();
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
