package io.holdfast.relay.call;

import io.holdfast.relay.context.ResumeHandoff;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.routing.Region;
import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.sdp.Direction;
import io.holdfast.sip.sdp.SessionDescription;

/**
 * Warm failover's standby leg: set up when the call is answered, to the next healthy region, with the audio
 * {@code a=inactive} and holdfast's upstream-facing port in its SDP (the media session's strict latch keeps
 * its packets out while another region is the upstream). On a failure the media session is retargeted to it
 * at once and it gets a re-INVITE with {@code a=sendrecv} (the flip); its 2xx makes it the call's upstream.
 * With the warm flip {@code none} there is no re-INVITE: the leg is the call's upstream at once, as answered.
 *
 * <pre>
 *  INVITING --2xx with an SDP answer--> READY;  --non-2xx, Timer B, transport error, BYE--> FAILED
 *  READY --flip / re-INVITE sendrecv--> FLIPPING --2xx / ACK--> ACTIVE;  --failure--> FAILED
 *  READY --adopt (warm flip none)--> ACTIVE
 *  any --end / CANCEL or BYE--> FAILED
 * </pre>
 *
 * Confined to the call's event loop.
 */
final class StandbyLeg implements ResponseListener {
    /** Where the leg is; see the class diagram. */
    enum State { INVITING, READY, FLIPPING, ACTIVE, FAILED }

    private final Call call;
    private final CallContext context;
    private final SdpAnchor.LegOrigin origin;
    private UpstreamAttempt attempt;
    private State state = State.INVITING;
    private MediaPeer peer;
    private Recovery recovery;
    private int attemptNumber;
    private OutboundRequest reinvite;
    private SipRequest reinviteAck;

    private StandbyLeg(Call call, CallContext context, SdpAnchor.LegOrigin origin) {
        this.call = call;
        this.context = context;
        this.origin = origin;
    }

    /** Invites {@code region} as the call's standby; the INVITE's outcome comes back through {@link Call}. */
    static StandbyLeg start(Call call, CallContext context, Region region, SdpAnchor.LegOrigin origin,
                            byte[] inactiveOffer) {
        StandbyLeg leg = new StandbyLeg(call, context, origin);
        leg.attempt = call.legs().start(region, 1, inactiveOffer, null);
        return leg;
    }

    State state() {
        return state;
    }

    Region region() {
        return attempt.region();
    }

    UpstreamAttempt upstreamAttempt() {
        return attempt;
    }

    SdpAnchor.LegOrigin origin() {
        return origin;
    }

    MediaPeer peer() {
        return peer;
    }

    /** The attempt number of the recovery that used it. */
    int attempt() {
        return attemptNumber;
    }

    boolean isReady() {
        return state == State.READY;
    }

    boolean owns(UpstreamAttempt candidate) {
        return candidate == attempt;
    }

    /** True when a request with this Call-ID belongs to the standby's dialog. */
    boolean owns(String callId) {
        return attempt.invite().callId().equals(callId);
    }

    /** The region answered the standby INVITE (the attempt has ACKed it). */
    void onAnswered(SipResponse response) {
        SessionDescription answer = SdpAnchor.of(response);
        MediaPeer answered = answer == null ? null : MediaPeer.of(answer);
        if (state != State.INVITING || answered == null || answered.rtp() == null) {
            fail();
            return;
        }
        peer = answered;
        state = State.READY;
    }

    /** The standby INVITE failed, or the standby region hung up. */
    void onFailed() {
        if (state == State.FLIPPING && recovery != null) {
            recovery.onFlipFailed(this, CauseTag.SIP_REMOTE_FAILURE);
            return;
        }
        fail();
    }

    /** Sends the re-INVITE that turns the standby's audio on, carrying the resume context. */
    void flip(Recovery owner, int number, CauseTag cause) {
        recovery = owner;
        attemptNumber = number;
        state = State.FLIPPING;
        Dialog dialog = attempt.dialog();
        byte[] offer = call.legs().standbyOffer(origin, Direction.SENDRECV);
        SipRequest.Builder request = dialog.createRequest(SipMethod.INVITE).addContact(attempt.contact())
                .allow(UpstreamAttempt.ALLOWED);
        ResumeHandoff.failover(offer, call.moves().resumeToken(), cause, number).context(call.moves().resumeContext())
                .build()
                .applyTo(request);
        reinvite = context.send(request.build(), attempt.hop(), this);
    }

    /** Makes the leg the call's upstream without a re-INVITE: it stays as answered (warm flip none). */
    void adopt(int number) {
        attemptNumber = number;
        state = State.ACTIVE;
    }

    /** Ends the leg: CANCEL while its INVITE is pending, BYE once answered. Idempotent. */
    void end() {
        if (state == State.FAILED) {
            return;
        }
        state = State.FAILED;
        if (attempt.dialog() == null) {
            attempt.abandon();
        } else {
            attempt.bye(new Reason("SIP", 200, "standby no longer needed"));
        }
    }

    private void fail() {
        if (state != State.FAILED) {
            context.count(CallCounter.STANDBY_LEGS_FAILED);
        }
        end();
        call.moves().dropStandby();
    }

    @Override
    public void onProvisional(OutboundRequest request, SipResponse response) {
        // The re-INVITE's provisional responses change nothing.
    }

    @Override
    public void onFinal(OutboundRequest request, SipResponse response) {
        Dialog dialog = attempt.dialog();
        if (response.isSuccess()) {
            if (reinviteAck != null) {
                context.sendAck(reinviteAck, attempt.hop());
                return;
            }
            if (dialog != null) {
                dialog.onResponse(request.request(), response);
                reinviteAck = context.sendAck(dialog.createAck(request.request()).build(), attempt.hop());
            }
            if (state == State.FLIPPING && request == reinvite) {
                state = State.ACTIVE;
                recovery.onFlipped(this);
            }
            return;
        }
        if (state == State.FLIPPING && request == reinvite) {
            recovery.onFlipFailed(this, CauseTag.SIP_5XX);
        }
    }

    @Override
    public void onTimeout(OutboundRequest request) {
        if (state == State.FLIPPING && request == reinvite) {
            recovery.onFlipFailed(this, CauseTag.SIP_TIMEOUT);
        }
    }

    @Override
    public void onTransportError(OutboundRequest request) {
        if (state == State.FLIPPING && request == reinvite) {
            recovery.onFlipFailed(this, CauseTag.MEDIA_UNREACHABLE);
        }
    }
}
