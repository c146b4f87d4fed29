package io.holdfast.rtp.packet;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight over the fixed RTP header, its CSRC list and its header extension (RFC 3550 §5.1 and §5.3.1),
 * read and written in place in a {@link ByteBuf}: no allocation, no copy, reusable with {@link #wrap}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |  8
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             | 12
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |           length              | 12 + 4 * CC, when X = 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        header extension                       |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   payload ... |  padding ... | padding count  |  when P = 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Offsets are absolute indices into the buffer; the reader and writer indices are neither used nor moved.
 * The view borrows the buffer and does not retain it: the caller keeps ownership and must not release the
 * buffer while the view is in use. Check a packet with {@link RtpValidation#validateRtp} before reading the
 * CSRC list, the extension or the payload bounds: on a packet that did not validate those accessors may
 * throw {@link IndexOutOfBoundsException}.
 *
 * <p>Confined to one thread (the event loop that owns the stream).
 */
public final class RtpHeader {

    /** The only RTP version (§5.1). */
    public static final int VERSION = 2;
    /** Length of the fixed header. */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** Offset of the byte holding V, P, X and CC. */
    public static final int FLAGS_OFFSET = 0;
    /** Offset of the byte holding M and PT. */
    public static final int MARKER_PAYLOAD_TYPE_OFFSET = 1;
    /** Offset of the 16-bit sequence number. */
    public static final int SEQUENCE_OFFSET = 2;
    /** Offset of the 32-bit timestamp. */
    public static final int TIMESTAMP_OFFSET = 4;
    /** Offset of the 32-bit SSRC. */
    public static final int SSRC_OFFSET = 8;
    /** Offset of the first CSRC. */
    public static final int CSRC_OFFSET = 12;
    /** Length of one CSRC. */
    public static final int CSRC_LENGTH = 4;
    /** Length of the header extension's own header (profile and length words). */
    public static final int EXTENSION_HEADER_LENGTH = 4;

    private static final int VERSION_SHIFT = 6;
    private static final int PADDING_BIT = 0x20;
    private static final int EXTENSION_BIT = 0x10;
    private static final int CSRC_COUNT_MASK = 0x0F;
    private static final int MARKER_BIT = 0x80;
    private static final int PAYLOAD_TYPE_MASK = 0x7F;
    private static final long UINT32_MASK = 0xFFFF_FFFFL;

    private ByteBuf buffer;
    private int offset;
    private int length;

    /**
     * Points this view at a packet. Borrows; does not retain.
     *
     * @param buffer the buffer holding the packet
     * @param offset absolute index of the packet's first byte
     * @param length the packet's length in bytes (the datagram's length)
     * @return this view
     */
    public RtpHeader wrap(ByteBuf buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** Points this view at the readable bytes of {@code buffer}. Borrows; does not retain. */
    public RtpHeader wrap(ByteBuf buffer) {
        return wrap(buffer, buffer.readerIndex(), buffer.readableBytes());
    }

    /**
     * Writes a fixed header with V=2, no padding, no extension and no CSRC at the view's offset, for a packet
     * holdfast generates itself (the view must have been wrapped over at least {@link #FIXED_HEADER_LENGTH}
     * bytes).
     *
     * @return this view
     */
    public RtpHeader writeFixedHeader(int payloadType, boolean marker, int sequenceNumber, long timestamp, long ssrc) {
        buffer.setByte(offset + FLAGS_OFFSET, VERSION << VERSION_SHIFT);
        buffer.setByte(offset + MARKER_PAYLOAD_TYPE_OFFSET,
                (marker ? MARKER_BIT : 0) | (payloadType & PAYLOAD_TYPE_MASK));
        return sequenceNumber(sequenceNumber).timestamp(timestamp).ssrc(ssrc);
    }

    /** Returns the buffer this view reads. Borrows; does not retain. */
    public ByteBuf buffer() {
        return buffer;
    }

    /** Returns the absolute index of the packet's first byte. */
    public int offset() {
        return offset;
    }

    /** Returns the packet's length in bytes. */
    public int length() {
        return length;
    }

    /** Returns the version field (V). */
    public int version() {
        return (buffer.getUnsignedByte(offset + FLAGS_OFFSET)) >>> VERSION_SHIFT;
    }

    /** Returns whether the padding bit (P) is set. */
    public boolean padding() {
        return (buffer.getByte(offset + FLAGS_OFFSET) & PADDING_BIT) != 0;
    }

    /** Returns whether the extension bit (X) is set. */
    public boolean extension() {
        return (buffer.getByte(offset + FLAGS_OFFSET) & EXTENSION_BIT) != 0;
    }

    /** Returns the CSRC count (CC), 0..15. */
    public int csrcCount() {
        return buffer.getByte(offset + FLAGS_OFFSET) & CSRC_COUNT_MASK;
    }

    /** Returns whether the marker bit (M) is set. */
    public boolean marker() {
        return (buffer.getByte(offset + MARKER_PAYLOAD_TYPE_OFFSET) & MARKER_BIT) != 0;
    }

    /** Sets or clears the marker bit in place. */
    public RtpHeader marker(boolean marker) {
        final int index = offset + MARKER_PAYLOAD_TYPE_OFFSET;
        final int value = buffer.getUnsignedByte(index);
        buffer.setByte(index, marker ? value | MARKER_BIT : value & ~MARKER_BIT);
        return this;
    }

    /** Returns the payload type (PT), 0..127. */
    public int payloadType() {
        return buffer.getByte(offset + MARKER_PAYLOAD_TYPE_OFFSET) & PAYLOAD_TYPE_MASK;
    }

    /** Sets the payload type in place, keeping the marker bit. */
    public RtpHeader payloadType(int payloadType) {
        final int index = offset + MARKER_PAYLOAD_TYPE_OFFSET;
        final int value = buffer.getUnsignedByte(index);
        buffer.setByte(index, (value & MARKER_BIT) | (payloadType & PAYLOAD_TYPE_MASK));
        return this;
    }

    /** Returns the sequence number, 0..65535. */
    public int sequenceNumber() {
        return buffer.getUnsignedShort(offset + SEQUENCE_OFFSET);
    }

    /** Sets the sequence number in place. */
    public RtpHeader sequenceNumber(int sequenceNumber) {
        buffer.setShort(offset + SEQUENCE_OFFSET, sequenceNumber);
        return this;
    }

    /** Returns the timestamp, 0..2^32-1. */
    public long timestamp() {
        return buffer.getUnsignedInt(offset + TIMESTAMP_OFFSET);
    }

    /** Sets the timestamp in place. */
    public RtpHeader timestamp(long timestamp) {
        buffer.setInt(offset + TIMESTAMP_OFFSET, (int) (timestamp & UINT32_MASK));
        return this;
    }

    /** Returns the synchronization source identifier, 0..2^32-1. */
    public long ssrc() {
        return buffer.getUnsignedInt(offset + SSRC_OFFSET);
    }

    /** Sets the synchronization source identifier in place. */
    public RtpHeader ssrc(long ssrc) {
        buffer.setInt(offset + SSRC_OFFSET, (int) (ssrc & UINT32_MASK));
        return this;
    }

    /** Returns the contributing source identifier at {@code index} (0-based, below {@link #csrcCount()}). */
    public long csrc(int index) {
        return buffer.getUnsignedInt(csrcIndex(index));
    }

    /** Sets the contributing source identifier at {@code index} in place. */
    public RtpHeader csrc(int index, long csrc) {
        buffer.setInt(csrcIndex(index), (int) (csrc & UINT32_MASK));
        return this;
    }

    /** Returns the offset, from the packet's start, of the header extension (valid when X is set). */
    public int extensionOffset() {
        return CSRC_OFFSET + CSRC_LENGTH * csrcCount();
    }

    /** Returns the header extension's profile-defined 16 bits (valid when X is set). */
    public int extensionProfile() {
        return buffer.getUnsignedShort(offset + extensionOffset());
    }

    /** Returns the header extension's length in 32-bit words, not counting its own header (valid when X is set). */
    public int extensionLengthWords() {
        return buffer.getUnsignedShort(offset + extensionOffset() + 2);
    }

    /** Returns the length of the whole header: fixed part, CSRCs and the extension when present. */
    public int headerLength() {
        final int withCsrcs = extensionOffset();
        return extension() ? withCsrcs + EXTENSION_HEADER_LENGTH + 4 * extensionLengthWords() : withCsrcs;
    }

    /** Returns the number of padding octets at the end of the packet, counting the count octet itself. */
    public int paddingLength() {
        return padding() ? buffer.getUnsignedByte(offset + length - 1) : 0;
    }

    /** Returns the absolute index of the first payload byte. */
    public int payloadIndex() {
        return offset + headerLength();
    }

    /** Returns the payload's length: the packet less its header and padding. */
    public int payloadLength() {
        return length - headerLength() - paddingLength();
    }

    private int csrcIndex(int index) {
        if (index < 0 || index >= csrcCount()) {
            throw new IndexOutOfBoundsException("CSRC index " + index + " of " + csrcCount());
        }
        return offset + CSRC_OFFSET + CSRC_LENGTH * index;
    }
}
