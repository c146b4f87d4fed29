package io.holdfast.relay.call;

import io.holdfast.relay.context.ResumeHandoff;
import io.holdfast.relay.routing.Region;
import io.holdfast.rtp.relay.MediaSide;
import io.holdfast.sip.sdp.Direction;
import io.holdfast.sip.sdp.SessionDescription;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the upstream legs of one call: the first region's INVITE, a failover's or an escalation's, a warm
 * standby's, each with the caller's offer anchored on the call's media and an {@code o=} line of its own.
 * Confined to the call's event loop.
 */
final class UpstreamLegs {
    private final Call call;
    private final CallContext context;
    private final CallSettings settings;
    private final SdpAnchor sdp;
    private SessionDescription callerOffer;
    private MediaAnchor media;

    UpstreamLegs(Call call, CallContext context, CallSettings settings, SdpAnchor sdp) {
        this.call = call;
        this.context = context;
        this.settings = settings;
        this.sdp = sdp;
    }

    /** The caller's offer, which every upstream INVITE carries anchored. */
    void callerOffer(SessionDescription offer) {
        this.callerOffer = offer;
    }

    /** The call's media session, whose upstream-facing ports the offers announce. */
    void media(MediaAnchor anchor) {
        this.media = anchor;
    }

    long inviteTimeoutMs() {
        return settings.inviteTimeoutMs();
    }

    /** A fresh anchored offer for a new upstream leg, with a new origin: set-up, failover or escalation. */
    byte[] newOffer() {
        sdp.restartUpstream(newSessionId());
        return sdp.toward(MediaSide.UPSTREAM, callerOffer, media).toBytes();
    }

    /** The origin of a new standby leg. */
    SdpAnchor.LegOrigin newStandbyOrigin() {
        return sdp.newUpstreamLeg(newSessionId());
    }

    /** The anchored offer for a standby leg, with its own origin and the audio's direction. */
    byte[] standbyOffer(SdpAnchor.LegOrigin origin, Direction direction) {
        return sdp.towardLeg(origin, callerOffer, media, direction).toBytes();
    }

    /** Sends the INVITE of a new leg to {@code region}; {@code handoff} may be null (the offer alone). */
    UpstreamAttempt start(Region region, int number, byte[] offer, ResumeHandoff handoff) {
        return UpstreamAttempt.start(call, context, settings.sip(), settings.localHost(), region, number,
                call.caller().request(), offer, handoff);
    }

    /** A random {@code o=} session id. */
    static long newSessionId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }
}
