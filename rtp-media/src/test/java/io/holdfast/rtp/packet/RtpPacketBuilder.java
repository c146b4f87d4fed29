package io.holdfast.rtp.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Builds RTP packets byte by byte for tests, independently of {@link RtpHeader}. */
public final class RtpPacketBuilder {

    private int version = 2;
    private boolean marker;
    private int payloadType;
    private int sequence;
    private long timestamp;
    private long ssrc;
    private long[] csrcs = new long[0];
    private int extensionProfile = -1;
    private int extensionWords;
    private int payloadLength = 160;
    private int paddingLength;
    private int leadingBytes;
    private int payloadByte = 0x55;

    public RtpPacketBuilder version(int value) {
        version = value;
        return this;
    }

    public RtpPacketBuilder marker(boolean value) {
        marker = value;
        return this;
    }

    public RtpPacketBuilder payloadType(int value) {
        payloadType = value;
        return this;
    }

    public RtpPacketBuilder sequence(int value) {
        sequence = value;
        return this;
    }

    public RtpPacketBuilder timestamp(long value) {
        timestamp = value;
        return this;
    }

    public RtpPacketBuilder ssrc(long value) {
        ssrc = value;
        return this;
    }

    public RtpPacketBuilder csrcs(long... values) {
        csrcs = values.clone();
        return this;
    }

    public RtpPacketBuilder extension(int profile, int words) {
        extensionProfile = profile;
        extensionWords = words;
        return this;
    }

    public RtpPacketBuilder payloadLength(int value) {
        payloadLength = value;
        return this;
    }

    /** Fills the payload with {@code value} (0x55 by default), e.g. to tell senders apart. */
    public RtpPacketBuilder payloadByte(int value) {
        payloadByte = value;
        return this;
    }

    /** Adds {@code value} padding octets, the count octet included. */
    public RtpPacketBuilder padding(int value) {
        paddingLength = value;
        return this;
    }

    /** Puts {@code value} junk bytes before the packet in the built buffer (reader index stays on the packet). */
    public RtpPacketBuilder leadingBytes(int value) {
        leadingBytes = value;
        return this;
    }

    public byte[] bytes() {
        final ByteBuf buf = build();
        try {
            final byte[] bytes = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    /** Returns a new heap buffer holding the packet; the caller releases it. */
    public ByteBuf build() {
        final ByteBuf buf = Unpooled.buffer();
        buf.writeZero(leadingBytes);
        buf.readerIndex(leadingBytes);
        final boolean extension = extensionProfile >= 0;
        buf.writeByte(version << 6 | (paddingLength > 0 ? 0x20 : 0) | (extension ? 0x10 : 0) | csrcs.length);
        buf.writeByte((marker ? 0x80 : 0) | payloadType);
        buf.writeShort(sequence);
        buf.writeInt((int) timestamp);
        buf.writeInt((int) ssrc);
        for (long csrc : csrcs) {
            buf.writeInt((int) csrc);
        }
        if (extension) {
            buf.writeShort(extensionProfile);
            buf.writeShort(extensionWords);
            for (int i = 0; i < extensionWords; i++) {
                buf.writeInt(0xE0E0E0E0 + i);
            }
        }
        for (int i = 0; i < payloadLength; i++) {
            buf.writeByte(payloadByte);
        }
        if (paddingLength > 0) {
            buf.writeZero(paddingLength - 1);
            buf.writeByte(paddingLength);
        }
        return buf;
    }
}
