package io.holdfast.relay.call;

import io.holdfast.relay.events.CauseCategory;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.events.HashedCallId;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.events.RouteOutcome;
import io.holdfast.relay.failover.FailoverPolicy;
import io.holdfast.relay.routing.Region;
import io.holdfast.relay.routing.RoutePolicy;
import io.holdfast.rtp.relay.MediaFault;
import io.holdfast.rtp.relay.MediaPortsExhaustedException;
import io.holdfast.rtp.relay.MediaSessionSpec;
import io.holdfast.rtp.relay.MediaSide;
import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.dialog.DialogId;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.sdp.MediaDescription;
import io.holdfast.sip.sdp.RtpMap;
import io.holdfast.sip.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;

/**
 * One call through holdfast: the caller-facing leg ({@link CallerLeg}, UAS dialog), the upstream leg to a
 * region ({@link UpstreamAttempt}, UAC dialog) and the anchored media between them. One method per event,
 * each switching on the {@link CallState}; every side effect goes through the {@link CallContext}.
 *
 * <pre>
 *  arrow (state --event / action--> state), then the test named after it
 *  (start) --INVITE with an SDP offer / 100 Trying, open media--> OPENING_MEDIA
 *      shouldSendTryingAndOpenMediaWhenInviteHasAnOffer
 *  (start) --INVITE without an audio offer (488), Max-Forwards 0 (483)--> TERMINATED
 *      shouldRefuseWith488WhenInviteHasNoAudioOffer, shouldRefuseWith483WhenMaxForwardsIsZero
 *  OPENING_MEDIA --media open / INVITE the best healthy region, invite timer--> CALLING
 *      shouldInviteBestRegionWithAnchoredOfferWhenMediaOpens
 *  OPENING_MEDIA --media open, no healthy region / 503--> TERMINATED
 *      shouldRefuseWith503WhenNoRegionIsHealthy
 *  OPENING_MEDIA --media failed / 503 (ports exhausted) or 500--> TERMINATED
 *      shouldRefuseWith503WhenMediaPortsAreExhausted
 *  OPENING_MEDIA --CANCEL / media closed when it opens--> TERMINATED
 *      shouldCloseMediaWhenCancelledWhileMediaOpens
 *  CALLING --1xx / relayed, SDP anchored--> CALLING
 *      shouldRelayRingingWhenRegionRings, shouldAnchorEarlyMediaWhenRegionSends183WithSdp
 *  CALLING --2xx / ACK region, 200 with the anchored answer--> ANSWERED
 *      shouldAnswerCallerWithAnchoredAnswerWhenRegionAnswers
 *  CALLING --5xx/6xx, invite timeout, Timer B, transport error / next region--> CALLING
 *      shouldTryNextRegionWhenRegionRefusesWith503, shouldCancelAndTryNextRegionWhenInviteTimesOut
 *  CALLING --5xx/6xx or timeout, no region left / 503 (6xx kept) with Reason--> TERMINATED
 *      shouldRefuseWith503AndReasonWhenEveryRegionFailed, shouldKeep6xxWhenLastRegionDeclines
 *  CALLING --3xx/4xx / relayed (3xx as 480, 401/407 as 403)--> TERMINATED
 *      shouldRelayRefusalWhenRegionAnswers486
 *  CALLING --CANCEL / CANCEL to the region (the transaction layer answers 487)--> TERMINATED
 *      shouldCancelRegionWhenCallerCancels
 *  ANSWERED --ACK--> CONNECTED
 *      shouldConnectWhenCallerAcks
 *  ANSWERED --no ACK within 64*T1 / BYE both legs--> TERMINATED
 *      shouldEndBothLegsWhenCallerNeverAcks
 *  ANSWERED, CONNECTED --BYE / 200, BYE to the other leg--> TERMINATED
 *      shouldEndRegionLegWhenCallerSendsBye, shouldEndCallerLegWhenRegionSendsBye
 *  ANSWERED --2xx, warm mode / a standby leg to the next region, a=inactive ({@link StandbyLeg})--> ANSWERED
 *      shouldInviteStandbyInactiveWhenWarmCallIsAnswered
 *  ANSWERED, CONNECTED --upstream failure (media fault, BYE with a failure Reason, relayed request
 *      unanswered) or {@link #failover} with any infrastructure cause / {@link Recovery}: hold prompt at once,
 *      BYE region, standby flipped or next region invited--> RECOVERING
 *      shouldStartRecoveryWhenUpstreamMediaTimesOut, shouldStartRecoveryWhenRegionHangsUpWithFailureReason,
 *      shouldStartRecoveryWhenFailoverIsCalledWithAnyInfraCause
 *  ANSWERED, CONNECTED --{@link #failover} with an INTENT_* cause / counted, refused--> unchanged
 *      shouldRefuseFailoverWhenCauseIsAnIntentFailure
 *  ANSWERED, CONNECTED --{@link #escalate} / Recovery: agent prompt, INVITE escalation URI--> RECOVERING
 *      shouldInviteEscalationUriWhenRegionAsksForHuman (RecoveryTest)
 *  RECOVERING --new region, standby or human answered / media re-anchored--> ANSWERED or CONNECTED, as before
 *      shouldReturnToConnectedWhenRecoveryReanchors
 *  RECOVERING --no one took the call, the prompt's pass ended / BYE caller with Reason--> TERMINATED
 *      shouldReleaseCallerAfterPromptWhenNoOneTakesTheCall
 *  RECOVERING --caller's BYE, drain, no ACK / pending INVITE cancelled, standby ended, prompt stopped--> TERMINATED
 *      shouldCancelPendingInviteWhenCallerHangsUpDuringRecovery,
 *      shouldCancelPendingInviteAndByeCallerWhenDrainEndsCallDuringRecovery,
 *      shouldEndCallWhenCallerNeverAcksDuringRecovery
 *  RECOVERING --caller's ACK / remembered; other requests / 491, the failed region's BYE / 200--> RECOVERING
 *      shouldAnswer491WhenCallerSendsRequestDuringRecovery
 *  CONNECTED --re-INVITE, UPDATE, INFO / relayed by {@link InDialogRelay}--> CONNECTED
 *      InDialogRelayTest
 *  any but TERMINATED --end(cause) (drain) / 503 or BYE both legs--> TERMINATED
 *      shouldEndBothLegsWhenEndedByDrain, shouldRefuseWith503WhenEndedWhileCalling
 *  TERMINATED --any event / counted, ignored--> TERMINATED
 *      shouldCountAndIgnoreEventsWhenTerminated
 * </pre>
 *
 * <p>Confined to the event loop that owns the caller's Call-ID (the upstream Call-IDs are drawn on the same
 * loop).
 */
