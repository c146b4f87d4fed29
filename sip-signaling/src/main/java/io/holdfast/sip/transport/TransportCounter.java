package io.holdfast.sip.transport;

/** What the transports count, with stable ids and units, one {@link TransportCounters} block per loop. */
public enum TransportCounter {
    MESSAGES_RECEIVED(200, "messages"),
    MESSAGES_SENT(201, "messages"),
    MALFORMED_DROPPED(202, "messages"),
    MALFORMED_ANSWERED_400(203, "messages"),
    SEND_FAILURES(204, "messages"),
    RESPONSES_HANDED_TO_OWNER_LOOP(205, "messages"),
    RESPONSES_WITHOUT_OWNER_DROPPED(206, "messages"),
    REQUESTS_WITH_UNKNOWN_TRANSPORT_DROPPED(207, "messages"),
    TCP_CONNECTIONS_ACCEPTED(208, "connections"),
    TCP_CONNECTIONS_OPENED(209, "connections"),
    TCP_CONNECT_FAILURES(210, "connections"),
    CHANNEL_ERRORS(211, "events"),
    REQUESTS_HANDED_TO_OWNER_LOOP(212, "messages");

    private final int id;
    private final String unit;

    TransportCounter(int id, String unit) {
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
