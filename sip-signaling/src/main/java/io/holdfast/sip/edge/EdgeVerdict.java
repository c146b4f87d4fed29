package io.holdfast.sip.edge;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.sdp.SessionDescription;

/** What the edge makes of one received message: accepted (with its SDP, if any) or rejected. */
public sealed interface EdgeVerdict {
    /**
     * An accepted message.
     *
     * @param sdp the session description the message carries, or {@code null} when it carries none
     */
    record Accepted(SipMessage message, SessionDescription sdp) implements EdgeVerdict {
    }

    /**
     * A refused message.
     *
     * @param fault      what is wrong, one line a person reads (rule, header, byte offset or SDP line)
     * @param response   the stateless answer to send, or {@code null} when none can be formed (the
     *                   message is then dropped and counted)
     */
    record Rejected(String fault, SipResponse response) implements EdgeVerdict {
        public boolean canRespond() {
            return response != null;
        }
    }
}
