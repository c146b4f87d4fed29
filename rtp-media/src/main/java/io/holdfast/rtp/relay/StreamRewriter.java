package io.holdfast.rtp.relay;

import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.packet.RtpSequenceNumber;
import io.holdfast.rtp.packet.RtpTimestamp;
import io.netty.buffer.ByteBuf;

/**
 * Owns one outgoing RTP stream as its receiver sees it: the outgoing SSRC, and the sequence-number and timestamp
 * offsets that map whatever feeds the stream onto one continuous sequence. Whatever the source (the first
 * upstream, a hold prompt generated locally, the next upstream after a failover), the receiver sees one SSRC,
 * contiguous sequence numbers and timestamps that advance with media time, so its jitter buffer never resets.
 *
 * <p>Forwarded packets ({@link #rewrite}): the first source passes with its own sequence numbers and timestamps
 * (offsets 0), only the SSRC replaced. When the source changes (another SSRC, a locally generated frame in between,
 * or {@link #markSourceChange()} after a retarget), the stream is re-based on the new source's first packet: its
 * sequence number becomes the highest one sent plus one; its timestamp becomes the highest one sent plus the
 * wall-clock time elapsed since that packet was sent, converted with the clock rate and rounded to whole frames
 * (the frame length is learnt from consecutive packets); the marker bit is set. Later packets of that source keep
 * the same offsets, so reordering, gaps and RFC 4733 telephone events (whose retransmissions repeat a timestamp)
 * stay exactly as the source sent them. Packets still carrying the SSRC of the previous source are stale and
 * must be dropped ({@link #isStale}).
 *
 * <p>Locally generated frames ({@link #rewriteLocalFrame}): the hold prompt writes a complete RTP packet and the
 * rewriter stamps SSRC, sequence number and timestamp continuing the stream. The first local frame after forwarded
 * media is re-based as above (marker set); the following ones advance the timestamp by the previous frame's sample
 * count (the packet clock, not wall time).
 *
 * <p>Sequence and timestamp arithmetic is delegated to {@link RtpSequenceNumber} and {@link RtpTimestamp}.
 * Confined to the session's event loop.
 */
public final class StreamRewriter {

    /** What {@link #rewrite} did. */
    public enum Result {
        /** Rewritten with the current source's offsets. */
        REWRITTEN,
        /** First packet of a new source: offsets re-based, marker set. */
        REBASED
    }

    private enum Source {
        NONE, FORWARDED, LOCAL
    }

    private static final long NO_SSRC = -1;
    private static final int DEFAULT_FRAMES_PER_SECOND = 50;

    private final long outgoingSsrc;
    private final int clockRateHz;
    private final int initialSequence;
    private final long initialTimestamp;
    private final RtpHeader local = new RtpHeader();

    private Source source = Source.NONE;
    private boolean sending;
    private boolean changePending;
    /** The SSRC of the source forwarded last; kept while local frames are sent. */
    private long incomingSsrc = NO_SSRC;
    private long previousIncomingSsrc = NO_SSRC;
    private int sequenceOffset;
    private long timestampOffset;
    private int highestSequence;
    private long highestTimestamp;
    private long highestTimestampSentNs;
    private long frameUnits;
    private boolean hasLastIncoming;
    private int lastIncomingSequence;
    private long lastIncomingTimestamp;
    private long localAdvance;

