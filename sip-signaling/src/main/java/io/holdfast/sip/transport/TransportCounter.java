package io.holdfast.sip.transport;

/**
 * What the transports count beyond the codec's {@link io.holdfast.sip.codec.SipCounter}s (received, decoded,
 * malformed, 400 sent), with stable ids and units, one {@link TransportCounters} block per loop.
 */
public enum TransportCounter {
    MESSAGES_SENT(201, "messages"),
    /** Decoded requests the transport drops: refusals of malformed ACKs (never answered), no top Via. */
    REQUESTS_DROPPED(202, "messages"),
    /** Inbound objects that were not decoded SIP (a pipeline bug). */
    UNEXPECTED_INBOUND_DROPPED(203, "messages"),
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
