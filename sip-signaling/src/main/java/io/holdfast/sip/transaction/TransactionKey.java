package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.Via;

import java.util.Locale;

/**
 * What identifies a transaction (RFC 3261 §17.1.3, §17.2.3). Requests whose top Via branch carries the
 * magic cookie match by branch, sent-by and method, an ACK mapping to its INVITE; older (RFC 2543) requests
 * match by Request-URI, tags, Call-ID, CSeq number, top Via and method. A CANCEL is its own transaction;
 * {@link #ofCancelledInvite} finds the INVITE it cancels (§9.2).
 */
public sealed interface TransactionKey {
    /** RFC 3261 key. {@code sentBy} is {@code null} for client keys, which §17.1.3 matches by branch and method. */
    record Branch(String branch, String sentBy, String method) implements TransactionKey {
    }

    /** RFC 2543 fallback key of §17.2.3. */
    record Rfc2543(String requestUri, String toTag, String fromTag, String callId, long cseq, String topVia,
                   String method) implements TransactionKey {
        /** The same key for a request that carried no To tag (an ACK to an initial INVITE looks up with it). */
        public Rfc2543 withoutToTag() {
            return new Rfc2543(requestUri, null, fromTag, callId, cseq, topVia, method);
        }
    }

    /**
     * The server transaction key of a received request, or {@code null} when it has no top Via or CSeq.
     * ACK maps to INVITE so that an ACK for a non-2xx finds its transaction.
     */
    static TransactionKey ofServerRequest(SipRequest request) {
        return ofServer(request, request.methodToken());
    }

    /** The key of the INVITE server transaction that a CANCEL targets (§9.2), or {@code null}. */
    static TransactionKey ofCancelledInvite(SipRequest cancel) {
        return ofServer(cancel, SipMethod.INVITE.token());
    }

    /** The client transaction key of a request about to be sent (its top Via carries our branch). */
    static TransactionKey ofClientRequest(SipRequest request) {
        Via via = request.topVia();
        return new Branch(via.branch(), null, request.methodToken());
    }

    /** The client transaction key of a received response, or {@code null} when it has no branch or CSeq. */
    static TransactionKey ofResponse(SipResponse response) {
        Via via = response.topVia();
        if (via == null || via.branch() == null || response.cseq() == null) {
            return null;
        }
        return new Branch(via.branch(), null, response.cseq().methodToken());
    }

    private static TransactionKey ofServer(SipRequest request, String methodToken) {
        Via via = request.topVia();
        if (via == null || request.cseq() == null) {
            return null;
        }
        String method = SipMethod.ACK.token().equals(methodToken) ? SipMethod.INVITE.token() : methodToken;
        if (via.hasMagicCookie()) {
            String sentBy = via.host().toLowerCase(Locale.ROOT) + ':' + via.portOrDefault();
            return new Branch(via.branch(), sentBy, method);
        }
        return new Rfc2543(request.requestUri().toString(), tag(request, true), tag(request, false),
                request.callId(), request.cseq().sequence(), via.toString(), method);
    }

    private static String tag(SipMessage message, boolean to) {
        if (to) {
            return message.to() == null ? null : message.to().tag();
        }
        return message.from() == null ? null : message.from().tag();
    }
}
