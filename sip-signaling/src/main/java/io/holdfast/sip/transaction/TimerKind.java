package io.holdfast.sip.transaction;

/**
 * The transaction timers of RFC 3261 §17 (table in Appendix A), the two added by RFC 6026 §8.4 and
 * §8.7, and the 200 ms "100 Trying" timer of §17.2.1. Timer C (proxies only) is not used.
 */
public enum TimerKind {
    /** INVITE request retransmission, client, unreliable transports only. */
    A,
    /** INVITE transaction timeout, client. */
    B,
    /** Wait time for response retransmissions, INVITE client. */
    D,
    /** Non-INVITE request retransmission, client, unreliable transports only. */
    E,
    /** Non-INVITE transaction timeout, client. */
    F,
    /** INVITE final response retransmission, server, unreliable transports only. */
    G,
    /** Wait time for ACK receipt, INVITE server. */
    H,
    /** Wait time for ACK retransmissions, INVITE server. */
    I,
    /** Wait time for non-INVITE request retransmissions, server. */
    J,
    /** Wait time for response retransmissions, non-INVITE client. */
    K,
    /** Wait time for INVITE retransmissions after a 2xx (RFC 6026 "Accepted"), server. */
    L,
    /** Wait time for 2xx retransmissions (RFC 6026 "Accepted"), INVITE client. */
    M,
    /** Sends 100 Trying when the TU has not answered an INVITE within 200 ms (§17.2.1). */
    TRYING
}