public final class Call {
    private static final Logger LOG = LoggerFactory.getLogger(Call.class);
    private static final String SIP_PROTOCOL = "SIP";
    /** The SIP cause written in Reason headers when holdfast ends or refuses a call for a cause tag. */
    private static final int REASON_CAUSE = 503;

    private final CallContext context;
    private final CallSettings settings;
    private final RoutePolicy routes;
    private final CallFailover moves;
    private final InDialogRequestInterceptor interceptor;
    private final HashedCallId id;
    private final CallerLeg caller;
    private final SdpAnchor sdp;
    private final InDialogRelay relay;
    private final UpstreamLegs legs;
    private final Set<String> tried = new HashSet<>(4);
    private CallState state = CallState.OPENING_MEDIA;
    private MediaAnchor media;
    private UpstreamAttempt upstream;
    private CauseTag lastFailure;
    private int lastFailureStatus;
    /** The state a recovery returns to: ANSWERED until the caller's ACK came, then CONNECTED. */
    private CallState settled;

    Call(CallContext context, CallSettings settings, RoutePolicy routes, FailoverPolicy failover,
         ResumeContextSource contexts, InDialogRequestInterceptor interceptor, HashedCallId id, InboundRequest invite) {
        this.context = context;
        this.settings = settings;
        this.routes = routes;
        this.interceptor = interceptor;
        this.id = id;
        this.caller = new CallerLeg(invite, context);
        this.sdp = new SdpAnchor(settings.mediaAddress(), UpstreamLegs.newSessionId(), UpstreamLegs.newSessionId());
        this.relay = new InDialogRelay(this, context, sdp);
        this.legs = new UpstreamLegs(this, context, settings, sdp);
        this.moves = new CallFailover(this, context, failover, contexts, routes, tried);
    }

