package io.holdfast.relay.call;

import io.holdfast.relay.context.ResumeContext;
import io.holdfast.relay.context.ResumeToken;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.failover.FailoverPolicy;
import io.holdfast.relay.routing.Region;
import io.holdfast.relay.routing.RoutePolicy;
import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.sdp.Direction;
import io.holdfast.sip.sdp.MediaDescription;
import io.holdfast.sip.sdp.SessionDescription;

import java.util.Optional;
import java.util.Set;

/**
 * The failover side of one {@link Call}: its {@link Recovery} in progress, its warm {@link StandbyLeg}, its resume
 * token, and the routing of their INVITEs' responses, timers and the standby's requests away from the call's own
 * set-up. The {@link Call} keeps the states; this class keeps the legs. Confined to the call's event loop.
 */
final class CallFailover {
    private final Call call;
    private final CallContext context;
    private final FailoverPolicy policy;
    private final ResumeContextSource contexts;
    private final RoutePolicy routes;
    private final Set<String> tried;
    private Recovery recovery;
    private StandbyLeg standby;
    private int promptPayloadType = -1;
    private ResumeToken resumeToken;

    /**
     * @param routes the relay's routing
     * @param tried the call's own set of regions tried, shared with its set-up: a region is never tried twice
     */
    CallFailover(Call call, CallContext context, FailoverPolicy policy, ResumeContextSource contexts,
                 RoutePolicy routes, Set<String> tried) {
        this.call = call;
        this.context = context;
        this.policy = policy;
        this.contexts = contexts;
        this.routes = routes;
        this.tried = tried;
    }

    /** The regions this call tried, by name: never tried again. */
    Set<String> tried() {
        return tried;
    }

    RoutePolicy routes() {
        return routes;
    }

    /** True when the attempt is a recovery's or the standby's: the call's set-up must not see it. */
    boolean owns(UpstreamAttempt attempt) {
        return recovery != null && recovery.owns(attempt) || standby != null && standby.owns(attempt);
    }

    /** A 2xx for one of this side's INVITEs; false when the attempt is not one. */
    boolean onAnswered(UpstreamAttempt attempt, SipResponse response) {
        if (recovery != null && recovery.owns(attempt)) {
            recovery.onAnswered(attempt, response);
        } else if (standby != null && standby.owns(attempt)) {
            standby.onAnswered(response);
        } else {
            return false;
        }
        return true;
    }

    /** A failure of one of this side's INVITEs; false when the attempt is not one. */
    boolean onFailed(UpstreamAttempt attempt, CauseTag failure) {
        if (recovery != null && recovery.owns(attempt)) {
            recovery.onFailed(attempt, failure);
        } else if (standby != null && standby.owns(attempt)) {
            standby.onFailed();
        } else {
            return false;
        }
        return true;
    }

    /** A timer while a recovery runs; false when none runs. */
    boolean onTimer(CallTimer timer) {
        if (recovery == null) {
            return false;
        }
        recovery.onTimer(timer);
        return true;
    }

    /** A request in the standby's dialog: its BYE ends the standby, anything else waits (491). False if not one. */
    boolean onStandbyRequest(InboundRequest request) {
        if (standby == null || !standby.owns(request.request().callId())) {
            return false;
        }
        if (request.request().method() != SipMethod.BYE) {
            context.count(CallCounter.ILLEGAL_EVENTS);
            request.respond(request.response(491, "Request Pending").build());
            return true;
        }
        request.respond(request.response(200, "OK").build());
        Dialog dialog = standby.upstreamAttempt().dialog();
        if (dialog != null) {
            dialog.terminate();
        }
        standby.onFailed();
        return true;
    }

    /** The first region answered: its codec is the prompt's, and warm mode sets up the standby. */
    void answered(SessionDescription answer) {
        promptPayloadType = firstPayloadType(answer, promptPayloadType);
        startStandby();
    }

    void failover(CauseTag cause) {
        Recovery started = Recovery.failover(call, context, policy, cause);
        if (started.state() != Recovery.State.DONE) {
            recovery = started;
        }
    }

    /** A human was asked for: a recovery in progress turns to the escalation URI; else one starts. */
    void escalate(CauseTag cause, String text) {
        if (recovery != null) {
            recovery.escalateNow(cause, text);
        } else {
            recovery = Recovery.escalation(call, context, policy, cause, text);
        }
    }

    /** A recovery's INVITE was answered and media re-anchored on it. */
    void recovered(SessionDescription answer) {
        promptPayloadType = firstPayloadType(answer, promptPayloadType);
        recovery = null;
        startStandby();
    }

    /** The standby accepted the flip. */
    void recoveredOnStandby() {
        standby = null;
        recovery = null;
        startStandby();
    }

    /** The recovery is over without a new upstream (released). */
    void recoveryEnded() {
        recovery = null;
    }

    /** The call ends: the recovery stops, the standby is ended. */
    void end() {
        if (recovery != null) {
            Recovery ending = recovery;
            recovery = null;
            ending.end();
        }
        dropStandby();
    }

    StandbyLeg standby() {
        return standby;
    }

    void dropStandby() {
        if (standby != null) {
            StandbyLeg leg = standby;
            standby = null;
            leg.end();
        }
    }

    /** The payload type of the caller's stream (the region's answer), for the prompt's codec; -1 if unknown. */
    int promptPayloadType() {
        return promptPayloadType;
    }

    /** The call's resume token, drawn on its first handoff and the same on every later one. */
    ResumeToken resumeToken() {
        if (resumeToken == null) {
            resumeToken = ResumeToken.random();
        }
        return resumeToken;
    }

    Optional<ResumeContext> resumeContext() {
        return contexts.contextOf(call);
    }

    /** Warm mode: a standby leg to the best healthy region the call has not used, if there is one. */
    private void startStandby() {
        if (!policy.warm() || standby != null) {
            return;
        }
        Region next = routes.next(tried);
        if (next != null) {
            SdpAnchor.LegOrigin origin = call.legs().newStandbyOrigin();
            standby = StandbyLeg.start(call, context, next, origin, call.legs().standbyOffer(origin, Direction.INACTIVE));
        }
    }

    private static int firstPayloadType(SessionDescription answer, int otherwise) {
        int audio = answer == null ? MediaDescription.ABSENT : MediaPeer.audioIndex(answer);
        if (audio == MediaDescription.ABSENT || answer.media(audio).payloadTypes().isEmpty()) {
            return otherwise;
        }
        return answer.media(audio).payloadTypes().get(0);
    }
}
