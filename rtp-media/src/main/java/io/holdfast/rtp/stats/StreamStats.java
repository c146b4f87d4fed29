package io.holdfast.rtp.stats;

import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.packet.RtpSequenceNumber;
import io.holdfast.rtp.packet.RtpTimestamp;

/**
 * Statistics of one received RTP stream, updated per packet without allocation:
 * <ul>
 * <li>packets, bytes and the last arrival time;</li>
 * <li>the extended highest sequence number and the received count of RFC 3550 A.1 (through
 *     {@link RtpSequenceNumber}), hence cumulative and per-interval loss as in A.3: {@code expected =
 *     extended highest - base + 1}, {@code lost = expected - received}; the interval fraction is computed by
 *     {@link #closeInterval()} from the differences since the previous call;</li>
 * <li>interarrival jitter as in A.8 / §6.4.1, {@code J += (|D| - J) / 16}, where D is the difference of
 *     relative transit times, in timestamp units; packets of the RFC 4733 telephone-event payload type are left
 *     out (their timestamps stay at the event start);</li>
 * <li>duplicates and reordered packets, told apart with a 64-bit bitmap of the sequence numbers below the
 *     extended highest;</li>
 * <li>round-trip time from RTCP (§6.4.1, {@code RTT = A - LSR - DLSR}), measured on holdfast's own clock: when
 *     holdfast relays a sender report on this stream it records the SR's NTP middle 32 bits and the local time
 *     ({@link #onSenderReport}); when a receiver report comes back from the other side with a report block
 *     whose LSR equals a recorded value, {@code RTT = now - recorded time - DLSR} ({@link #onReportBlock}). That
 *     is the round trip between holdfast and the receiver of this stream, whatever the endpoints' clocks.</li>
 * </ul>
 * A source that restarts (A.1 resynchronisation) or finishes probation starts its loss counts afresh, as
 * A.1 {@code init_seq} does.
 *
 * <p>Confined to the event loop that owns the stream; {@link #snapshot()} gives other threads a copy.
 */
public final class StreamStats {

    private static final int JITTER_GAIN = 16;
    private static final int WINDOW_BITS = Long.SIZE;
    private static final int SENDER_REPORTS_KEPT = 4;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long DLSR_UNITS_PER_SECOND = 65_536L;
    private static final double MILLIS_PER_SECOND = 1000.0;

    private final int clockRateHz;
    private final int telephoneEventPayloadType;
    private final RtpSequenceNumber sequence = new RtpSequenceNumber();

    private long packets;
    private long bytes;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private long packetsPrior;
    private double fractionLost;
    private long reordered;
    private long duplicates;
    private long window;
    private long lastArrivalNs = Long.MIN_VALUE;

    private boolean hasTransit;
    private long transitBaseNs;
    private double previousArrivalUnits;
    private long previousTimestamp;
    private double jitterUnits;

    private final long[] senderReportLsr = new long[SENDER_REPORTS_KEPT];
    private final long[] senderReportNs = new long[SENDER_REPORTS_KEPT];
    private int senderReportNext;
    private long rttNs = -1;
    private long rttMeasurements;

