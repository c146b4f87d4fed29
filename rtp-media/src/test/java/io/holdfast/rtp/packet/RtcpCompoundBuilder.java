package io.holdfast.rtp.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** Builds compound RTCP packets byte by byte for tests, independently of {@link RtcpPacket}. */
public final class RtcpCompoundBuilder {

    /** One report block's fields. */
    public record Block(long ssrc, int fractionLost, int cumulativeLost, long highestSequence, long jitter,
            long lastSr, long delaySinceLastSr) {
    }

    private final ByteBuf buf = Unpooled.buffer();

    public RtcpCompoundBuilder sr(long ssrc, long ntp, long rtpTimestamp, long packets, long octets, Block... blocks) {
        header(0, blocks.length, 200, 6 + 6 * blocks.length);
        buf.writeInt((int) ssrc);
        buf.writeLong(ntp);
        buf.writeInt((int) rtpTimestamp);
        buf.writeInt((int) packets);
        buf.writeInt((int) octets);
        writeBlocks(blocks);
        return this;
    }

    public RtcpCompoundBuilder rr(long ssrc, Block... blocks) {
        header(0, blocks.length, 201, 1 + 6 * blocks.length);
        buf.writeInt((int) ssrc);
        writeBlocks(blocks);
        return this;
    }

    /** One SDES chunk per SSRC, each with a CNAME item. */
    public RtcpCompoundBuilder sdesCname(String cname, long... ssrcs) {
        final byte[] text = cname.getBytes(StandardCharsets.US_ASCII);
        final int chunkBytes = 4 + 2 + text.length + 1;
        final int chunkWords = (chunkBytes + 3) / 4;
        header(0, ssrcs.length, 202, chunkWords * ssrcs.length);
        for (long ssrc : ssrcs) {
            buf.writeInt((int) ssrc);
            buf.writeByte(1);
            buf.writeByte(text.length);
            buf.writeBytes(text);
            buf.writeZero(chunkWords * 4 - (4 + 2 + text.length));
        }
        return this;
    }

    public RtcpCompoundBuilder bye(long... ssrcs) {
        header(0, ssrcs.length, 203, ssrcs.length);
        for (long ssrc : ssrcs) {
            buf.writeInt((int) ssrc);
        }
        return this;
    }

    public RtcpCompoundBuilder app(int subtype, long ssrc, String name, int dataWords) {
        header(0, subtype, 204, 2 + dataWords);
        buf.writeInt((int) ssrc);
        buf.writeBytes(name.getBytes(StandardCharsets.US_ASCII), 0, 4);
        buf.writeZero(4 * dataWords);
        return this;
    }

    public RtcpCompoundBuilder xr(long ssrc, int bodyWords) {
        header(0, 0, 207, 1 + bodyWords);
        buf.writeInt((int) ssrc);
        for (int i = 0; i < bodyWords; i++) {
            buf.writeInt(0x0A0B0C0D);
        }
        return this;
    }

    /** Writes a raw common header; the body must follow through {@link #raw}. */
    public RtcpCompoundBuilder header(int padding, int count, int packetType, int lengthWords) {
        buf.writeByte(2 << 6 | (padding != 0 ? 0x20 : 0) | count);
        buf.writeByte(packetType);
        buf.writeShort(lengthWords);
        return this;
    }

    public RtcpCompoundBuilder raw(int... bytes) {
        for (int b : bytes) {
            buf.writeByte(b);
        }
        return this;
    }

    /** Returns the compound; the caller releases it. */
    public ByteBuf build() {
        return buf;
    }

    private void writeBlocks(Block... blocks) {
        for (Block block : blocks) {
            buf.writeInt((int) block.ssrc());
            buf.writeByte(block.fractionLost());
            buf.writeMedium(block.cumulativeLost());
            buf.writeInt((int) block.highestSequence());
            buf.writeInt((int) block.jitter());
            buf.writeInt((int) block.lastSr());
            buf.writeInt((int) block.delaySinceLastSr());
        }
    }
}
