package io.holdfast.relay.events;

/**
 * Why a call moved or ended: the detection signals of DESIGN.md's failover table (category
 * {@link CauseCategory#INFRA}), the intent failures a region reports ({@code INTENT_*}, category
 * {@link CauseCategory#INTENT}) and the ways a call ends ({@link CauseCategory#NORMAL}). Written in
 * events by its constant name ({@code MEDIA_TIMEOUT}).
 */
public enum CauseTag {
    /** No RTP from the region while the caller still sends, for {@code failover.media-timeout}. */
    MEDIA_TIMEOUT(CauseCategory.INFRA, "no RTP from the region while the caller still sent"),
    /** ICMP port unreachable on the upstream media or SIP send. */
    MEDIA_UNREACHABLE(CauseCategory.INFRA, "the region's media or SIP port was unreachable"),
    /** Jitter, loss or round-trip time over their limits for a window. */
    MEDIA_QUALITY(CauseCategory.INFRA, "media jitter, loss or round-trip time over their limits"),
    /** The INVITE to the region timed out. */
    SIP_TIMEOUT(CauseCategory.INFRA, "the region did not answer the INVITE in time"),
    /** The region answered the INVITE with 5xx or 6xx. */
    SIP_5XX(CauseCategory.INFRA, "the region refused the INVITE with 5xx or 6xx"),
    /** An in-dialog BYE from the region whose {@code Reason} says failure. */
    SIP_REMOTE_FAILURE(CauseCategory.INFRA, "the region hung up with a failure Reason"),
    /** OPTIONS probes marked the region down. */
    REGION_DOWN(CauseCategory.INFRA, "OPTIONS probes marked the region down"),
    /** The region's speech-to-text latency is over its limit. */
    STT_LATENCY(CauseCategory.INFRA, "speech-to-text latency over its limit"),
    /** The region's text-to-speech latency is over its limit. */
    TTS_LATENCY(CauseCategory.INFRA, "text-to-speech latency over its limit"),
    /** The region's LLM error rate is over its limit. */
    LLM_ERRORS(CauseCategory.INFRA, "LLM error rate over its limit"),
    /** The region reports its CRM or booking dependency failing. */
    CRM_TIMEOUT(CauseCategory.INFRA, "the region's CRM or booking dependency failed"),
    /** An operator drained the region through the admin API. */
    OPERATOR_DRAIN(CauseCategory.INFRA, "an operator drained the region"),

    /** The agent did not understand the caller. */
    INTENT_NOT_UNDERSTOOD(CauseCategory.INTENT, "the agent did not understand the caller"),
    /** The agent understood with too little confidence to act. */
    INTENT_LOW_CONFIDENCE(CauseCategory.INTENT, "the agent's confidence was too low to act"),
    /** The caller asked for something the agent does not handle. */
    INTENT_OUT_OF_SCOPE(CauseCategory.INTENT, "the caller asked for something the agent does not handle"),
    /** The caller or the agent asked for a human. */
    INTENT_HUMAN_REQUESTED(CauseCategory.INTENT, "a human was asked for"),
    /** Any other intent failure a region reports, including tags holdfast does not know. */
    INTENT_OTHER(CauseCategory.INTENT, "another intent failure reported by the region"),

    /** The region ended the call normally (a BYE without a failure Reason). */
    NORMAL_CLEARING(CauseCategory.NORMAL, "the region ended the call normally"),
    /** The caller hung up. */
    CALLER_HANGUP(CauseCategory.NORMAL, "the caller hung up"),
    /** The caller cancelled before the call was answered. */
    CALLER_CANCEL(CauseCategory.NORMAL, "the caller cancelled before the answer"),
    /** holdfast was stopping and the call outlived {@code drain-timeout}. */
    DRAIN_TIMEOUT(CauseCategory.NORMAL, "holdfast stopped and the call outlived the drain timeout");

    private static final String INTENT_PREFIX = "INTENT_";

    private final CauseCategory category;
    private final String description;

    CauseTag(CauseCategory category, String description) {
        this.category = category;
        this.description = description;
    }

    public CauseCategory category() {
        return category;
    }

    /** What the cause means, for reports. */
    public String description() {
        return description;
    }

    /** The tag of a name in events ({@code MEDIA_TIMEOUT}); null when there is none. */
    public static CauseTag fromWireName(String name) {
        for (CauseTag tag : values()) {
            if (tag.name().equals(name)) {
                return tag;
            }
        }
        return null;
    }

    /**
     * The tag for an intent failure a region reports: its own {@code INTENT_*} tag when holdfast knows
     * it, {@link #INTENT_OTHER} for any other text, so that a region can never report an
     * infrastructure cause (and move a call) through an intent report.
     */
    public static CauseTag fromIntentReport(String reported) {
        CauseTag tag = reported == null ? null : fromWireName(reported);
        return tag != null && tag.name().startsWith(INTENT_PREFIX) ? tag : INTENT_OTHER;
    }
}
