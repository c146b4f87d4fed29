package io.holdfast.rtp.relay;

import io.holdfast.rtp.packet.RtcpPacket;
import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.packet.RtpValidation;
import io.holdfast.rtp.stats.MediaCounter;
import io.holdfast.rtp.stats.MediaCounters;
import io.holdfast.rtp.stats.StreamStats;
import io.netty.buffer.ByteBuf;

/**
 * One direction of a media session: the packets that arrive from one side and leave on the other. It owns the
 * statistics of what arrives ({@link StreamStats}) and the rewriter of what leaves ({@link StreamRewriter}), and
 * runs the per-packet forward path in place on the received buffer: validate (RFC 3550 A.1 / A.2), account,
 * rewrite. No allocation, no copy, no lock. Drops are counted here; sending is the session's job.
 *
 * <p>RTCP is relayed with its SSRCs mapped consistently with the RTP rewriting: SSRCs of this direction's sender
 * become the outgoing SSRC, SSRCs the sender names for the opposite direction's stream (report blocks, feedback
 * media SSRC) become that stream's real sender again. SR RTP timestamps follow the timestamp offset. Report blocks
 * that echo a sender report holdfast relayed the other way give that direction's round-trip time.
 *
 * <p>Confined to the session's event loop.
 */
public final class MediaStream {

    private final StreamStats stats;
    private final StreamRewriter rewriter;
    private final MediaCounters counters;
    private final long timeoutNs;
    private final RtpHeader header = new RtpHeader();
    private final RtcpPacket rtcp = new RtcpPacket();
    private boolean forwarding = true;
    private boolean hasStatsSsrc;
    private long statsSsrc;
    private long activeSinceNs;
    private boolean timeoutReported;
    private long rttMeasurementsSampled;

    /**
     * Creates one direction.
     *
     * @param stats the statistics of the packets arriving
     * @param rewriter the rewriter of the stream leaving
     * @param counters the loop's counters
     * @param timeoutNs silence after which the stream is reported while the opposite direction is active
     * @param nowNs the loop's clock: the stream counts as active from now
     */
    public MediaStream(StreamStats stats, StreamRewriter rewriter, MediaCounters counters, long timeoutNs,
            long nowNs) {
        this.stats = stats;
        this.rewriter = rewriter;
        this.counters = counters;
        this.timeoutNs = timeoutNs;
        this.activeSinceNs = nowNs;
    }

    /**
     * Runs the RTP forward path on one datagram: validate, account, rewrite the header in place. Borrows; does not
     * retain: the caller sends or releases the buffer according to the outcome.
     *
     * @param packet the datagram; its readable bytes are the RTP packet
     * @param nowNs the arrival time from the loop's clock
     */
    public ForwardOutcome forwardRtp(ByteBuf packet, long nowNs) {
        header.wrap(packet);
        if (!RtpValidation.validateRtp(header).isValid()) {
            counters.increment(MediaCounter.RTP_DROPPED_MALFORMED);
            return ForwardOutcome.DROPPED_MALFORMED;
        }
        final long ssrc = header.ssrc();
        if (rewriter.isStale(ssrc)) {
            counters.increment(MediaCounter.RTP_DROPPED_STALE_SOURCE);
            return ForwardOutcome.DROPPED_STALE_SOURCE;
        }
        if (!hasStatsSsrc || ssrc != statsSsrc) {
            if (hasStatsSsrc) {
                stats.reset();
            }
            hasStatsSsrc = true;
            statsSsrc = ssrc;
        }
        stats.onRtp(header, nowNs);
        timeoutReported = false;
        if (!forwarding) {
            counters.increment(MediaCounter.RTP_DROPPED_FORWARDING_OFF);
            return ForwardOutcome.DROPPED_FORWARDING_OFF;
        }
        rewriter.rewrite(header, nowNs);
        return ForwardOutcome.FORWARD;
    }