    /** The call's state. Call's loop. */
    public CallState state() {
        return state;
    }

    /** The keyed hash of the caller's Call-ID: the call's name in events and logs. */
    public HashedCallId hashedCallId() {
        return id;
    }

    /** The region of the current upstream leg, or {@code null} before the first INVITE. Call's loop. */
    public Region region() {
        return upstream == null ? null : upstream.region();
    }

    /** The caller's INVITE: its offer is anchored, holdfast answers 100 Trying and opens the media. */
    void start() {
        context.count(CallCounter.CALLS_STARTED);
        SipRequest invite = caller.request();
        if (invite.maxForwards() == 0) {
            refuse(483, "Too Many Hops", null);
            return;
        }
        SessionDescription offer = SdpAnchor.of(invite);
        int audio = offer == null ? MediaDescription.ABSENT : MediaPeer.audioIndex(offer);
        RtpMap codec = audio == MediaDescription.ABSENT ? null : MediaPeer.voiceCodec(offer.media(audio));
        if (codec == null) {
            refuse(488, "Not Acceptable Here", new Reason(SIP_PROTOCOL, 488, "an SDP offer with RTP audio is required"));
            return;
        }
        caller.respond(100, "Trying", null, null);
        legs.callerOffer(offer);
        MediaPeer peer = MediaPeer.of(offer);
        context.openMedia(new MediaSessionSpec(codec.clockRate(),
                offer.media(audio).telephoneEventPayloadType(codec.clockRate()), peer.rtp(), peer.rtcp(), null, null, 0));
    }

    /** The anchored media session is open. */
    void onMediaOpened(MediaAnchor anchor) {
        if (state != CallState.OPENING_MEDIA) {
            anchor.close();
            return;
        }
        media = anchor;
        legs.media(anchor);
        inviteNextRegion();
    }

    /** The anchored media session could not open. */
    void onMediaFailed(Throwable cause) {
        if (state != CallState.OPENING_MEDIA) {
            return;
        }
        context.count(CallCounter.MEDIA_OPEN_FAILURES);
        if (cause instanceof MediaPortsExhaustedException) {
            LOG.warn("call {}: refused with 503, no media port is free", id);
            refuse(503, "Service Unavailable", new Reason(SIP_PROTOCOL, 503, "no media port is free"));
        } else {
            LOG.error("call {}: refused with 500, media ports could not be opened", id, cause);
            refuse(500, "Server Internal Error", new Reason(SIP_PROTOCOL, 500, "media ports could not be opened"));
        }
    }

    void onUpstreamProvisional(UpstreamAttempt attempt, SipResponse response) {
        if (moves.owns(attempt)) {
            return;
        }
        if (attempt != upstream || state != CallState.CALLING) {
            context.count(CallCounter.ILLEGAL_EVENTS);
            return;
        }
        int status = response.statusCode();
        if (status == 100) {
            return;
        }
        SessionDescription early = SdpAnchor.of(response);
        SessionDescription toCaller = null;
        if (early != null) {
            MediaPeer peer = MediaPeer.of(early);
            if (peer != null) {
                media.signalRemote(MediaSide.UPSTREAM, peer);
            }
            toCaller = sdp.toward(MediaSide.CALLER, early, media);
        }
        caller.respond(status, status == 180 ? "Ringing" : status == 183 ? "Session Progress" : response.reasonPhrase(),
                toCaller, null);
    }

    void onUpstreamAnswered(UpstreamAttempt attempt, SipResponse response) {
        if (moves.onAnswered(attempt, response)) {
            return;
        }
        if (attempt != upstream || state != CallState.CALLING) {
            context.count(CallCounter.ILLEGAL_EVENTS);
            return;
        }
        context.cancel(CallTimer.INVITE_TIMEOUT);
        SessionDescription answer = SdpAnchor.of(response);
        MediaPeer peer = answer == null ? null : MediaPeer.of(answer);
        if (peer == null) {
            LOG.warn("call {}: region {} answered without a usable SDP answer; ending it", id, attempt.region());
            attempt.bye(new Reason(SIP_PROTOCOL, 488, "no SDP answer with RTP audio"));
            regionFailed(CauseTag.SIP_5XX, 502);
            return;
        }
        media.answerUpstream(peer, attempt.region().tag());
        if (lastFailure != null) {
            context.publish(event(lastFailure, RouteOutcome.ROUTED).to(attempt.region().name())
                    .attempt(attempt.number()).build());
        }
        caller.respond(200, "OK", sdp.toward(MediaSide.CALLER, answer, media), null);
        state = CallState.ANSWERED;
        context.count(CallCounter.CALLS_ANSWERED);
        LOG.info("call {} from {} answered by region {}", id, MaskedCaller.of(caller.request()), attempt.region());
        moves.answered(answer);
    }