    /**
     * Creates the statistics of a stream.
     *
     * @param clockRateHz the media clock rate of the stream's payload
     * @param telephoneEventPayloadType the RFC 4733 telephone-event payload type, or -1 when none was negotiated
     */
    public StreamStats(int clockRateHz, int telephoneEventPayloadType) {
        if (clockRateHz <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRateHz);
        }
        this.clockRateHz = clockRateHz;
        this.telephoneEventPayloadType = telephoneEventPayloadType;
        for (int i = 0; i < SENDER_REPORTS_KEPT; i++) {
            senderReportLsr[i] = -1;
        }
    }

    /**
     * Accounts for one validated RTP packet, read through {@code header}. Borrows; does not retain.
     *
     * @param header a view over a packet that passed validation
     * @param arrivalNs the packet's arrival time from the loop's clock
     * @return what the sequence number said about the packet
     */
    public RtpSequenceNumber.Update onRtp(RtpHeader header, long arrivalNs) {
        packets++;
        bytes += header.length();
        lastArrivalNs = arrivalNs;
        final int seq = header.sequenceNumber();
        final boolean wasValid = sequence.isValid();
        final long previousHighest = sequence.extendedHighest();
        final RtpSequenceNumber.Update update = sequence.update(seq);
        switch (update) {
            case IN_ORDER:
                if (!wasValid) {
                    restartCounts();
                } else {
                    onInOrder(sequence.extendedHighest() - previousHighest);
                }
                received++;
                break;
            case LATE:
                onLate(sequence.extendedHighest() - sequence.extend(seq));
                received++;
                break;
            case RESTARTED:
                restartCounts();
                received++;
                break;
            default:
                break;
        }
        if (update != RtpSequenceNumber.Update.BAD_JUMP && header.payloadType() != telephoneEventPayloadType) {
            updateJitter(header.timestamp(), arrivalNs);
        }
        return update;
    }

    /**
     * Closes the current loss interval (A.3) and returns its loss fraction, 0..1: lost over expected packets
     * since the previous call, 0 when nothing was expected or duplicates outnumber losses.
     */
    public double closeInterval() {
        final long expected = expected();
        final long expectedInterval = expected - expectedPrior;
        final long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        final long lostInterval = expectedInterval - receivedInterval;
        fractionLost = expectedInterval == 0 || lostInterval <= 0 ? 0.0 : (double) lostInterval / expectedInterval;
        return fractionLost;
    }

    /** Returns the packets accepted since the previous call, and starts counting afresh. */
    public long takePacketsSinceLastCall() {
        final long delta = packets - packetsPrior;
        packetsPrior = packets;
        return delta;
    }

    /**
     * Records a sender report relayed (or observed) on this stream, for a later RTT measurement.
     *
     * @param ntpMiddle32 the middle 32 bits of the SR's NTP timestamp (what receivers echo as LSR)
     * @param nowNs when holdfast handled the SR, from the loop's clock
     */
    public void onSenderReport(long ntpMiddle32, long nowNs) {
        senderReportLsr[senderReportNext] = ntpMiddle32;
        senderReportNs[senderReportNext] = nowNs;
        senderReportNext = (senderReportNext + 1) % SENDER_REPORTS_KEPT;
    }

    /**
     * Measures the round-trip time from a report block about this stream that came back from its receiver.
     *
     * @param lastSr the block's LSR
     * @param delaySinceLastSr the block's DLSR, in 1/65536 s
     * @param nowNs when holdfast received the report, from the loop's clock
     * @return the round-trip time in nanoseconds, or -1 when LSR is 0 or matches no recorded SR
     */
    public long onReportBlock(long lastSr, long delaySinceLastSr, long nowNs) {
        if (lastSr == 0) {
            return -1;
        }
        for (int i = 0; i < SENDER_REPORTS_KEPT; i++) {
            if (senderReportLsr[i] == lastSr) {
                final long delayNs = delaySinceLastSr * NANOS_PER_SECOND / DLSR_UNITS_PER_SECOND;
                rttNs = Math.max(0, nowNs - senderReportNs[i] - delayNs);
                rttMeasurements++;
                return rttNs;
            }
        }
        return -1;
    }

    /** Returns the datagrams accepted. */
    public long packets() {
        return packets;
    }

    /** Returns their total length in octets. */
    public long bytes() {
        return bytes;
    }

    /** Returns the packets counted by A.1 since the source became valid or restarted, duplicates included. */
    public long received() {
        return received;
    }

    /** Returns the packets expected (A.3), 0 while the source is on probation. */
    public long expected() {
        return sequence.isValid() ? sequence.extendedHighest() - sequence.base() + 1 : 0;
    }

    /** Returns {@code expected - received} (A.3). */
    public long cumulativeLost() {
        return expected() - received;
    }

    /** Returns the loss fraction of the last closed interval. */
    public double fractionLost() {
        return fractionLost;
    }

    /** Returns the packets that arrived late and were not duplicates. */
    public long reordered() {
        return reordered;
    }

    /** Returns the packets whose sequence number had already been received. */
    public long duplicates() {
        return duplicates;
    }

    /** Returns the extended highest sequence number received. */
    public long extendedHighestSequence() {
        return sequence.extendedHighest();
    }

    /** Returns the interarrival jitter in timestamp units. */
    public double jitterUnits() {
        return jitterUnits;
    }

    /** Returns the interarrival jitter in milliseconds. */
    public double jitterMs() {
        return jitterUnits * MILLIS_PER_SECOND / clockRateHz;
    }

    /** Returns the last measured round-trip time in nanoseconds, or -1. */
    public long rttNs() {
        return rttNs;
    }

    /** Returns how many round-trip times were measured. */
    public long rttMeasurements() {
        return rttMeasurements;
    }

    /** Returns the arrival time of the last packet, or {@link Long#MIN_VALUE} when none arrived. */
    public long lastArrivalNs() {
        return lastArrivalNs;
    }

    /** Returns the media clock rate. */
    public int clockRateHz() {
        return clockRateHz;
    }

    /** Forgets everything: the next packet is the first of a new source. */
    public void reset() {
        sequence.reset();
        packets = 0;
        bytes = 0;
        packetsPrior = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
        fractionLost = 0;
        reordered = 0;
        duplicates = 0;
        window = 0;
        lastArrivalNs = Long.MIN_VALUE;
        hasTransit = false;
        jitterUnits = 0;
        rttNs = -1;
        rttMeasurements = 0;
        for (int i = 0; i < SENDER_REPORTS_KEPT; i++) {
            senderReportLsr[i] = -1;
        }
    }

    /** Returns an immutable copy. Allocates; not for the per-packet path. */
    public StreamStatsSnapshot snapshot() {
        return new StreamStatsSnapshot(packets, bytes, received, expected(), cumulativeLost(), fractionLost,
                reordered, duplicates, extendedHighestSequence(), jitterUnits, jitterMs(), rttNs, lastArrivalNs);
    }

    private void restartCounts() {
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
        window = 1;
    }

    private void onInOrder(long advance) {
        if (advance == 0) {
            duplicates++;
        } else if (advance >= WINDOW_BITS) {
            window = 1;
        } else {
            window = (window << advance) | 1;
        }
    }

    private void onLate(long behind) {
        if (behind >= WINDOW_BITS) {
            reordered++;
            return;
        }
        final long bit = 1L << behind;
        if ((window & bit) != 0) {
            duplicates++;
        } else {
            window |= bit;
            reordered++;
        }
    }

    private void updateJitter(long timestamp, long arrivalNs) {
        if (!hasTransit) {
            hasTransit = true;
            transitBaseNs = arrivalNs;
            previousArrivalUnits = 0;
            previousTimestamp = timestamp;
            return;
        }
        final double arrivalUnits = (double) (arrivalNs - transitBaseNs) * clockRateHz / NANOS_PER_SECOND;
        final double transitDifference = (arrivalUnits - previousArrivalUnits)
                - RtpTimestamp.difference(timestamp, previousTimestamp);
        previousArrivalUnits = arrivalUnits;
        previousTimestamp = timestamp;
        jitterUnits += (Math.abs(transitDifference) - jitterUnits) / JITTER_GAIN;
    }
}
