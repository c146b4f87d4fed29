package io.holdfast.sip.codec;

/**
 * What the SIP codec and transport count, one {@link SipCounters} slot each. Ids are stable (they
 * name the slot and may be exported); new counters are added at the end.
 */
public enum SipCounter {
    /** Datagrams handed to the SIP decoder. */
    SIP_DATAGRAMS_RECEIVED(0, "datagrams"),
    /** Messages parsed and passed on, datagram or stream. */
    SIP_MESSAGES_DECODED(1, "messages"),
    /** Malformed messages that cannot be answered (a response or no readable top Via): dropped. */
    SIP_DROPPED_MALFORMED(2, "messages"),
    /** Malformed requests passed on with a bad-request context, for the transport to answer. */
    SIP_MALFORMED_ANSWERABLE(3, "messages"),
    /** Messages over a {@code SipLimits} limit (also counted as malformed). */
    SIP_DROPPED_TOO_LONG(4, "messages"),
    /** 4xx/5xx answers to malformed requests that the transport sent. */
    SIP_BAD_REQUEST_SENT(5, "responses"),
    /** CRLF-only datagrams (keep-alives), dropped without an answer. */
    SIP_DATAGRAM_KEEPALIVES_RECEIVED(6, "datagrams"),
    /** RFC 5626 double-CRLF pings received on streams. */
    SIP_KEEPALIVE_PINGS_RECEIVED(7, "pings"),
    /** Single-CRLF pongs sent in answer to pings. */
    SIP_KEEPALIVE_PONGS_SENT(8, "pongs"),
    /** Single CRLFs received on streams (pongs, or stray CRLFs before a start line). */
    SIP_KEEPALIVE_PONGS_RECEIVED(9, "pongs"),
    /** Stream connections closed for a framing error. */
    SIP_STREAM_FRAMING_ERRORS(10, "connections"),
    /** Stream connections that ended inside a message (the partial message is dropped). */
    SIP_STREAM_TRUNCATED(11, "connections"),
    /** Decoder failures that are bugs, not bad input (logged with their stack trace). */
    SIP_DECODER_ERRORS(12, "events"),
    /** Messages with a valid grammar but a malformed or unsupported session description (refused or dropped). */
    SIP_DROPPED_BAD_BODY(13, "messages");

    private static final SipCounter[] BY_ID = values();

    private final int id;
    private final String unit;

    SipCounter(int id, String unit) {
        this.id = id;
        this.unit = unit;
    }

    /** Stable slot index. */
    public int id() {
        return id;
    }

    /** What one count is (messages, datagrams, connections...). */
    public String unit() {
        return unit;
    }

    static int count() {
        return BY_ID.length;
    }

    static {
        for (int i = 0; i < BY_ID.length; i++) {
            if (BY_ID[i].id != i) {
                throw new IllegalStateException("SipCounter ids must be 0..n-1 in declaration order");
            }
        }
    }
}