    void onUpstreamRefused(UpstreamAttempt attempt, SipResponse response) {
        if (moves.onFailed(attempt, CauseTag.SIP_5XX)) {
            return;
        }
        if (attempt != upstream || state != CallState.CALLING) {
            context.count(CallCounter.ILLEGAL_EVENTS);
            return;
        }
        context.cancel(CallTimer.INVITE_TIMEOUT);
        int status = response.statusCode();
        if (status >= 500 || status < 300) {
            regionFailed(CauseTag.SIP_5XX, status < 300 ? 502 : status);
            return;
        }
        context.publish(event(CauseTag.NORMAL_CLEARING, RouteOutcome.ENDED).from(attempt.region().name()).build());
        if (status < 400) {
            refuse(480, "Temporarily Unavailable", null);
        } else if (status == 401 || status == 407) {
            refuse(403, "Forbidden", null);
        } else {
            refuse(status, response.reasonPhrase(), null);
        }
    }

    /** Timer B or a transport error: the region never answered finally. */
    void onUpstreamUnanswered(UpstreamAttempt attempt, boolean transportError) {
        if (moves.onFailed(attempt, transportError ? CauseTag.MEDIA_UNREACHABLE : CauseTag.SIP_TIMEOUT)) {
            return;
        }
        if (attempt != upstream || state != CallState.CALLING) {
            context.count(CallCounter.ILLEGAL_EVENTS);
            return;
        }
        context.cancel(CallTimer.INVITE_TIMEOUT);
        regionFailed(transportError ? CauseTag.MEDIA_UNREACHABLE : CauseTag.SIP_TIMEOUT, 0);
    }

    void onTimer(CallTimer timer) {
        if (state == CallState.RECOVERING && moves.onTimer(timer)) {
            return;
        }
        if (timer == CallTimer.INVITE_TIMEOUT && state == CallState.CALLING) {
            LOG.info("call {}: region {} did not answer within {}", id, upstream.region(), settings.sip().inviteTimeout());
            regionFailed(CauseTag.SIP_TIMEOUT, 0);
            return;
        }
        context.count(CallCounter.ILLEGAL_EVENTS);
    }

    /** The caller cancelled its INVITE (RFC 3261 §9.2); the transaction layer answers it 487 afterwards. */
    void onCallerCancel() {
        switch (state) {
            case OPENING_MEDIA -> {
                context.publish(event(CauseTag.CALLER_CANCEL, RouteOutcome.ENDED).build());
                context.count(CallCounter.CALLS_CANCELLED);
                terminate();
            }
            case CALLING -> {
                upstream.abandon();
                context.publish(event(CauseTag.CALLER_CANCEL, RouteOutcome.ENDED).from(upstream.region().name()).build());
                context.count(CallCounter.CALLS_CANCELLED);
                terminate();
            }
            default -> context.count(CallCounter.ILLEGAL_EVENTS);
        }
    }

    /** An ACK from the caller: for the 200 to its INVITE, or for a relayed re-INVITE's 2xx. */
    void onCallerAck(SipRequest ack) {
        if (state == CallState.ANSWERED && ack.cseq().sequence() == caller.request().cseq().sequence()
                && caller.matches(ack)) {
            state = CallState.CONNECTED;
        } else if (state == CallState.RECOVERING && ack.cseq().sequence() == caller.request().cseq().sequence()
                && caller.matches(ack)) {
            settled = CallState.CONNECTED;
        } else if (state == CallState.ANSWERED || state == CallState.CONNECTED) {
            relay.onAck(MediaSide.CALLER, ack);
        } else {
            context.count(CallCounter.ILLEGAL_EVENTS);
        }
    }

