package io.holdfast.rtp.relay;

/**
 * Receives media faults, on the session's event loop. Implementations must not block and must not throw (an
 * exception is counted as a channel error and logged).
 */
@FunctionalInterface
public interface MediaFaultListener {

    /**
     * Reports a fault.
     *
     * @param session the session whose stream failed
     * @param side the side the failed stream comes from ({@link MediaSide#UPSTREAM}: the region went silent or
     *     unreachable)
     * @param fault what happened
     * @param nowNs when it was detected, from the loop's clock
     */
    void onMediaFault(MediaSession session, MediaSide side, MediaFault fault, long nowNs);
}
