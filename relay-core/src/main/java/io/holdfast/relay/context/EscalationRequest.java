package io.holdfast.relay.context;

import java.util.Objects;

/**
 * The region asks holdfast to hand the call to a human ({@code "escalate": true, "reason": "..."}). The
 * reason is free text from the region and may name the caller's situation, so it travels only to the
 * escalation destination ({@code X-Holdfast-Escalation-Reason}) and {@link #toString()} never prints it.
 * Immutable; safe on any thread.
 *
 * @param reason why the region escalates, at most {@link ContextSchema#MAX_REASON_CHARS} characters
 */
public record EscalationRequest(String reason) {
    public EscalationRequest {
        Objects.requireNonNull(reason, "reason");
        String problem = ContextSchema.checkReason(reason);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    @Override
    public String toString() {
        return "EscalationRequest[reason=<redacted>]";
    }
}