    /** An ACK from the region, for the 2xx of a re-INVITE it sent. */
    void onUpstreamAck(SipRequest ack) {
        if (state == CallState.ANSWERED || state == CallState.CONNECTED) {
            relay.onAck(MediaSide.UPSTREAM, ack);
        } else {
            context.count(CallCounter.ILLEGAL_EVENTS);
        }
    }

    /** A CANCEL for a re-INVITE holdfast relays (the initial INVITE's goes to {@link #onCallerCancel}). */
    void onReinviteCancel(SipRequest cancelledInvite) {
        relay.onCancel(cancelledInvite);
    }

    /** No ACK came for a 2xx holdfast sent on {@code side} (RFC 3261 §13.3.1.4): the session is ended. */
    void onAckTimeout(MediaSide side) {
        if (state != CallState.ANSWERED && state != CallState.CONNECTED
                && !(state == CallState.RECOVERING && side == MediaSide.CALLER)) {
            context.count(CallCounter.ILLEGAL_EVENTS);
            return;
        }
        LOG.info("call {}: the {} never acknowledged a 2xx; ending the call", id, side == MediaSide.CALLER ? "caller" : "region");
        hangUp(side == MediaSide.CALLER ? CauseTag.CALLER_HANGUP : CauseTag.NORMAL_CLEARING, null);
    }

    /** A request in one of the call's dialogs (not ACK, not CANCEL). */
    void onInDialogRequest(MediaSide from, InboundRequest request) {
        SipRequest r = request.request();
        if (from == MediaSide.UPSTREAM && moves.onStandbyRequest(request)) {
            return;
        }
        Dialog dialog = dialog(from);
        if (state == CallState.TERMINATED || dialog == null || !DialogId.ofReceivedRequest(r).equals(dialog.id())) {
            context.count(CallCounter.REQUESTS_WITHOUT_CALL);
            request.respond(request.response(481, "Call/Transaction Does Not Exist").build());
            return;
        }
        if (state == CallState.RECOVERING && r.method() == SipMethod.BYE && from == MediaSide.UPSTREAM) {
            request.respond(request.response(200, "OK").build());
            return;
        }
        if (state != CallState.ANSWERED && state != CallState.CONNECTED
                && !(state == CallState.RECOVERING && r.method() == SipMethod.BYE)) {
            earlyRequest(request);
            return;
        }
        if (dialog.checkRequest(r) == Dialog.RequestCheck.CSEQ_OUT_OF_ORDER) {
            request.respond(request.response(500, "Server Internal Error").build());
            return;
        }
        if (r.method() == SipMethod.BYE) {
            onBye(from, request);
        } else if (r.method() == SipMethod.OPTIONS) {
            request.respond(request.response(200, "OK").allow(UpstreamAttempt.ALLOWED)
                    .addHeader("Accept", "application/sdp").build());
        } else if (!interceptor.intercept(this, from, request)) {
            relay.relay(from, request);
        }
    }

    /** A media fault on one of the call's streams. */
    void onMediaFault(MediaSide side, MediaFault fault) {
        context.count(CallCounter.MEDIA_FAULTS);
        if (side == MediaSide.CALLER || (state != CallState.ANSWERED && state != CallState.CONNECTED)) {
            LOG.debug("call {}: {} on the {} stream in state {}, not an upstream failure", id, fault, side, state);
            return;
        }
        upstreamFailed(fault == MediaFault.MEDIA_TIMEOUT ? CauseTag.MEDIA_TIMEOUT : CauseTag.MEDIA_UNREACHABLE);
    }

    /** The upstream of an answered call failed (media fault, failure BYE, relayed request unanswered). */
    void upstreamFailed(CauseTag cause) {
        failover(cause);
    }

