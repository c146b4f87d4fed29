package io.holdfast.relay.context;

import io.holdfast.relay.events.CauseTag;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * An intent failure the region reports ({@code "intent": {"status": "INTENT_NOT_UNDERSTOOD"}}): fallback,
 * not disaster recovery. It is logged and counted with category {@code intent} and never moves the call to
 * another region (DESIGN.md). Immutable; safe on any thread.
 *
 * @param tag        the cause tag: the reported one when holdfast knows it, else {@link CauseTag#INTENT_OTHER}
 * @param status     the status as reported, an {@code INTENT_*} token (it may name a tag holdfast does not know)
 * @param confidence the agent's confidence from 0 to 1, when reported
 */
public record IntentReport(CauseTag tag, String status, OptionalDouble confidence) {
    public IntentReport {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(confidence, "confidence");
        String problem = ContextSchema.checkIntentStatus(status);
        if (problem == null && confidence.isPresent()) {
            problem = ContextSchema.checkConfidence(confidence.getAsDouble());
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (tag != CauseTag.fromIntentReport(status)) {
            throw new IllegalArgumentException("tag " + tag + " does not match status " + status);
        }
    }

    /** The report of {@code status}, its tag looked up with {@link CauseTag#fromIntentReport}. */
    public static IntentReport of(String status, OptionalDouble confidence) {
        return new IntentReport(CauseTag.fromIntentReport(status), status, confidence);
    }
}
