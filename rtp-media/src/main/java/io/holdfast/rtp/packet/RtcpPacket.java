package io.holdfast.rtp.packet;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight over a compound RTCP packet (RFC 3550 §6.1), positioned on one of its packets at a time and
 * walked without an iterator:
 *
 * <pre>{@code
 * for (boolean more = rtcp.first(); more; more = rtcp.next()) {
 *     switch (rtcp.type()) { case SR: ... }
 * }
 * }</pre>
 *
 * Every packet starts with the common header (§6.4.1); SR and RR carry report blocks, SDES chunks of items,
 * BYE a list of sources, APP a name and data (§6.4 to §6.7). XR (RFC 3611) and feedback packets are passed
 * through unparsed apart from the common header and the sender SSRC.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|   RC    |   PT=SR=200   |    length (words - 1)         |  0 common header
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         SSRC of sender                        |  4
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |              NTP timestamp, most significant word             |  8 sender info (SR only)
 * |             NTP timestamp, least significant word             | 12
 * |                         RTP timestamp                         | 16
 * |                     sender's packet count                     | 20
 * |                      sender's octet count                     | 24
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 SSRC_n (SSRC of source n)                     | +0 report block n, at 28 (SR) or 8 (RR)
 * | fraction lost |       cumulative number of packets lost       | +4
 * |           extended highest sequence number received           | +8
 * |                      interarrival jitter                      | +12
 * |                         last SR (LSR)                         | +16
 * |                   delay since last SR (DLSR)                  | +20
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * <p>Offsets are absolute buffer indices; reader and writer indices are not used. The view borrows the buffer
 * and does not retain it. Check the compound with {@link RtpValidation#validateRtcp} first: on a compound
 * that did not validate, accessors may throw {@link IndexOutOfBoundsException}.
 *
 * <p>Confined to one thread (the event loop that owns the stream).
 */
public final class RtcpPacket {

    /** The only RTCP version. */
    public static final int VERSION = 2;
    /** Length of the common header. */
    public static final int HEADER_LENGTH = 4;
    /** Offset of the byte holding V, P and the count (RC, SC or subtype). */
    public static final int FLAGS_OFFSET = 0;
    /** Offset of the packet type octet. */
    public static final int PACKET_TYPE_OFFSET = 1;
    /** Offset of the 16-bit length, in 32-bit words minus one. */
    public static final int LENGTH_OFFSET = 2;
    /** Offset of the sender's (or first source's) SSRC. */
    public static final int SSRC_OFFSET = 4;
    /** Offset of the NTP timestamp in an SR. */
    public static final int NTP_TIMESTAMP_OFFSET = 8;
    /** Offset of the RTP timestamp in an SR. */
    public static final int RTP_TIMESTAMP_OFFSET = 16;
    /** Offset of the sender's packet count in an SR. */
    public static final int PACKET_COUNT_OFFSET = 20;
    /** Offset of the sender's octet count in an SR. */
    public static final int OCTET_COUNT_OFFSET = 24;
    /** Offset of the first report block in an SR. */
    public static final int SR_REPORT_BLOCKS_OFFSET = 28;
    /** Offset of the first report block in an RR. */
    public static final int RR_REPORT_BLOCKS_OFFSET = 8;
    /** Offset of the media source SSRC in a transport or payload-specific feedback packet (RFC 4585 §6.1). */
    public static final int MEDIA_SSRC_OFFSET = 8;
    /** Length of one report block. */
    public static final int REPORT_BLOCK_LENGTH = 24;
    /** Offset of the 4-character name in an APP packet. */
    public static final int APP_NAME_OFFSET = 8;
    /** Length of an APP packet without data. */
    public static final int APP_MIN_LENGTH = 12;
    /** SDES item type that ends a chunk's item list. */
    public static final int SDES_END = 0;
    /** SDES item type CNAME. */
    public static final int SDES_CNAME = 1;

    static final int REPORT_SSRC = 0;
    static final int REPORT_FRACTION_LOST = 4;
    static final int REPORT_CUMULATIVE_LOST = 5;
    static final int REPORT_HIGHEST_SEQUENCE = 8;
    static final int REPORT_JITTER = 12;
    static final int REPORT_LAST_SR = 16;
    static final int REPORT_DELAY_SINCE_LAST_SR = 20;

    private static final int VERSION_SHIFT = 6;
    private static final int PADDING_BIT = 0x20;
    private static final int COUNT_MASK = 0x1F;
    private static final long UINT32_MASK = 0xFFFF_FFFFL;
    private static final int SDES_ITEM_HEADER_LENGTH = 2;

    private ByteBuf buffer;
    private int start;
    private int end;
    private int current;

    /**
     * Points this view at a compound packet and positions it on the first packet. Borrows; does not retain.
     *
     * @param buffer the buffer holding the compound
     * @param offset absolute index of the compound's first byte
     * @param length the compound's length (the datagram's length)
     * @return this view
     */
    public RtcpPacket wrap(ByteBuf buffer, int offset, int length) {
        this.buffer = buffer;
        this.start = offset;
        this.end = offset + length;
        this.current = offset;
        return this;
    }

    /** Points this view at the readable bytes of {@code buffer}. Borrows; does not retain. */
    public RtcpPacket wrap(ByteBuf buffer) {
        return wrap(buffer, buffer.readerIndex(), buffer.readableBytes());
    }

    /** Returns the buffer this view reads. Borrows; does not retain. */
    public ByteBuf buffer() {
        return buffer;
    }

    /** Returns the absolute index of the compound's first byte. */
    public int compoundOffset() {
        return start;
    }

    /** Returns the compound's length in bytes. */
    public int compoundLength() {
        return end - start;
    }

    /** Positions the view on the compound's first packet; returns whether there is one. */
    public boolean first() {
        current = start;
        return hasPacket();
    }

    /** Moves to the next packet of the compound; returns whether there is one. */
    public boolean next() {
        if (!hasPacket()) {
            return false;
        }
        current += packetLength();
        return hasPacket();
    }

    /** Returns whether the view is positioned on a packet (at least a common header is left). */
    public boolean hasPacket() {
        return current + HEADER_LENGTH <= end;
    }

    /** Returns whether the current packet is the last of the compound. */
    public boolean isLast() {
        return current + packetLength() >= end;
    }

    /** Returns the absolute index of the current packet's first byte. */
    public int packetOffset() {
        return current;
    }

    /** Returns the version field of the current packet. */
    public int version() {
        return buffer.getUnsignedByte(current + FLAGS_OFFSET) >>> VERSION_SHIFT;
    }

    /** Returns whether the current packet's padding bit is set. */
    public boolean padding() {
        return (buffer.getByte(current + FLAGS_OFFSET) & PADDING_BIT) != 0;
    }

    /** Returns the 5-bit count field: report count (SR, RR), source count (SDES, BYE) or subtype (APP). */
    public int count() {
        return buffer.getByte(current + FLAGS_OFFSET) & COUNT_MASK;
    }

    /** Returns the packet type octet, 0..255. */
    public int packetType() {
        return buffer.getUnsignedByte(current + PACKET_TYPE_OFFSET);
    }

    /** Returns the packet type. */
    public RtcpPacketType type() {
        return RtcpPacketType.of(packetType());
    }

    /** Returns the length field: the packet's length in 32-bit words minus one. */
    public int lengthWords() {
        return buffer.getUnsignedShort(current + LENGTH_OFFSET);
    }

    /** Returns the current packet's length in bytes, header and padding included. */
    public int packetLength() {
        return (lengthWords() + 1) * 4;
    }

    /** Returns the number of padding octets at the end of the current packet, the count octet included. */
    public int paddingLength() {
        return padding() ? buffer.getUnsignedByte(current + packetLength() - 1) : 0;
    }

    /** Returns the SSRC at offset 4: the sender (SR, RR, APP, XR, feedback), the first chunk (SDES) or source (BYE). */
    public long ssrc() {
        return buffer.getUnsignedInt(current + SSRC_OFFSET);
    }

    /** Sets the SSRC at offset 4 in place. */
    public RtcpPacket ssrc(long ssrc) {
        buffer.setInt(current + SSRC_OFFSET, (int) (ssrc & UINT32_MASK));
        return this;
    }

    /** Returns the media source SSRC of a feedback packet (RTPFB, PSFB). */
    public long mediaSsrc() {
        return buffer.getUnsignedInt(current + MEDIA_SSRC_OFFSET);
    }

    /** Sets the media source SSRC of a feedback packet (RTPFB, PSFB) in place. */
    public RtcpPacket mediaSsrc(long ssrc) {
        buffer.setInt(current + MEDIA_SSRC_OFFSET, (int) (ssrc & UINT32_MASK));
        return this;
    }

    /** Returns an SR's 64-bit NTP timestamp. */
    public long ntpTimestamp() {
        return buffer.getLong(current + NTP_TIMESTAMP_OFFSET);
    }

    /** Returns the middle 32 bits of an SR's NTP timestamp: the value a receiver echoes as LSR (§6.4.1). */
    public long ntpMiddle32() {
        return buffer.getUnsignedInt(current + NTP_TIMESTAMP_OFFSET + 2);
    }

    /** Returns an SR's RTP timestamp. */
    public long rtpTimestamp() {
        return buffer.getUnsignedInt(current + RTP_TIMESTAMP_OFFSET);
    }

    /** Sets an SR's RTP timestamp in place. */
    public RtcpPacket rtpTimestamp(long timestamp) {
        buffer.setInt(current + RTP_TIMESTAMP_OFFSET, (int) (timestamp & UINT32_MASK));
        return this;
    }

    /** Returns an SR's sender packet count. */
    public long senderPacketCount() {
        return buffer.getUnsignedInt(current + PACKET_COUNT_OFFSET);
    }

    /** Returns an SR's sender octet count. */
    public long senderOctetCount() {
        return buffer.getUnsignedInt(current + OCTET_COUNT_OFFSET);
    }

    /** Returns the number of report blocks in an SR or RR (the RC field). */
    public int reportCount() {
        return count();
    }

    /** Returns the SSRC a report block is about. */
    public long reportSsrc(int block) {
        return buffer.getUnsignedInt(reportIndex(block) + REPORT_SSRC);
    }

    /** Sets the SSRC a report block is about, in place. */
    public RtcpPacket reportSsrc(int block, long ssrc) {
        buffer.setInt(reportIndex(block) + REPORT_SSRC, (int) (ssrc & UINT32_MASK));
        return this;
    }

    /** Returns a report block's fraction lost, in 1/256 units. */
    public int reportFractionLost(int block) {
        return buffer.getUnsignedByte(reportIndex(block) + REPORT_FRACTION_LOST);
    }

    /** Returns a report block's cumulative number of packets lost (signed 24 bits). */
    public int reportCumulativeLost(int block) {
        return buffer.getMedium(reportIndex(block) + REPORT_CUMULATIVE_LOST);
    }

    /** Returns a report block's extended highest sequence number received. */
    public long reportHighestSequence(int block) {
        return buffer.getUnsignedInt(reportIndex(block) + REPORT_HIGHEST_SEQUENCE);
    }

    /** Returns a report block's interarrival jitter, in timestamp units. */
    public long reportJitter(int block) {
        return buffer.getUnsignedInt(reportIndex(block) + REPORT_JITTER);
    }

    /** Returns a report block's last SR timestamp (LSR), the middle 32 bits of an NTP timestamp, or 0. */
    public long reportLastSr(int block) {
        return buffer.getUnsignedInt(reportIndex(block) + REPORT_LAST_SR);
    }

    /** Returns a report block's delay since last SR (DLSR), in 1/65536 seconds. */
    public long reportDelaySinceLastSr(int block) {
        return buffer.getUnsignedInt(reportIndex(block) + REPORT_DELAY_SINCE_LAST_SR);
    }

    /** Returns the absolute index of the first SDES chunk of the current packet, or -1 if it has none. */
    public int firstSdesChunk() {
        return count() > 0 ? current + HEADER_LENGTH : -1;
    }

    /**
     * Returns the absolute index just after an SDES chunk (its items, the end item and padding to a 32-bit
     * boundary), or -1 if the chunk runs past the current packet.
     */
    public int sdesChunkEnd(int chunk) {
        final int packetEnd = current + packetLength();
        int index = chunk + 4;
        while (index < packetEnd) {
            final int type = buffer.getUnsignedByte(index);
            if (type == SDES_END) {
                final int aligned = current + ((index + 1 - current + 3) & ~3);
                return aligned <= packetEnd ? aligned : -1;
            }
            if (index + SDES_ITEM_HEADER_LENGTH > packetEnd) {
                return -1;
            }
            index += SDES_ITEM_HEADER_LENGTH + buffer.getUnsignedByte(index + 1);
        }
        return -1;
    }

    /** Returns the absolute index of the SDES chunk after {@code chunk}, or -1 if it was the last. */
    public int nextSdesChunk(int chunk) {
        final int next = sdesChunkEnd(chunk);
        return next >= 0 && next + 4 <= current + packetLength() ? next : -1;
    }

    /** Returns the SSRC or CSRC an SDES chunk describes. */
    public long sdesChunkSsrc(int chunk) {
        return buffer.getUnsignedInt(chunk);
    }

    /** Sets the SSRC or CSRC an SDES chunk describes, in place. */
    public RtcpPacket sdesChunkSsrc(int chunk, long ssrc) {
        buffer.setInt(chunk, (int) (ssrc & UINT32_MASK));
        return this;
    }

    /** Returns the absolute index of a chunk's first item, or -1 if the chunk has none. */
    public int firstSdesItem(int chunk) {
        final int item = chunk + 4;
        return item < current + packetLength() && buffer.getUnsignedByte(item) != SDES_END ? item : -1;
    }

    /** Returns the absolute index of the item after {@code item} in its chunk, or -1 if it was the last. */
    public int nextSdesItem(int item) {
        final int next = item + SDES_ITEM_HEADER_LENGTH + sdesItemLength(item);
        return next < current + packetLength() && buffer.getUnsignedByte(next) != SDES_END ? next : -1;
    }

    /** Returns an SDES item's type (1 CNAME, 2 NAME, ... §6.5). */
    public int sdesItemType(int item) {
        return buffer.getUnsignedByte(item);
    }

    /** Returns the length of an SDES item's text in octets. */
    public int sdesItemLength(int item) {
        return buffer.getUnsignedByte(item + 1);
    }

    /** Returns the absolute index of an SDES item's text. */
    public int sdesItemTextIndex(int item) {
        return item + SDES_ITEM_HEADER_LENGTH;
    }

    /** Returns the number of sources a BYE packet names (the SC field). */
    public int byeSourceCount() {
        return count();
    }

    /** Returns the SSRC or CSRC at {@code index} of a BYE packet. */
    public long byeSsrc(int index) {
        return buffer.getUnsignedInt(byeIndex(index));
    }

    /** Sets the SSRC or CSRC at {@code index} of a BYE packet, in place. */
    public RtcpPacket byeSsrc(int index, long ssrc) {
        buffer.setInt(byeIndex(index), (int) (ssrc & UINT32_MASK));
        return this;
    }

    /** Returns an APP packet's subtype (the count field). */
    public int appSubtype() {
        return count();
    }

    /** Returns an APP packet's 4-character ASCII name as a big-endian int. */
    public int appName() {
        return buffer.getInt(current + APP_NAME_OFFSET);
    }

    private int reportIndex(int block) {
        if (block < 0 || block >= count()) {
            throw new IndexOutOfBoundsException("report block " + block + " of " + count());
        }
        final int first = type() == RtcpPacketType.SR ? SR_REPORT_BLOCKS_OFFSET : RR_REPORT_BLOCKS_OFFSET;
        return current + first + REPORT_BLOCK_LENGTH * block;
    }

    private int byeIndex(int index) {
        if (index < 0 || index >= count()) {
            throw new IndexOutOfBoundsException("BYE source " + index + " of " + count());
        }
        return current + SSRC_OFFSET + 4 * index;
    }
}
