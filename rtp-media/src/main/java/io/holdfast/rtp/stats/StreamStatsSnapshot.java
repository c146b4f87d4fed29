package io.holdfast.rtp.stats;

/**
 * An immutable copy of one stream's statistics, for readers off the event loop. Any thread.
 *
 * @param packets datagrams accepted on the stream
 * @param bytes their total length in octets, headers included
 * @param received packets counted by RFC 3550 A.1 (after probation, duplicates included)
 * @param expected packets expected from the extended highest and base sequence numbers (A.3)
 * @param cumulativeLost {@code expected - received}; negative when duplicates outnumber losses (A.3)
 * @param fractionLost loss fraction of the last closed interval, 0..1 (A.3)
 * @param reordered packets that arrived after a higher sequence number and were not duplicates
 * @param duplicates packets whose sequence number had already been received
 * @param extendedHighestSequence the extended highest sequence number received
 * @param jitterUnits interarrival jitter in timestamp units (A.8)
 * @param jitterMs interarrival jitter in milliseconds
 * @param rttNs the last round-trip time measured from an RTCP report block, or -1 when none
 * @param lastArrivalNs arrival time of the last packet, or {@link Long#MIN_VALUE} when none
 */
public record StreamStatsSnapshot(
        long packets,
        long bytes,
        long received,
        long expected,
        long cumulativeLost,
        double fractionLost,
        long reordered,
        long duplicates,
        long extendedHighestSequence,
        double jitterUnits,
        double jitterMs,
        long rttNs,
        long lastArrivalNs) {
}
