package io.holdfast.sip.sdp;

/**
 * A {@code t=<start-time> <stop-time>} line (RFC 8866 §5.9), NTP seconds; {@code t=0 0} for the
 * unbounded sessions SIP sets up. Its {@code r=} and {@code z=} lines are validated and kept as
 * received, not interpreted.
 */
public record Timing(long startTime, long stopTime) {
    public Timing {
        if (startTime < 0 || stopTime < 0) {
            throw new IllegalArgumentException("negative time: " + startTime + ' ' + stopTime);
        }
    }
}
