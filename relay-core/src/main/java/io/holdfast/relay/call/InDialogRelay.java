package io.holdfast.relay.call;

import io.holdfast.relay.events.CauseTag;
import io.holdfast.rtp.relay.MediaSide;
import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.sdp.SessionDescription;

/**
 * Relays requests between the two confirmed dialogs of a call: a re-INVITE, UPDATE or INFO received on one
 * leg is sent as holdfast's own request in the other leg's dialog (its CSeq, tags, Call-ID, route), and the
 * far side's final response comes back as holdfast's response on the first leg. SDP is anchored both ways
 * (an offer's sender is signalled to the media session, the description carries holdfast's ports facing the
 * receiver and the receiving leg's origin); any other body passes unchanged with its Content-Type. One
 * offer/answer exchange at a time across both legs: a second one meanwhile gets 491 (RFC 3261 §14.2). The
 * ACK of a relayed re-INVITE's 2xx is sent when the request's sender ACKs (its body, for a re-INVITE without
 * offer, anchored too), and again for each retransmission of the far side's 2xx. A CANCEL of a relayed
 * re-INVITE cancels the relayed one.
 *
 * <p>A relayed request the region does not answer (timeout, transport error, 408 or 481) is an upstream
 * failure of the call; one the caller does not answer ends the call. Confined to the call's event loop.
 */
final class InDialogRelay {
    private final Call call;
    private final CallContext context;
    private final SdpAnchor sdp;
    private Relayed pendingOffer;

    InDialogRelay(Call call, CallContext context, SdpAnchor sdp) {
        this.call = call;
        this.context = context;
        this.sdp = sdp;
    }

    /** Relays a request received on {@code from} (its dialog checks passed) to the other leg. */
    void relay(MediaSide from, InboundRequest in) {
        SipRequest request = in.request();
        SipMethod method = request.method();
        boolean offerAnswer = method == SipMethod.INVITE || method == SipMethod.UPDATE;
        if (offerAnswer && pendingOffer != null) {
            in.respond(in.response(491, "Request Pending").build());
            return;
        }
        if (method != SipMethod.INVITE && method != SipMethod.UPDATE && method != SipMethod.INFO) {
            in.respond(in.response(501, "Not Implemented").allow(UpstreamAttempt.ALLOWED).build());
            return;
        }
        MediaSide to = from.opposite();
        SipRequest.Builder out = call.dialog(to).createRequest(method);
        if (!copyBody(request, out, from)) {
            in.respond(in.response(488, "Not Acceptable Here").build());
            return;
        }
        if (method == SipMethod.INFO) {
            String infoPackage = request.header("Info-Package");
            if (infoPackage != null) {
                out.addHeader("Info-Package", infoPackage);
            }
        } else {
            out.allow(UpstreamAttempt.ALLOWED);
        }
        Relayed relayed = new Relayed(from, in, method == SipMethod.INVITE, call.upstream());
        if (offerAnswer) {
            pendingOffer = relayed;
        }
        relayed.out = context.send(out.build(), hop(to), relayed);
        context.count(CallCounter.REQUESTS_RELAYED);
    }

    /** An ACK from {@code from}: for the 2xx of a re-INVITE it sent, it is relayed; any other is ignored. */
    void onAck(MediaSide from, SipRequest ack) {
        Relayed relayed = pendingOffer;
        if (relayed == null || !relayed.invite || relayed.from != from || relayed.answer == null
                || ack.cseq().sequence() != relayed.in.request().cseq().sequence()) {
            return;
        }
        MediaSide to = from.opposite();
        SipRequest.Builder out = call.dialog(to).createAck(relayed.out.request());
        copyBody(ack, out, from);
        relayed.ack = context.sendAck(out.build(), hop(to));
        pendingOffer = null;
    }

    /**
     * A failover replaced the upstream leg: an offer still pending on the old leg no longer blocks new ones
     * (its sender gets its answer, or 408, when the old leg's transaction ends), and its failure is not the
     * new leg's.
     */
    void onUpstreamReplaced() {
        pendingOffer = null;
    }

    /** The sender cancelled a re-INVITE (the transaction layer answered it 487): the relayed one is cancelled. */
    void onCancel(SipRequest cancelledInvite) {
        if (pendingOffer != null && pendingOffer.in.request() == cancelledInvite) {
            pendingOffer.out.cancel();
        }
    }

