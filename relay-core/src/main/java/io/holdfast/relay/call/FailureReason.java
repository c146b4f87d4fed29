package io.holdfast.relay.call;

import io.holdfast.sip.message.Reason;

import java.util.List;

/**
 * Tells a region's BYE that reports a failure from one that ends the call normally (RFC 3326 Reason).
 * Stateless.
 */
final class FailureReason {
    private static final String SIP_PROTOCOL = "SIP";
    private static final String Q850_PROTOCOL = "Q.850";
    /** Q.850 causes 1-31 are the normal class; from 32 on they report a failure. */
    private static final int Q850_FIRST_FAILURE_CAUSE = 32;

    private FailureReason() {
    }

    /**
     * True when a region's BYE says it ends the call for a failure: a SIP cause of 408 or 5xx/6xx, or a Q.850
     * cause outside the normal class (32 and up: resources unavailable, service or option not available,
     * protocol errors, interworking). A BYE without Reason, or with a normal one, ends the call.
     */
    static boolean isFailure(List<Reason> reasons) {
        for (Reason reason : reasons) {
            if (SIP_PROTOCOL.equalsIgnoreCase(reason.protocol()) && (reason.cause() == 408 || reason.cause() >= 500)) {
                return true;
            }
            if (Q850_PROTOCOL.equalsIgnoreCase(reason.protocol()) && reason.cause() >= Q850_FIRST_FAILURE_CAUSE) {
                return true;
            }
        }
        return false;
    }
}
