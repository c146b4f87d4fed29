package io.holdfast.relay.call;

import io.holdfast.rtp.relay.MediaSide;

/**
 * The seam for requests holdfast answers itself inside a call's dialogs instead of relaying them: the resume
 * context a region reports by INFO ({@code application/vnd.holdfast.context+json}) and a region's REFER are
 * taken here by {@code io.holdfast.relay.context.ContextIntake}. {@link #NONE} takes nothing, so every such
 * request is relayed. Called on the call's event loop, for requests other than BYE, ACK, CANCEL and OPTIONS
 * on an answered call, after the dialog checks (tags, CSeq order) passed; must not block.
 */
@FunctionalInterface
public interface InDialogRequestInterceptor {
    /** Takes nothing: everything is relayed. */
    InDialogRequestInterceptor NONE = (call, from, request) -> false;

    /**
     * Offers a request to the interceptor before it is relayed.
     *
     * @param from the leg it came on ({@link MediaSide#UPSTREAM}: the region)
     * @return true when the interceptor answered it (it is then not relayed); false to relay it
     */
    boolean intercept(Call call, MediaSide from, InboundRequest request);

    /**
     * The call has ended (both legs released, its timers stopped): what the interceptor holds for it may go.
     * Called once per call, on its event loop, whether or not a request was ever offered. Does nothing by
     * default.
     */
    default void callEnded(Call call) {
    }
}