    /**
     * Moves an answered call off its region for {@code cause}, whoever detected it (media faults and SIP here;
     * health, drains and operators elsewhere): the caller hears the hold prompt within one packet interval,
     * the region gets BYE with {@code Reason: SIP;cause=503;text="CAUSE"}, and the warm standby or the next
     * healthy region not yet tried takes the call, else a human, else it is released after the prompt. An
     * intent failure ({@code INTENT_*}) never moves a call: it is counted and refused. Ignored (counted) unless
     * the call is answered and not already recovering. Call's loop.
     */
    public void failover(CauseTag cause) {
        if (cause.category() == CauseCategory.INTENT) {
            context.count(CallCounter.FAILOVERS_REFUSED_INTENT);
            LOG.warn("call {}: failover for the intent failure {} refused; intent failures never move a call", id,
                    cause);
            return;
        }
        if (state != CallState.ANSWERED && state != CallState.CONNECTED) {
            context.count(CallCounter.ILLEGAL_EVENTS);
            return;
        }
        LOG.info("call {}: region {} failed ({}); recovering", id, upstream.region(), cause);
        settled = state;
        state = CallState.RECOVERING;
        moves.failover(cause);
    }

    /**
     * A human was asked for ({@link EscalationTrigger}): the caller hears the agent prompt, the region gets BYE,
     * and the escalation URI is invited with the reason and the resume context; a failover in progress is
     * abandoned for it. Ignored (counted) unless the call is answered. Call's loop.
     *
     * @param reasonText the region's words, for the human; never a context value
     */
    public void escalate(CauseTag cause, String reasonText) {
        String text = reasonText == null || reasonText.isBlank() ? cause.description() : reasonText;
        if (state != CallState.ANSWERED && state != CallState.CONNECTED && state != CallState.RECOVERING) {
            context.count(CallCounter.ILLEGAL_EVENTS);
            return;
        }
        LOG.info("call {}: escalation asked ({}) on region {}", id, cause, upstream.region());
        if (state != CallState.RECOVERING) {
            settled = state;
            state = CallState.RECOVERING;
        }
        moves.escalate(cause, text);
    }

    /** The caller's leg no longer answers (a relayed request timed out or got 481): the call ends. */
    void callerGone() {
        if (state == CallState.ANSWERED || state == CallState.CONNECTED || state == CallState.RECOVERING) {
            hangUp(CauseTag.CALLER_HANGUP, null);
        }
    }

    /**
     * Ends the call from holdfast's side, for example when a drain outlives its timeout: a call not yet
     * answered is refused 503, an answered one gets BYE on both legs, each with a Reason naming the cause.
     */
    public void end(CauseTag cause) {
        Reason reason = new Reason(SIP_PROTOCOL, REASON_CAUSE, cause.name());
        switch (state) {
            case OPENING_MEDIA, CALLING -> {
                if (upstream != null) {
                    upstream.abandon();
                }
                context.publish(event(cause, RouteOutcome.ENDED).from(upstream == null ? null : upstream.region().name())
                        .build());
                refuse(503, "Service Unavailable", reason);
            }
            case ANSWERED, CONNECTED, RECOVERING -> hangUp(cause, reason);
            case TERMINATED -> context.count(CallCounter.ILLEGAL_EVENTS);
        }
    }

    /** The leg a request with this Call-ID belongs to: the caller's, or an upstream one. */
    MediaSide sideOf(String callId) {
        return caller.request().callId().equals(callId) ? MediaSide.CALLER : MediaSide.UPSTREAM;
    }

    /** True when {@code invite} is the caller's initial INVITE (not a re-INVITE). */
    boolean isInitialInvite(SipRequest invite) {
        return invite == caller.request();
    }

    CallerLeg caller() {
        return caller;
    }

    UpstreamAttempt upstream() {
        return upstream;
    }

    MediaAnchor media() {
        return media;
    }

    Dialog dialog(MediaSide side) {
        if (side == MediaSide.CALLER) {
            return caller.dialog();
        }
        return upstream == null ? null : upstream.dialog();
    }

    CallFailover moves() {
        return moves;
    }

    UpstreamLegs legs() {
        return legs;
    }

    /** A recovery's INVITE was answered and media re-anchored on it: it is the call's upstream now. */
    void recovered(UpstreamAttempt attempt, SessionDescription answer) {
        upstream = attempt;
        relay.onUpstreamReplaced();
        state = settled;
        moves.recovered(answer);
    }