    /**
     * Copies the body of a message from {@code from} to the request for the other leg: SDP anchored (and its
     * sender signalled to the media session), anything else unchanged.
     *
     * @return false when an SDP body has no RTP audio holdfast could anchor
     */
    private boolean copyBody(SipRequest message, SipRequest.Builder out, MediaSide from) {
        if (message.bodyLength() == 0) {
            return true;
        }
        SessionDescription description = SdpAnchor.of(message);
        if (description == null) {
            out.body(message.contentType(), message.body());
            return true;
        }
        return anchor(description, from, out);
    }

    private boolean anchor(SessionDescription description, MediaSide from, SipRequest.Builder out) {
        MediaPeer peer = MediaPeer.of(description);
        if (peer == null) {
            return false;
        }
        call.media().signalRemote(from, peer);
        out.body("application/sdp", sdp.toward(from.opposite(), description, call.media()).toBytes());
        return true;
    }

    private Hop hop(MediaSide side) {
        return side == MediaSide.CALLER ? call.caller().hop() : call.upstream().hop();
    }

    private NameAddr contact(MediaSide side) {
        return side == MediaSide.CALLER ? call.caller().contact() : call.upstream().contact();
    }

    /** One relayed request: the received one, the one sent, and for a re-INVITE its 2xx and ACK. */
    private final class Relayed implements ResponseListener {
        private final MediaSide from;
        private final InboundRequest in;
        private final boolean invite;
        /** The upstream leg when the request was relayed: a failure of an older leg is not the call's. */
        private final UpstreamAttempt upstream;
        private OutboundRequest out;
        private SipResponse answer;
        private SipRequest ack;

        Relayed(MediaSide from, InboundRequest in, boolean invite, UpstreamAttempt upstream) {
            this.from = from;
            this.in = in;
            this.invite = invite;
            this.upstream = upstream;
        }

        @Override
        public void onProvisional(OutboundRequest request, SipResponse response) {
            // The sender's server transaction sends its own 100 Trying; nothing else needs relaying.
        }

        @Override
        public void onFinal(OutboundRequest request, SipResponse response) {
            MediaSide to = from.opposite();
            if (invite && response.isSuccess() && answer != null) {
                if (ack != null) {
                    context.sendAck(ack, hop(to));
                }
                return;
            }
            Dialog far = call.dialog(to);
            if (far != null) {
                far.onResponse(request.request(), response);
            }
            SipResponse.Builder back = in.response(response.statusCode(), response.reasonPhrase());
            SessionDescription description = SdpAnchor.of(response);
            MediaPeer peer = description == null ? null : MediaPeer.of(description);
            if (peer != null) {
                call.media().signalRemote(to, peer);
                back.body("application/sdp", sdp.toward(from, description, call.media()).toBytes());
            } else if (description == null && response.bodyLength() > 0 && !invite) {
                back.body(response.contentType(), response.body());
            }
            if (response.isSuccess() && in.request().method() != SipMethod.INFO) {
                back.addContact(contact(from)).allow(UpstreamAttempt.ALLOWED);
            }
            SipResponse ours = back.build();
            Dialog near = call.dialog(from);
            if (near != null) {
                near.onResponseSent(in.request(), ours);
            }
            in.respond(ours);
            if (invite && response.isSuccess()) {
                answer = response;
            } else if (pendingOffer == this) {
                pendingOffer = null;
            }
            int status = response.statusCode();
            if (status == 408 || status == 481) {
                farSideFailed(to, status == 408 ? CauseTag.SIP_TIMEOUT : CauseTag.SIP_REMOTE_FAILURE);
            }
        }

        @Override
        public void onTimeout(OutboundRequest request) {
            unanswered(CauseTag.SIP_TIMEOUT, 408, "Request Timeout");
        }

        @Override
        public void onTransportError(OutboundRequest request) {
            unanswered(CauseTag.MEDIA_UNREACHABLE, 503, "Service Unavailable");
        }

        private void unanswered(CauseTag cause, int status, String phrase) {
            if (pendingOffer == this) {
                pendingOffer = null;
            }
            if (!in.hasFinalResponse()) {
                in.respond(in.response(status, phrase).build());
            }
            farSideFailed(from.opposite(), cause);
        }

        private void farSideFailed(MediaSide side, CauseTag cause) {
            if (side == MediaSide.UPSTREAM && call.upstream() != upstream) {
                return;
            }
            if (side == MediaSide.UPSTREAM) {
                call.upstreamFailed(cause);
            } else {
                call.callerGone();
            }
        }
    }
}
