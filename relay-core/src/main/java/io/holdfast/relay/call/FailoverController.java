package io.holdfast.relay.call;

import io.holdfast.relay.events.CauseTag;

/**
 * The seam for mid-call failover. When the upstream of an answered call fails (a media fault on the
 * region's stream, a BYE from the region whose Reason says failure, an in-dialog request the region no
 * longer answers), the {@link Call} asks its controller first. Until mid-call failover exists
 * ({@code io.holdfast.relay.failover}, next), {@link #NONE} declines every failure and the call releases
 * itself: BYE to both legs with a {@code Reason} naming the cause, and a route-change event with outcome
 * {@code RELEASED}. A real controller plays the hold prompt, invites the next region with the resume
 * context and re-anchors the media instead. Called on the call's event loop; must not block.
 */
@FunctionalInterface
public interface FailoverController {
    /** No mid-call failover: every upstream failure releases the call. */
    FailoverController NONE = (call, cause, detectedNs) -> false;

    /**
     * The upstream of an answered call failed.
     *
     * @param call the call, on its own event loop
     * @param cause the detection signal
     * @param detectedNs when it was detected, from the call's clock
     * @return true when the controller took the call over; false to release the call
     */
    boolean onUpstreamFailure(Call call, CauseTag cause, long detectedNs);
}
