package io.holdfast.sip.transaction;

/** Why a server transaction ended without the TU's exchange completing. */
public enum ServerTransactionFailure {
    /** Timer H: the ACK for a non-2xx final response to INVITE never came (§17.2.1). */
    ACK_TIMEOUT,
    /**
     * The ACK for a 2xx to INVITE never came within 64*T1 of retransmitting it (§13.3.1.4): the dialog is
     * confirmed but the session should be ended with a BYE.
     */
    ACK_FOR_2XX_TIMEOUT,
    /** The transport could not send a response. */
    TRANSPORT_ERROR
}