    /** The standby accepted the flip: it is the call's upstream now. */
    void recoveredOnStandby(StandbyLeg leg) {
        upstream = leg.upstreamAttempt();
        relay.onUpstreamReplaced();
        sdp.adoptUpstream(leg.origin());
        state = settled;
        moves.recoveredOnStandby();
    }

    /** No one took the call: the caller gets BYE with a Reason naming the cause. */
    void release(CauseTag cause, RouteChangeEvent event) {
        LOG.info("call {}: no region or human took the call ({}); released", id, cause);
        moves.recoveryEnded();
        caller.bye(new Reason(SIP_PROTOCOL, REASON_CAUSE, cause.name()));
        context.publish(event);
        context.count(CallCounter.CALLS_RELEASED);
        terminate();
    }

    private void inviteNextRegion() {
        Region region = routes.next(tried);
        if (region == null) {
            refuseWithoutRegion();
            return;
        }
        tried.add(region.name());
        upstream = legs.start(region, tried.size(), legs.newOffer(), null);
        state = CallState.CALLING;
        context.schedule(CallTimer.INVITE_TIMEOUT, settings.inviteTimeoutMs());
    }

    private void regionFailed(CauseTag cause, int status) {
        context.count(CallCounter.REGION_ATTEMPTS_FAILED);
        upstream.abandon();
        context.publish(event(cause, RouteOutcome.ATTEMPT_FAILED).to(upstream.region().name())
                .attempt(upstream.number()).build());
        lastFailure = cause;
        lastFailureStatus = status;
        inviteNextRegion();
    }

    /** No region (left) to try: 503, or the last region's 6xx, with a Reason naming the last cause. */
    private void refuseWithoutRegion() {
        if (lastFailure == null) {
            LOG.warn("call {} from {}: no region is healthy; refused with 503", id, MaskedCaller.of(caller.request()));
            context.publish(event(CauseTag.REGION_DOWN, RouteOutcome.RELEASED).build());
            refuse(503, "Service Unavailable", new Reason(SIP_PROTOCOL, 503, CauseTag.REGION_DOWN.name()));
            return;
        }
        int status = lastFailureStatus >= 600 ? lastFailureStatus : 503;
        LOG.warn("call {} from {}: every region failed (last {}); refused with {}", id,
                MaskedCaller.of(caller.request()), lastFailure, status);
        context.publish(event(lastFailure, RouteOutcome.RELEASED).from(upstream.region().name())
                .attempt(upstream.number()).build());
        refuse(status, status == 503 ? "Service Unavailable" : "Decline", new Reason(SIP_PROTOCOL, status,
                lastFailure.name()));
    }

    private void refuse(int status, String phrase, Reason reason) {
        caller.respond(status, phrase, null, reason);
        context.count(CallCounter.CALLS_REFUSED);
        terminate();
    }

    private void earlyRequest(InboundRequest request) {
        context.count(CallCounter.ILLEGAL_EVENTS);
        request.respond(request.response(491, "Request Pending").build());
    }

    private void onBye(MediaSide from, InboundRequest bye) {
        bye.respond(bye.response(200, "OK").build());
        dialog(from).terminate();
        if (from == MediaSide.UPSTREAM && FailureReason.isFailure(bye.request().reasons())) {
            upstreamFailed(CauseTag.SIP_REMOTE_FAILURE);
            return;
        }
        hangUp(from == MediaSide.CALLER ? CauseTag.CALLER_HANGUP : CauseTag.NORMAL_CLEARING, null);
    }

    /** Ends an answered call normally: BYE to each leg still up, event ENDED. */
    private void hangUp(CauseTag cause, Reason reason) {
        caller.bye(reason);
        upstream.bye(reason);
        context.publish(event(cause, RouteOutcome.ENDED).from(upstream.region().name()).build());
        context.count(CallCounter.CALLS_ENDED);
        LOG.info("call {} ended ({})", id, cause);
        terminate();
    }

    private void terminate() {
        state = CallState.TERMINATED;
        moves.end();
        context.cancel(CallTimer.INVITE_TIMEOUT);
        if (media != null) {
            media.close();
        }
        context.terminated();
    }

    RouteChangeEvent.Builder event(CauseTag cause, RouteOutcome outcome) {
        return RouteChangeEvent.builder(context.clock().epochMillis(), id, cause, outcome);
    }
}
