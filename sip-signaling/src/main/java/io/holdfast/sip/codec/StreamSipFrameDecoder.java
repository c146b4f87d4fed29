package io.holdfast.sip.codec;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.parse.SipFramer;
import io.holdfast.sip.parse.SipParseException;
import io.holdfast.sip.parse.SipParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames SIP on a stream (TCP, TLS) with {@link SipFramer} and parses each frame in place with
 * {@link SipParser}, emitting a {@link ReceivedSipMessage} or, for a well-framed but malformed message,
 * a {@link SipDecodeFailure}. Answers an RFC 5626 double-CRLF ping with a CRLF pong. A framing error
 * (no or bad Content-Length, bare CR or LF, a limit exceeded) is counted and the connection closed:
 * the stream cannot be resynchronised. Nothing is thrown onto the pipeline.
 *
 * <p>One per connection; confined to its channel's event loop.
 */
public final class StreamSipFrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSipFrameDecoder.class);
    private static final byte[] PONG = {'\r', '\n'};

    private final SipParser parser;
    private final SipFramer framer;
    private final SipCounters counters;
    private boolean closing;
    private boolean bugLogged;

    /**
     * @param parser   confined to this channel's event loop (may be shared with its other channels)
     * @param counters this event loop's counters
     */
    public StreamSipFrameDecoder(SipParser parser, SipCounters counters) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.framer = new SipFramer(parser.limits());
    }

    /** Borrows; does not retain: consumes from the cumulation what it frames (all of it once the stream is broken). */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (closing) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable()) {
            SipFramer.Outcome outcome = framer.decode(in);
            switch (outcome) {
                case NEED_MORE -> {
                    return;
                }
                case PING -> {
                    in.skipBytes(framer.frameLength());
                    counters.increment(SipCounter.SIP_KEEPALIVE_PINGS_RECEIVED);
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG));
                    counters.increment(SipCounter.SIP_KEEPALIVE_PONGS_SENT);
                }
                case PONG -> {
                    in.skipBytes(framer.frameLength());
                    counters.increment(SipCounter.SIP_KEEPALIVE_PONGS_RECEIVED);
                }
                case MESSAGE -> {
                    int length = framer.frameLength();
                    frame(ctx, in, length, out);
                    in.skipBytes(length);
                }
                case ERROR -> {
                    closing = true;
                    counters.increment(SipCounter.SIP_STREAM_FRAMING_ERRORS);
                    DatagramSipMessageDecoder.countRefusal(counters, framer.error());
                    in.skipBytes(in.readableBytes());
                    ctx.close();
                    return;
                }
            }
        }
    }

    /** Parses the frame at the reader index in place. Borrows; does not retain; does not move any index. */
    private void frame(ChannelHandlerContext ctx, ByteBuf in, int length, List<Object> out) {
        InetSocketAddress remote = inet(ctx.channel().remoteAddress());
        InetSocketAddress local = inet(ctx.channel().localAddress());
        try {
            SipMessage message = parser.parse(in, in.readerIndex(), length, SipParser.Framing.STREAM);
            counters.increment(SipCounter.SIP_MESSAGES_DECODED);
            out.add(new ReceivedSipMessage(message, remote, local));
        } catch (SipParseException e) {
            DatagramSipMessageDecoder.countRefusal(counters, e);
            out.add(new SipDecodeFailure(e, remote, local));
        } catch (RuntimeException bug) {
            counters.increment(SipCounter.SIP_DECODER_ERRORS);
            if (!bugLogged) {
                bugLogged = true;
                LOG.error("SIP stream decoder failure (a bug; later ones are only counted)", bug);
            }
        }
    }

    /** Borrows; does not retain. A partial message when the stream ends is dropped and counted. */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.isReadable()) {
            decode(ctx, in, out);
        }
        if (in.isReadable()) {
            counters.increment(SipCounter.SIP_STREAM_TRUNCATED);
            in.skipBytes(in.readableBytes());
        }
    }

    private static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet : null;
    }
}
