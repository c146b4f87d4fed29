package io.holdfast.benchmarks.failover;

import io.holdfast.relay.call.Call;
import io.holdfast.relay.call.EscalationTrigger;
import io.holdfast.relay.call.InDialogRequestInterceptor;
import io.holdfast.relay.call.InboundRequest;
import io.holdfast.relay.call.ResumeContextSource;
import io.holdfast.relay.context.ContextParseResult;
import io.holdfast.relay.context.ContextParser;
import io.holdfast.relay.context.ResumeContext;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.rtp.relay.MediaSide;
import io.holdfast.sip.message.SipMethod;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the context helper's INFO handler, for the failover tests: a region's INFO with
 * {@code application/vnd.holdfast.context+json} is answered by holdfast, its context kept for the call (the
 * {@link ResumeContextSource} of the failover), and its {@code "escalate": true} handed to the relay's
 * {@link EscalationTrigger}. Every other request is relayed. Called on the call's loop; the map is read there too.
 */
final class ContextInfoStandIn implements InDialogRequestInterceptor, ResumeContextSource {
    private final EscalationTrigger trigger;
    private final Map<Call, ResumeContext> contexts = new ConcurrentHashMap<>();

    ContextInfoStandIn(EscalationTrigger trigger) {
        this.trigger = trigger;
    }

    @Override
    public boolean intercept(Call call, MediaSide from, InboundRequest request) {
        if (from != MediaSide.UPSTREAM || request.request().method() != SipMethod.INFO
                || !ContextParser.isContextType(request.request().contentType())) {
            return false;
        }
        ContextParseResult result = ContextParser.parse(request.request());
        request.respond(request.response(result.statusCode(), result.reasonPhrase()).build());
        if (result instanceof ContextParseResult.Accepted accepted) {
            accepted.report().context().ifPresent(context -> contexts.put(call, context));
            accepted.report().escalation().ifPresent(
                    escalation -> trigger.escalate(call, CauseTag.INTENT_HUMAN_REQUESTED, escalation.reason()));
        }
        return true;
    }

    @Override
    public Optional<ResumeContext> contextOf(Call call) {
        return Optional.ofNullable(contexts.get(call));
    }
}
