package io.holdfast.sip.codec;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.parse.SipParseException;
import io.holdfast.sip.parse.SipParser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes each SIP datagram (one datagram is one message, RFC 3261 §18.3) with {@link SipParser} into a
 * {@link ReceivedSipMessage}, or a {@link SipDecodeFailure} that the transport answers or drops. CRLF-only
 * datagrams are keep-alives and are dropped. Nothing is ever thrown onto the pipeline; every outcome
 * is counted. The datagram is released by the base class once decoded (the message is a copy).
 *
 * <p>Confined to its channel's event loop, like the parser and counters it is given.
 */
public final class DatagramSipMessageDecoder extends MessageToMessageDecoder<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(DatagramSipMessageDecoder.class);

    private final SipParser parser;
    private final SipCounters counters;
    private boolean bugLogged;

    /**
     * @param parser   confined to this channel's event loop (may be shared with its other channels)
     * @param counters this event loop's counters
     */
    public DatagramSipMessageDecoder(SipParser parser, SipCounters counters) {
        super(DatagramPacket.class);
        this.parser = Objects.requireNonNull(parser, "parser");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** Borrows; does not retain: the base class releases the packet after this returns. */
    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        counters.increment(SipCounter.SIP_DATAGRAMS_RECEIVED);
        ByteBuf content = packet.content();
        if (isKeepAlive(content)) {
            counters.increment(SipCounter.SIP_DATAGRAM_KEEPALIVES_RECEIVED);
            return;
        }
        try {
            SipMessage message = parser.parse(content, SipParser.Framing.DATAGRAM);
            counters.increment(SipCounter.SIP_MESSAGES_DECODED);
            out.add(new ReceivedSipMessage(message, packet.sender(), packet.recipient()));
        } catch (SipParseException e) {
            countRefusal(counters, e);
            out.add(new SipDecodeFailure(e, packet.sender(), packet.recipient()));
        } catch (RuntimeException bug) {
            counters.increment(SipCounter.SIP_DECODER_ERRORS);
            if (!bugLogged) {
                bugLogged = true;
                LOG.error("SIP datagram decoder failure (a bug; later ones are only counted)", bug);
            }
        }
    }

    static void countRefusal(SipCounters counters, SipParseException e) {
        counters.increment(e.canRespond() ? SipCounter.SIP_MALFORMED_ANSWERABLE : SipCounter.SIP_DROPPED_MALFORMED);
        if (e.rule().isLimit()) {
            counters.increment(SipCounter.SIP_DROPPED_TOO_LONG);
        }
    }

    /** A datagram of CR and LF only, or empty. Borrows; does not retain. */
    private static boolean isKeepAlive(ByteBuf content) {
        int end = content.writerIndex();
        for (int i = content.readerIndex(); i < end; i++) {
            byte b = content.getByte(i);
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
