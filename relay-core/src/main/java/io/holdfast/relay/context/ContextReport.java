package io.holdfast.relay.context;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything one accepted context body carried: a new resume context (which replaces the call's previous
 * one), an intent report, an escalation request, or any mix of them; at least one is present. A body with
 * only an intent report or an escalation request leaves the stored context as it was. Immutable; safe on
 * any thread.
 */
public record ContextReport(Optional<ResumeContext> context, Optional<IntentReport> intent,
                            Optional<EscalationRequest> escalation) {
    public ContextReport {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(escalation, "escalation");
        if (context.isEmpty() && intent.isEmpty() && escalation.isEmpty()) {
            throw new IllegalArgumentException("a context report carries at least a context, an intent or an escalation");
        }
    }

    public static ContextReport of(ResumeContext context) {
        return new ContextReport(Optional.of(context), Optional.empty(), Optional.empty());
    }

    public static ContextReport of(IntentReport intent) {
        return new ContextReport(Optional.empty(), Optional.of(intent), Optional.empty());
    }

    public static ContextReport of(EscalationRequest escalation) {
        return new ContextReport(Optional.empty(), Optional.empty(), Optional.of(escalation));
    }
}
