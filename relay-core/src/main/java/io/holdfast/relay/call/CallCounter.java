package io.holdfast.relay.call;

/** What the call layer counts, with stable ids and units, one {@link CallCounters} block per event loop. */
public enum CallCounter {
    /** Caller INVITEs that became calls. */
    CALLS_STARTED(400, "calls"),
    /** Calls a region answered and the caller got a 200 OK for. */
    CALLS_ANSWERED(401, "calls"),
    /** Calls refused to the caller with a final non-2xx response holdfast chose or relayed. */
    CALLS_REFUSED(402, "calls"),
    /** Calls the caller cancelled before the answer. */
    CALLS_CANCELLED(403, "calls"),
    /** Answered calls that ended by BYE, release or drain. */
    CALLS_ENDED(404, "calls"),
    /** Answered calls released because their region failed (no failover took them). */
    CALLS_RELEASED(405, "calls"),
    /** INVITEs to a region that failed (timeout or 5xx/6xx), each followed by the next region or a refusal. */
    REGION_ATTEMPTS_FAILED(406, "attempts"),
    /** Events a call's state did not allow: counted and ignored. */
    ILLEGAL_EVENTS(407, "events"),
    /** In-dialog requests relayed from one leg to the other. */
    REQUESTS_RELAYED(408, "requests"),
    /** New INVITEs answered 503 because holdfast is draining. */
    INVITES_REFUSED_DRAINING(409, "requests"),
    /** Calls refused because their media ports could not be opened (503 when the range is exhausted). */
    MEDIA_OPEN_FAILURES(410, "calls"),
    /** Requests for no known call or dialog, answered 481. */
    REQUESTS_WITHOUT_CALL(411, "requests"),
    /** OPTIONS sent to holdfast itself and answered. */
    OPTIONS_ANSWERED(412, "requests"),
    /** 2xx answers from a region the call no longer wanted (forks, abandoned attempts): ACKed and ended with BYE. */
    UNWANTED_ANSWERS_ENDED(413, "dialogs"),
    /** Media faults reported on a call's streams. */
    MEDIA_FAULTS(414, "faults"),
    /** Mid-call recoveries started: an answered call's region failed, or a human was asked for. */
    RECOVERIES_STARTED(415, "recoveries"),
    /** Failovers refused because their cause was an intent failure ({@code INTENT_*}): never a region move. */
    FAILOVERS_REFUSED_INTENT(416, "requests"),
    /** Calls re-anchored on another region after a failure (cold or warm). */
    CALLS_REANCHORED(417, "calls"),
    /** Calls a human at the escalation URI took. */
    CALLS_ESCALATED(418, "calls"),
    /** Warm standby legs that could not be set up or failed before they were needed. */
    STANDBY_LEGS_FAILED(419, "legs"),
    /** Recoveries whose caller heard no prompt: its codec has no prompt encoding. */
    PROMPTS_UNAVAILABLE(420, "recoveries");

    private final int id;
    private final String unit;

    CallCounter(int id, String unit) {
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