    /**
     * Creates the rewriter of one outgoing stream.
     *
     * @param outgoingSsrc the SSRC the receiver sees, 0..2^32-1
     * @param clockRateHz the media clock rate of the stream's payload
     * @param initialSequence the first sequence number if the stream starts with a local frame
     * @param initialTimestamp the first timestamp if the stream starts with a local frame
     */
    public StreamRewriter(long outgoingSsrc, int clockRateHz, int initialSequence, long initialTimestamp) {
        if (clockRateHz <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRateHz);
        }
        this.outgoingSsrc = outgoingSsrc & 0xFFFF_FFFFL;
        this.clockRateHz = clockRateHz;
        this.initialSequence = initialSequence & 0xFFFF;
        this.initialTimestamp = initialTimestamp & 0xFFFF_FFFFL;
        this.frameUnits = clockRateHz / DEFAULT_FRAMES_PER_SECOND;
    }

    /**
     * Returns whether a forwarded packet with {@code ssrc} comes from the source this stream switched away from
     * (a straggler of the old upstream): such packets must be dropped, not forwarded.
     */
    public boolean isStale(long ssrc) {
        return source == Source.FORWARDED && !changePending && ssrc != incomingSsrc && ssrc == previousIncomingSsrc;
    }

    /**
     * Rewrites a forwarded packet's SSRC, sequence number and timestamp in place (and sets the marker on a
     * re-base), through {@code header}. Borrows; does not retain. Check {@link #isStale} first.
     *
     * @param header a view over a validated packet
     * @param nowNs the loop's clock
     */
    public Result rewrite(RtpHeader header, long nowNs) {
        final long ssrc = header.ssrc();
        final int sequence = header.sequenceNumber();
        final long timestamp = header.timestamp();
        Result result = Result.REWRITTEN;
        if (source != Source.FORWARDED || ssrc != incomingSsrc || changePending) {
            rebase(sequence, timestamp, nowNs);
            if (incomingSsrc != NO_SSRC && ssrc != incomingSsrc) {
                previousIncomingSsrc = incomingSsrc;
            }
            source = Source.FORWARDED;
            incomingSsrc = ssrc;
            hasLastIncoming = false;
            result = Result.REBASED;
        }
        learnFrame(sequence, timestamp);
        final int outSequence = RtpSequenceNumber.add(sequence, sequenceOffset);
        final long outTimestamp = RtpTimestamp.add(timestamp, timestampOffset);
        header.ssrc(outgoingSsrc).sequenceNumber(outSequence).timestamp(outTimestamp);
        if (result == Result.REBASED && sending) {
            header.marker(true);
        }
        onSent(outSequence, outTimestamp, nowNs);
        return result;
    }

    /**
     * Stamps a locally generated frame (the hold prompt) so that it continues the stream: outgoing SSRC, next
     * sequence number, timestamp continuing the stream, marker when asked or when the frame starts a new source.
     * The payload type and the payload are left as the caller wrote them. Borrows; does not retain.
     *
     * @param frame a complete RTP packet (fixed 12-byte header written by the caller, e.g. with
     *     {@link RtpHeader#writeFixedHeader}) in the buffer's readable bytes
     * @param samples the number of samples (clock units) the frame's payload lasts: the next local frame's
     *     timestamp is this frame's plus {@code samples}
     * @param marker whether to set the marker bit (e.g. the first frame of a prompt)
     * @param nowNs the loop's clock
     */
    public void rewriteLocalFrame(ByteBuf frame, int samples, boolean marker, long nowNs) {
        final int outSequence;
        final long outTimestamp;
        final boolean newSource = source != Source.LOCAL || changePending;
        if (!sending) {
            outSequence = initialSequence;
            outTimestamp = initialTimestamp;
        } else if (newSource) {
            outSequence = RtpSequenceNumber.next(highestSequence);
            outTimestamp = RtpTimestamp.add(highestTimestamp, elapsedFrames(nowNs));
        } else {
            outSequence = RtpSequenceNumber.next(highestSequence);
            outTimestamp = RtpTimestamp.add(highestTimestamp, localAdvance);
        }
        source = Source.LOCAL;
        changePending = false;
        localAdvance = samples;
        if (samples > 0) {
            frameUnits = samples;
        }
        local.wrap(frame).ssrc(outgoingSsrc).sequenceNumber(outSequence).timestamp(outTimestamp)
                .marker(marker || (newSource && sending));
        onSent(outSequence, outTimestamp, nowNs);
    }

    /**
     * Forces the next forwarded packet to re-base, even if its SSRC is the current one: call when the stream's
     * upstream is replaced ({@code retarget}).
     */
    public void markSourceChange() {
        changePending = true;
    }

    /** Returns the SSRC the receiver sees. */
    public long outgoingSsrc() {
        return outgoingSsrc;
    }

    /** Returns the SSRC of the source being forwarded, or -1 when none (nothing yet, or a local frame). */
    public long incomingSsrc() {
        return source == Source.FORWARDED ? incomingSsrc : NO_SSRC;
    }

    /** Maps an SSRC named by the sending side to what the receiver sees: the current source becomes ours. */
    public long toOutgoingSsrc(long ssrc) {
        return source == Source.FORWARDED && ssrc == incomingSsrc ? outgoingSsrc : ssrc;
    }

    /** Maps an SSRC named by the receiving side back to the sender's: ours becomes the current source's. */
    public long toIncomingSsrc(long ssrc) {
        return ssrc == outgoingSsrc && source == Source.FORWARDED ? incomingSsrc : ssrc;
    }

    /** Maps a timestamp of the current source (e.g. an SR's RTP timestamp) to the outgoing stream's. */
    public long toOutgoingTimestamp(long timestamp) {
        return RtpTimestamp.add(timestamp, timestampOffset);
    }

    /** Returns the highest sequence number sent, valid once something was sent. */
    public int highestSequence() {
        return highestSequence;
    }

    /** Returns the highest timestamp sent, valid once something was sent. */
    public long highestTimestamp() {
        return highestTimestamp;
    }

    /** Returns whether anything was sent on the stream. */
    public boolean hasSent() {
        return sending;
    }

    /** Returns the frame length in clock units, as learnt (default 20 ms). */
    public long frameUnits() {
        return frameUnits;
    }

    private void rebase(int sequence, long timestamp, long nowNs) {
        changePending = false;
        if (!sending) {
            sequenceOffset = 0;
            timestampOffset = 0;
            return;
        }
        final int firstSequence = RtpSequenceNumber.next(highestSequence);
        sequenceOffset = RtpSequenceNumber.difference(firstSequence, sequence);
        final long firstTimestamp = RtpTimestamp.add(highestTimestamp, elapsedFrames(nowNs));
        timestampOffset = RtpTimestamp.difference(firstTimestamp, timestamp);
    }

    private long elapsedFrames(long nowNs) {
        final long elapsedNs = Math.max(0, nowNs - highestTimestampSentNs);
        return RtpTimestamp.roundToFrames(RtpTimestamp.fromNanos(elapsedNs, clockRateHz), frameUnits);
    }

    private void learnFrame(int sequence, long timestamp) {
        if (hasLastIncoming && sequence == RtpSequenceNumber.next(lastIncomingSequence)) {
            final long delta = RtpTimestamp.difference(timestamp, lastIncomingTimestamp);
            if (delta > 0 && delta < clockRateHz) {
                frameUnits = delta;
            }
        }
        hasLastIncoming = true;
        lastIncomingSequence = sequence;
        lastIncomingTimestamp = timestamp;
    }

    private void onSent(int sequence, long timestamp, long nowNs) {
        if (!sending || RtpSequenceNumber.isNewer(sequence, highestSequence)) {
            highestSequence = sequence;
        }
        if (!sending || RtpTimestamp.isNewer(timestamp, highestTimestamp)) {
            highestTimestamp = timestamp;
            highestTimestampSentNs = nowNs;
        }
        sending = true;
    }
}