    /**
     * Runs the RTCP forward path on one compound datagram: validate, map SSRCs in place, note sender reports and
     * measure round-trip times. Borrows; does not retain.
     *
     * @param packet the datagram; its readable bytes are the compound RTCP packet
     * @param nowNs the arrival time from the loop's clock
     * @param reverse the opposite direction of the same session
     */
    public ForwardOutcome forwardRtcp(ByteBuf packet, long nowNs, MediaStream reverse) {
        rtcp.wrap(packet);
        if (!RtpValidation.validateRtcp(rtcp).isValid()) {
            counters.increment(MediaCounter.RTCP_DROPPED_MALFORMED);
            return ForwardOutcome.DROPPED_MALFORMED;
        }
        if (!forwarding) {
            counters.increment(MediaCounter.RTCP_DROPPED_FORWARDING_OFF);
            return ForwardOutcome.DROPPED_FORWARDING_OFF;
        }
        for (boolean more = rtcp.first(); more; more = rtcp.next()) {
            switch (rtcp.type()) {
                case SR:
                    stats.onSenderReport(rtcp.ntpMiddle32(), nowNs);
                    if (rtcp.ssrc() == rewriter.incomingSsrc()) {
                        rtcp.rtpTimestamp(rewriter.toOutgoingTimestamp(rtcp.rtpTimestamp()));
                    }
                    rtcp.ssrc(rewriter.toOutgoingSsrc(rtcp.ssrc()));
                    mapReportBlocks(reverse, nowNs);
                    break;
                case RR:
                    rtcp.ssrc(rewriter.toOutgoingSsrc(rtcp.ssrc()));
                    mapReportBlocks(reverse, nowNs);
                    break;
                case SDES:
                    for (int chunk = rtcp.firstSdesChunk(); chunk >= 0; chunk = rtcp.nextSdesChunk(chunk)) {
                        rtcp.sdesChunkSsrc(chunk, rewriter.toOutgoingSsrc(rtcp.sdesChunkSsrc(chunk)));
                    }
                    break;
                case BYE:
                    for (int i = 0; i < rtcp.byeSourceCount(); i++) {
                        rtcp.byeSsrc(i, rewriter.toOutgoingSsrc(rtcp.byeSsrc(i)));
                    }
                    break;
                case RTPFB:
                case PSFB:
                    rtcp.ssrc(rewriter.toOutgoingSsrc(rtcp.ssrc()));
                    rtcp.mediaSsrc(reverse.rewriter.toIncomingSsrc(rtcp.mediaSsrc()));
                    break;
                default:
                    rtcp.ssrc(rewriter.toOutgoingSsrc(rtcp.ssrc()));
                    break;
            }
        }
        return ForwardOutcome.FORWARD;
    }

    /** Switches forwarding in this direction on or off; packets are still validated and accounted when off. */
    public void forwarding(boolean enabled) {
        forwarding = enabled;
    }

    /** Returns whether packets in this direction are forwarded. */
    public boolean forwarding() {
        return forwarding;
    }

    /** Returns the statistics of the packets arriving. */
    public StreamStats stats() {
        return stats;
    }

    /** Returns the rewriter of the stream leaving. */
    public StreamRewriter rewriter() {
        return rewriter;
    }

    /** Returns the time of the last packet, or when the stream (re)started if later. */
    public long lastActivityNs() {
        final long lastArrivalNs = stats.lastArrivalNs();
        return lastArrivalNs == Long.MIN_VALUE || lastArrivalNs - activeSinceNs < 0 ? activeSinceNs : lastArrivalNs;
    }

    /** Returns whether a packet arrived within {@code windowNs} before {@code nowNs}. */
    public boolean isActive(long nowNs, long windowNs) {
        final long lastArrivalNs = stats.lastArrivalNs();
        return lastArrivalNs != Long.MIN_VALUE && lastArrivalNs + windowNs - nowNs >= 0;
    }

    /** Returns the silence after which the stream is reported. */
    public long timeoutNs() {
        return timeoutNs;
    }

    /** Returns whether the current silence was already reported. */
    boolean timeoutReported() {
        return timeoutReported;
    }

    void timeoutReported(boolean reported) {
        timeoutReported = reported;
    }

    /** Returns whether a round-trip time was measured since the last call. */
    boolean takeNewRtt() {
        final long measurements = stats.rttMeasurements();
        final boolean fresh = measurements != rttMeasurementsSampled;
        rttMeasurementsSampled = measurements;
        return fresh;
    }

    /** Starts the stream afresh (a new upstream): statistics forgotten, silence counted from now. */
    void restart(long nowNs) {
        stats.reset();
        rttMeasurementsSampled = 0;
        hasStatsSsrc = false;
        activeSinceNs = nowNs;
        timeoutReported = false;
        rewriter.markSourceChange();
    }

    private void mapReportBlocks(MediaStream reverse, long nowNs) {
        final long reverseOutgoing = reverse.rewriter.outgoingSsrc();
        for (int i = 0; i < rtcp.reportCount(); i++) {
            final long ssrc = rtcp.reportSsrc(i);
            if (ssrc == reverseOutgoing) {
                reverse.stats.onReportBlock(rtcp.reportLastSr(i), rtcp.reportDelaySinceLastSr(i), nowNs);
            }
            rtcp.reportSsrc(i, reverse.rewriter.toIncomingSsrc(ssrc));
        }
    }
}
