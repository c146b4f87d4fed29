package io.holdfast.relay.call;

import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.dialog.DialogId;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.sdp.SessionDescription;

/**
 * The caller-facing leg of a call: the caller's INVITE transaction and the UAS dialog holdfast's responses
 * create (RFC 3261 §12.1.1). Every response is holdfast's own: the caller's From, To (with holdfast's tag),
 * Call-ID, CSeq and Via echoed as §8.2.6 requires, holdfast's Contact, and nothing from the region but the
 * status and the anchored SDP. Confined to the call's event loop.
 */
final class CallerLeg {
    private final InboundRequest invite;
    private final CallContext context;
    private final NameAddr contact;
    private final Hop fallback;
    private Dialog dialog;

    CallerLeg(InboundRequest invite, CallContext context) {
        this.invite = invite;
        this.context = context;
        this.contact = NameAddr.of(context.localUri(invite.transport()));
        this.fallback = new Hop(invite.source(), invite.transport());
    }

    InboundRequest invite() {
        return invite;
    }

    SipRequest request() {
        return invite.request();
    }

    /** holdfast's Contact on this leg. */
    NameAddr contact() {
        return contact;
    }

    /** The UAS dialog, or {@code null} before the first dialog-creating response. */
    Dialog dialog() {
        return dialog;
    }

    /**
     * The next hop of requests to the caller: its Contact (or first Record-Route) when that is an IP literal,
     * else where its INVITE came from, over the same transport.
     */
    Hop hop() {
        return dialog == null ? fallback : Hop.inDialog(dialog, fallback);
    }

    /** True when a request's Call-ID and tags name this leg's dialog. */
    boolean matches(SipRequest request) {
        return dialog != null && DialogId.ofReceivedRequest(request).equals(dialog.id());
    }

    /**
     * Answers the INVITE. 1xx (but 100) and 2xx carry holdfast's Contact and create or update the UAS
     * dialog; 2xx also list the methods holdfast takes.
     *
     * @param sdp the anchored description, or {@code null}
     * @param reason a Reason header (RFC 3326) saying why the call was refused, or {@code null}
     */
    void respond(int status, String phrase, SessionDescription sdp, Reason reason) {
        SipResponse.Builder builder = invite.response(status, phrase);
        if (status > 100 && status < 300) {
            builder.addContact(contact);
        }
        if (status >= 200 && status < 300) {
            builder.allow(UpstreamAttempt.ALLOWED);
        }
        if (sdp != null) {
            builder.body("application/sdp", sdp.toBytes());
        }
        if (reason != null) {
            builder.addReason(reason);
        }
        SipResponse response = builder.build();
        if (dialog == null && Dialog.createsDialog(response)) {
            dialog = Dialog.asUas(invite.request(), response);
        } else if (dialog != null) {
            dialog.onResponseSent(invite.request(), response);
        }
        invite.respond(response);
    }

    /** Ends the dialog with BYE (best effort), with a Reason when given. */
    void bye(Reason reason) {
        if (dialog == null || dialog.state() == Dialog.State.TERMINATED) {
            return;
        }
        if (dialog.state() == Dialog.State.CONFIRMED) {
            SipRequest.Builder bye = dialog.createRequest(SipMethod.BYE);
            if (reason != null) {
                bye.addReason(reason);
            }
            context.send(bye.build(), hop(), ResponseListener.IGNORE);
        }
        dialog.terminate();
    }
}
