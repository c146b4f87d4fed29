package io.holdfast.sip.transaction;

/** What the transaction layer counts, with stable ids and units, one {@link TransactionCounters} block per loop. */
public enum TransactionCounter {
    CLIENT_TRANSACTIONS_STARTED(100, "transactions"),
    SERVER_TRANSACTIONS_STARTED(101, "transactions"),
    RETRANSMISSIONS_SENT(102, "messages"),
    RETRANSMISSIONS_ABSORBED(103, "messages"),
    TRANSACTION_TIMEOUTS(104, "transactions"),
    TRANSPORT_ERRORS(105, "transactions"),
    ILLEGAL_EVENTS(106, "events"),
    STRAY_RESPONSES_DROPPED(107, "messages"),
    INVALID_MESSAGES_DROPPED(108, "messages"),
    TRYING_SENT(109, "messages"),
    CANCELS_MATCHED(110, "requests"),
    CANCELS_UNMATCHED(111, "requests"),
    UAS_2XX_RETRANSMISSIONS(112, "messages"),
    UAS_2XX_ACK_TIMEOUTS(113, "dialogs"),
    ACKS_TO_TU(114, "requests");

    private final int id;
    private final String unit;

    TransactionCounter(int id, String unit) {
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
