package io.holdfast.relay.call;

import io.holdfast.relay.context.ResumeHandoff;
import io.holdfast.relay.events.CauseCategory;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.events.RouteOutcome;
import io.holdfast.relay.failover.FailoverPolicy;
import io.holdfast.relay.failover.RecoveryBudget;
import io.holdfast.relay.failover.RecoveryTimings;
import io.holdfast.relay.routing.Region;
import io.holdfast.rtp.prompt.Prompt;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One recovery of an answered call: its region failed (a failover) or a human was asked for (an escalation).
 * The caller's dialog is never touched; the caller hears a prompt on its own stream while the call moves.
 *
 * <pre>
 *  arrow (state --event / action--> state), then the test named after it (RecoveryTest)
 *  (start) --failure, warm standby ready / retarget to standby, hold prompt, BYE region, re-INVITE sendrecv--> FLIPPING
 *      shouldRetargetToStandbyAtOnceAndFlipItWhenWarm
 *  (start) --failure, warm standby ready, warm flip none / retarget to standby, BYE region, REANCHORED--> DONE
 *      shouldReanchorOnStandbyWithoutReinviteWhenWarmFlipIsNone
 *  (start) --failure, no standby / hold prompt, BYE region, INVITE next region with the context--> INVITING
 *      shouldPlayPromptAtOnceAndInviteNextRegionWhenUpstreamFails
 *  (start) --escalation asked / agent prompt, BYE region, INVITE escalation URI--> ESCALATING
 *      shouldInviteEscalationUriWhenRegionAsksForHuman
 *  INVITING, FLIPPING --2xx (re-INVITE 2xx) / ACK, retarget, prompt stops, REANCHORED--> DONE
 *      shouldReanchorOnNextRegionWhenItAnswers, shouldReanchorOnStandbyWhenItAcceptsTheFlip
 *  INVITING, FLIPPING --5xx/6xx, invite timeout, transport error / ATTEMPT_FAILED, next region--> INVITING
 *      shouldTryNextRegionWhenFailoverRegionRefuses, shouldFallBackToColdWhenStandbyRefusesTheFlip
 *  INVITING --no region, attempts or budget spent / agent prompt, INVITE escalation URI--> ESCALATING
 *      shouldEscalateWhenAttemptsAreExhausted, shouldEscalateWhenBudgetIsSpent
 *  INVITING, FLIPPING --escalation asked / pending INVITE abandoned, INVITE escalation URI--> ESCALATING
 *      shouldAbandonFailoverAndEscalateWhenHumanIsAskedDuringRecovery
 *  ESCALATING --2xx / ACK, retarget, prompt stops, ESCALATED--> DONE
 *      shouldEscalateToHumanWhenEveryRegionFails
 *  ESCALATING --failure / the prompt plays to the end of its pass--> RELEASING;  no escalation URI: the same
 *      shouldReleaseAfterPromptEndsWhenEscalationFails, shouldReleaseAfterPromptWhenNoEscalationUri
 *  RELEASING --prompt pass ended / BYE caller with Reason, RELEASED--> DONE
 *      shouldReleaseAfterPromptEndsWhenEscalationFails
 *  any but DONE --call ended (BYE, drain) / prompt stopped, pending INVITE cancelled, standby ended--> DONE
 *      shouldCancelPendingInviteWhenCallerHangsUpDuringRecovery
 * </pre>
 *
 * Every move writes one route-change event. Confined to the call's event loop.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final long FRAME_MS = 20;
    /** Slack after the last frame of a prompt's pass before the call is released. */
    private static final long PROMPT_END_SLACK_MS = 5;
    static final String NO_REGION_TEXT = "no region could take the call";

    /** Where the recovery is; see the class diagram. */
    enum State { INVITING, FLIPPING, ESCALATING, RELEASING, DONE }

    private final Call call;
    private final CallContext context;
    private final FailoverPolicy policy;
    private final CauseTag cause;
    private final String fromRegion;
    private final RecoveryTimings timings;
    private final RecoveryBudget budget;
    private State state;
    private UpstreamAttempt pending;
    private StandbyLeg flipping;
    private CauseTag escalationCause;
    /** The prompt passes played when the release began; one more and the caller has heard the prompt out. */
    private long passesAtRelease = -1;
    private String escalationText;

    private Recovery(Call call, CallContext context, FailoverPolicy policy, CauseTag cause) {
        this.call = call;
        this.context = context;
        this.policy = policy;
        this.cause = cause;
        this.fromRegion = call.upstream().region().name();
        long nowNs = context.clock().nanoTime();
        this.timings = new RecoveryTimings(call.media().lastUpstreamArrivalNs(), nowNs);
        this.budget = new RecoveryBudget(policy, nowNs);
    }

    /**
     * The call's region failed: the hold prompt starts at once, then the standby or the next region. A ready
     * standby gets the media first (before the prompt's first frame and the failed region's BYE, both also
     * immediate), so that re-anchoring costs no more than the retarget itself. With the warm flip
     * {@code none} the standby is the call's upstream at once, without a re-INVITE or a prompt, and the
     * returned recovery is already {@link State#DONE}.
     */
    static Recovery failover(Call call, CallContext context, FailoverPolicy policy, CauseTag cause) {
        Recovery recovery = new Recovery(call, context, policy, cause);
        StandbyLeg standby = call.moves().standby();
        boolean warm = standby != null && standby.isReady();
        if (warm) {
            recovery.retargetTo(standby);
        }
        if (warm && !policy.flipsStandby()) {
            recovery.leaveRegion(null);
            recovery.adopt(standby);
            return recovery;
        }
        recovery.leaveRegion(policy.prompts().hold());
        context.schedule(CallTimer.RECOVERY_BUDGET, policy.budgetMs());
        if (warm) {
            recovery.flip(standby);
        } else {
            call.moves().dropStandby();
            recovery.inviteNext();
        }
        return recovery;
    }

    /** A human was asked for on a connected call: the agent prompt starts at once, then the escalation URI. */
    static Recovery escalation(Call call, CallContext context, FailoverPolicy policy, CauseTag cause, String text) {
        Recovery recovery = new Recovery(call, context, policy, cause);
        recovery.leaveRegion(null);
        call.moves().dropStandby();
        recovery.escalate(cause, text);
        return recovery;
    }

    State state() {
        return state;
    }

    /** True when {@code attempt} is this recovery's pending INVITE. */
    boolean owns(UpstreamAttempt attempt) {
        return attempt == pending && attempt != null;
    }

    /**
     * The failed region's media no longer reaches the caller, who hears {@code prompt} (when not null: an
     * escalation starts its own), and the region gets BYE.
     */
    private void leaveRegion(Prompt prompt) {
        context.count(CallCounter.RECOVERIES_STARTED);
        call.media().relaying(false);
        if (prompt != null) {
            startPrompt(prompt);
        }
        call.upstream().bye(new Reason("SIP", 503, cause.name()));
    }

    private void startPrompt(Prompt prompt) {
        if (call.media().startPrompt(prompt, call.moves().promptPayloadType())) {
            timings.promptStarted(context.clock().nanoTime());
        } else {
            context.count(CallCounter.PROMPTS_UNAVAILABLE);
        }
    }

    /** Media now goes to (and is taken from) the standby; its packets reach the caller once it is flipped. */
    private void retargetTo(StandbyLeg standby) {
        call.media().answerUpstream(standby.peer(), standby.region().tag());
        call.media().relaying(false);
        timings.reanchored(context.clock().nanoTime());
    }

    /** The re-INVITE that turns the standby's audio on. */
    private void flip(StandbyLeg standby) {
        int attempt = budget.nextAttempt();
        call.moves().tried().add(standby.region().name());
        flipping = standby;
        state = State.FLIPPING;
        standby.flip(this, attempt, cause);
    }

    /** The standby, already retargeted to, becomes the call's upstream as it was answered (warm flip none). */
    private void adopt(StandbyLeg standby) {
        call.moves().tried().add(standby.region().name());
        standby.adopt(budget.nextAttempt());
        reanchorOnStandby(standby);
    }

    private void inviteNext() {
        Region region = call.moves().routes().next(call.moves().tried());
        if (region == null || !budget.allowsAttempt(context.clock().nanoTime())) {
            escalate(cause, NO_REGION_TEXT);
            return;
        }
        call.moves().tried().add(region.name());
        int attempt = budget.nextAttempt();
        byte[] offer = call.legs().newOffer();
        ResumeHandoff handoff = ResumeHandoff.failover(offer, call.moves().resumeToken(), cause, attempt)
                .context(call.moves().resumeContext()).build();
        pending = call.legs().start(region, attempt, offer, handoff);
        state = State.INVITING;
        context.schedule(CallTimer.INVITE_TIMEOUT, call.legs().inviteTimeoutMs());
    }

    private void escalate(CauseTag why, String text) {
        context.cancel(CallTimer.RECOVERY_BUDGET);
        escalationCause = why;
        escalationText = text;
        if (policy.escalation().isEmpty()) {
            LOG.info("call {}: {} ({}), and no escalation uri is configured", call.hashedCallId(), loggableText(), why);
            if (call.media().promptFramesLeft() == 0) {
                startPrompt(policy.prompts().hold());
            }
            releaseAfterPrompt();
            return;
        }
        startPrompt(policy.prompts().agent());
        byte[] offer = call.legs().newOffer();
        int attempt = budget.attempts() + 1;
        ResumeHandoff handoff = ResumeHandoff.escalation(offer, call.moves().resumeToken(), why, text, attempt)
                .context(call.moves().resumeContext()).build();
        pending = call.legs().start(policy.escalation().get(), attempt, offer, handoff);
        state = State.ESCALATING;
        context.schedule(CallTimer.INVITE_TIMEOUT, call.legs().inviteTimeoutMs());
    }

    /** A 2xx to the pending INVITE (the attempt has sent its ACK). */
    void onAnswered(UpstreamAttempt attempt, SipResponse response) {
        context.cancel(CallTimer.INVITE_TIMEOUT);
        SessionDescription answer = SdpAnchor.of(response);
        MediaPeer peer = answer == null ? null : MediaPeer.of(answer);
        if (peer == null) {
            attempt.bye(new Reason("SIP", 488, "no SDP answer with RTP audio"));
            onFailed(attempt, CauseTag.SIP_5XX);
            return;
        }
        pending = null;
        call.media().answerUpstream(peer, attempt.region().tag());
        timings.reanchored(context.clock().nanoTime());
        call.media().stopPrompt();
        context.cancel(CallTimer.RECOVERY_BUDGET);
        boolean escalated = state == State.ESCALATING;
        state = State.DONE;
        call.recovered(attempt, answer);
        if (escalated) {
            context.count(CallCounter.CALLS_ESCALATED);
            publish(event(escalationCause, RouteOutcome.ESCALATED).escalationReason(reasonForEvent())
                    .attempt(attempt.number()));
            LOG.info("call {}: escalated to {} ({})", call.hashedCallId(), attempt.region().uri(), escalationCause);
        } else {
            context.count(CallCounter.CALLS_REANCHORED);
            publish(event(cause, RouteOutcome.REANCHORED).to(attempt.region().name()).attempt(attempt.number()));
            LOG.info("call {}: moved from {} to {} ({}), attempt {}", call.hashedCallId(), fromRegion,
                    attempt.region(), cause, attempt.number());
        }
    }

    /** The pending INVITE failed: refused, timed out, or could not be sent. */
    void onFailed(UpstreamAttempt attempt, CauseTag failure) {
        context.cancel(CallTimer.INVITE_TIMEOUT);
        attempt.abandon();
        pending = null;
        if (state == State.INVITING) {
            context.count(CallCounter.REGION_ATTEMPTS_FAILED);
            publish(event(failure, RouteOutcome.ATTEMPT_FAILED).to(attempt.region().name()).attempt(attempt.number()));
            inviteNext();
        } else if (state == State.ESCALATING) {
            LOG.warn("call {}: the escalation uri failed ({}); releasing after the prompt", call.hashedCallId(), failure);
            releaseAfterPrompt();
        }
    }

    /** The standby accepted the flip to sendrecv: media flows. */
    void onFlipped(StandbyLeg standby) {
        if (state != State.FLIPPING || standby != flipping) {
            context.count(CallCounter.ILLEGAL_EVENTS);
            return;
        }
        flipping = null;
        context.cancel(CallTimer.RECOVERY_BUDGET);
        reanchorOnStandby(standby);
    }

    /** Media from the standby reaches the caller; the standby is the call's upstream. */
    private void reanchorOnStandby(StandbyLeg standby) {
        call.media().relaying(true);
        call.media().stopPrompt();
        state = State.DONE;
        call.recoveredOnStandby(standby);
        context.count(CallCounter.CALLS_REANCHORED);
        publish(event(cause, RouteOutcome.REANCHORED).to(standby.region().name()).attempt(standby.attempt()));
        LOG.info("call {}: moved from {} to standby {} ({})", call.hashedCallId(), fromRegion, standby.region(), cause);
    }

    /** The standby refused the flip or did not answer it: it is ended and the cold path goes on. */
    void onFlipFailed(StandbyLeg standby, CauseTag failure) {
        if (state != State.FLIPPING || standby != flipping) {
            return;
        }
        flipping = null;
        standby.end();
        call.moves().dropStandby();
        context.count(CallCounter.STANDBY_LEGS_FAILED);
        context.count(CallCounter.REGION_ATTEMPTS_FAILED);
        publish(event(failure, RouteOutcome.ATTEMPT_FAILED).to(standby.region().name()).attempt(standby.attempt()));
        inviteNext();
    }

    void onTimer(CallTimer timer) {
        switch (timer) {
            case INVITE_TIMEOUT -> {
                if (pending != null) {
                    onFailed(pending, CauseTag.SIP_TIMEOUT);
                }
            }
            case RECOVERY_BUDGET -> budgetSpent();
            case PROMPT_END -> {
                if (state == State.RELEASING) {
                    releaseAfterPrompt();
                }
            }
        }
    }

    /** A human was asked for while the call recovers: whatever INVITE is out is abandoned. */
    void escalateNow(CauseTag why, String text) {
        if (state != State.INVITING && state != State.FLIPPING) {
            context.count(CallCounter.ILLEGAL_EVENTS);
            return;
        }
        abandonPending();
        escalate(why, text);
    }

    /** The call ends (caller's BYE, drain): nothing of the recovery may outlive it. */
    void end() {
        abandonPending();
        context.cancel(CallTimer.INVITE_TIMEOUT);
        context.cancel(CallTimer.RECOVERY_BUDGET);
        context.cancel(CallTimer.PROMPT_END);
        call.media().stopPrompt();
        state = State.DONE;
    }

    private void budgetSpent() {
        if (state != State.INVITING && state != State.FLIPPING) {
            return;
        }
        UpstreamAttempt late = pending;
        StandbyLeg standby = flipping;
        abandonPending();
        if (late != null || standby != null) {
            context.count(CallCounter.REGION_ATTEMPTS_FAILED);
            publish(event(CauseTag.SIP_TIMEOUT, RouteOutcome.ATTEMPT_FAILED)
                    .to(late != null ? late.region().name() : standby.region().name())
                    .attempt(late != null ? late.number() : standby.attempt()));
        }
        escalate(cause, "the failover budget of " + policy.budget().toMillis() + " ms was spent");
    }

    private void abandonPending() {
        context.cancel(CallTimer.INVITE_TIMEOUT);
        if (pending != null) {
            pending.abandon();
            pending = null;
        }
        if (flipping != null) {
            flipping.end();
            call.moves().dropStandby();
            flipping = null;
        }
    }

    /**
     * The caller hears the prompt to the end of its pass (never cut mid-sentence), then the call is released:
     * called when the release begins and again on each {@link CallTimer#PROMPT_END}, until a pass ended.
     */
    private void releaseAfterPrompt() {
        state = State.RELEASING;
        MediaAnchor media = call.media();
        if (passesAtRelease < 0) {
            passesAtRelease = media.promptPasses();
        }
        int left = media.promptPasses() > passesAtRelease ? 0 : media.promptFramesLeft();
        if (left > 0) {
            context.schedule(CallTimer.PROMPT_END, left * FRAME_MS + PROMPT_END_SLACK_MS);
            return;
        }
        call.media().stopPrompt();
        state = State.DONE;
        CauseTag why = escalationCause != null ? escalationCause : cause;
        RouteChangeEvent.Builder released = event(why, RouteOutcome.RELEASED);
        if (escalationText != null) {
            released.escalationReason(reasonForEvent());
        }
        call.release(why, released.build());
    }

    /**
     * The escalation's text as logs and events may show it: holdfast's own words for an infrastructure cause; for a
     * region's request ({@code INTENT_*}) the cause's description, since the region's own words may describe the
     * caller and travel only to the escalation destination ({@code X-Holdfast-Escalation-Reason}; zero retention).
     */
    private String loggableText() {
        return escalationText == null || escalationText.isBlank()
                || escalationCause.category() == CauseCategory.INTENT ? escalationCause.description() : escalationText;
    }

    private String reasonForEvent() {
        String text = loggableText();
        return text.length() > RouteChangeEvent.MAX_ESCALATION_REASON_LENGTH
                ? text.substring(0, RouteChangeEvent.MAX_ESCALATION_REASON_LENGTH) : text;
    }

    private RouteChangeEvent.Builder event(CauseTag why, RouteOutcome outcome) {
        return timings.applyTo(call.event(why, outcome).from(fromRegion));
    }

    private void publish(RouteChangeEvent.Builder event) {
        context.publish(event.build());
    }
}
