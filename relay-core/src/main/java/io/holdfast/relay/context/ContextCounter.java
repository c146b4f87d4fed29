package io.holdfast.relay.context;

/**
 * What the resume-context intake counts, with stable ids and units; one block per event loop in its
 * {@link ContextIntake}. Counts only: no counter is keyed by or carries a context value.
 */
public enum ContextCounter {
    /** Context INFOs accepted and answered 200 (a context, an intent report, an escalation request, or a mix). */
    CONTEXT_REPORTS_ACCEPTED(500, "requests"),
    /** Context INFOs refused with 400: malformed JSON, a schema violation, over 4 KiB. */
    CONTEXT_REPORTS_REFUSED(501, "requests"),
    /** INFOs for holdfast refused with 415: another holdfast type, no type, a charset other than UTF-8. */
    CONTEXT_REPORTS_UNSUPPORTED(502, "requests"),
    /** Resume contexts stored (each replaces the call's previous one). */
    CONTEXTS_STORED(503, "contexts"),
    /** Intent failures a region reported (category intent; never a failover). */
    INTENT_REPORTS(504, "reports"),
    /** Escalations a region asked for, by {@code "escalate": true} or REFER. */
    ESCALATIONS_REQUESTED(505, "requests"),
    /** REFERs from a region answered 202 (and read as a request for a human). */
    REFERS_ACCEPTED(506, "requests"),
    /** REFERs from a region refused with 400 (no or several Refer-To). */
    REFERS_REFUSED(507, "requests"),
    /** Resume contexts erased once their call's grace ran out. */
    CONTEXTS_ERASED(508, "contexts");

    private final int id;
    private final String unit;

    ContextCounter(int id, String unit) {
        this.id = id;
        this.unit = unit;
    }

    /** Stable across releases: dashboards key on it. */
    public int id() {
        return id;
    }

    public String unit() {
        return unit;
    }
}
