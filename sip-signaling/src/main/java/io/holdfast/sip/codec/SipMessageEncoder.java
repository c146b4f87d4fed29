package io.holdfast.sip.codec;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMessageWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes outbound SIP with {@link SipMessageWriter}: a {@link SipMessage} becomes a buffer (streams), an
 * {@link AddressedSipMessage} a {@link DatagramPacket} to its recipient. A message the writer refuses
 * fails its write promise (its buffer is released first); nothing else is affected.
 *
 * <p>Stateless: one instance may serve every channel.
 */
@ChannelHandler.Sharable
public final class SipMessageEncoder extends MessageToMessageEncoder<Object> {
    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof SipMessage || msg instanceof AddressedSipMessage;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        if (msg instanceof AddressedSipMessage addressed) {
            out.add(new DatagramPacket(write(ctx.alloc(), addressed.message()), addressed.recipient(),
                    addressed.sender()));
        } else {
            out.add(write(ctx.alloc(), (SipMessage) msg));
        }
    }

    /** Returns a retained buffer holding the message. */
    private static ByteBuf write(ByteBufAllocator alloc, SipMessage message) {
        ByteBuf buf = alloc.buffer(SipMessageWriter.estimatedSize(message));
        try {
            SipMessageWriter.write(message, buf);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }
}
