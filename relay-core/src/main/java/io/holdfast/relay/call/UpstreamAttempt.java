package io.holdfast.relay.call;

import io.holdfast.relay.config.SipConfig;
import io.holdfast.relay.context.ResumeHandoff;
import io.holdfast.relay.routing.Region;
import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.dialog.DialogId;
import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.message.SipHeader;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;

import java.util.List;
import java.util.Objects;

/**
 * One INVITE of a call to one region, and the upstream leg (UAC dialog) it creates when answered. The INVITE
 * is holdfast's own (topology hiding): a new Call-ID, From tag and CSeq, holdfast's Contact and Via, the
 * region's URI, the caller's identity in From (user and display name only, on holdfast's host), the dialled
 * user in To, the anchored SDP offer, and of the caller's other headers only those the configuration passes
 * ({@code sip.passed-headers}); no Via, Record-Route, Contact, Call-ID or address of the caller's side.
 *
 * <p>Acknowledges every 2xx it gets (RFC 3261 §13.2.2.4): the first one creates the dialog, a retransmission
 * gets the same ACK again, a 2xx of another fork is acknowledged and ended with BYE. Once the call
 * abandons it (the region failed, the caller cancelled), responses no longer reach the call: a late 2xx is
 * acknowledged and ended with BYE. Confined to the call's event loop.
 */
final class UpstreamAttempt implements ResponseListener {
    /** Methods holdfast takes in a dialog (Allow, RFC 3261 §20.5). */
    static final List<String> ALLOWED = List.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "INFO", "UPDATE");
    private static final int MAX_FORWARDS = 70;

    private final Call call;
    private final CallContext context;
    private final Region region;
    private final int number;
    private final SipRequest invite;
    private final Hop hop;
    private OutboundRequest transaction;
    private Dialog dialog;
    private SipRequest ack;
    private boolean abandoned;

    private UpstreamAttempt(Call call, CallContext context, Region region, int number, SipRequest invite) {
        this.call = call;
        this.context = context;
        this.region = region;
        this.number = number;
        this.invite = invite;
        this.hop = new Hop(region.destination(), region.transport());
    }

    /**
     * Builds the INVITE to {@code region} for {@code callerInvite} and sends it.
     *
     * @param number the attempt's number in the call, from 1
     * @param offer the anchored SDP offer for the region
     */
    static UpstreamAttempt start(Call call, CallContext context, SipConfig sip, String localHost, Region region,
                                 int number, SipRequest callerInvite, byte[] offer) {
        return start(call, context, sip, localHost, region, number, callerInvite, offer, null);
    }

    /**
     * As {@link #start(Call, CallContext, SipConfig, String, Region, int, SipRequest, byte[])}, for a failover or
     * an escalation: the {@code handoff} gives the body (the offer, with the resume context as second part when
     * the call has one) and the {@code X-Holdfast-*} headers.
     */
    static UpstreamAttempt start(Call call, CallContext context, SipConfig sip, String localHost, Region region,
                                 int number, SipRequest callerInvite, byte[] offer, ResumeHandoff handoff) {
        SipRequest invite = invite(context, sip, localHost, region, callerInvite, offer, handoff);
        UpstreamAttempt attempt = new UpstreamAttempt(call, context, region, number, invite);
        attempt.transaction = context.send(invite, attempt.hop, attempt);
        return attempt;
    }

    private static SipRequest invite(CallContext context, SipConfig sip, String localHost, Region region,
                                     SipRequest callerInvite, byte[] offer, ResumeHandoff handoff) {
        NameAddr callerFrom = callerInvite.from();
        String dialled = callerInvite.requestUri().user() != null ? callerInvite.requestUri().user()
                : callerInvite.to().uri().user();
        SipUri regionUri = region.uri();
        SipUri to = dialled == null ? regionUri : SipUri.sip(dialled, regionUri.host(), regionUri.port());
        int callerMaxForwards = callerInvite.maxForwards();
        int maxForwards = callerMaxForwards == SipMessage.ABSENT ? MAX_FORWARDS
                : Math.min(MAX_FORWARDS, callerMaxForwards - 1);
        SipRequest.Builder builder = SipRequest.builder(SipMethod.INVITE, regionUri)
                .from(new NameAddr(callerFrom.displayName(), SipUri.sip(callerFrom.uri().user(), localHost,
                        SipUri.NO_PORT), SipParameters.EMPTY).withTag(DialogId.newTag()))
                .to(NameAddr.of(to))
                .callId(context.newUpstreamCallId())
                .cseq(CSeq.of(1, SipMethod.INVITE))
                .maxForwards(maxForwards)
                .addContact(NameAddr.of(context.localUri(region.transport())))
                .allow(ALLOWED)
                .body("application/sdp", offer);
        for (SipHeader header : callerInvite.otherHeaders()) {
            if (sip.passes(header.name())) {
                builder.addHeader(header);
            }
        }
        if (handoff != null) {
            handoff.applyTo(builder);
        }
        return builder.build();
    }

    Region region() {
        return region;
    }

    int number() {
        return number;
    }

    /** The INVITE as built (before the transaction added its Via). */
    SipRequest invite() {
        return invite;
    }

    /** holdfast's Contact on this leg. */
    NameAddr contact() {
        return NameAddr.of(context.localUri(region.transport()));
    }

    /** The confirmed upstream dialog, or {@code null} before the 2xx. */
    Dialog dialog() {
        return dialog;
    }

    /** The next hop of requests in the upstream dialog. */
    Hop hop() {
        return dialog == null ? hop : Hop.inDialog(dialog, hop);
    }

    /**
     * The call no longer wants this attempt: a pending INVITE is cancelled (RFC 3261 §9.1), and any answer
     * that still comes is acknowledged and ended.
     */
    void abandon() {
        abandoned = true;
        if (dialog == null) {
            transaction.cancel();
        }
    }

    /** Ends a confirmed upstream dialog with BYE (best effort: its outcome changes nothing). */
    void bye(Reason reason) {
        if (dialog == null || dialog.state() == Dialog.State.TERMINATED) {
            return;
        }
        SipRequest.Builder bye = dialog.createRequest(SipMethod.BYE);
        if (reason != null) {
            bye.addReason(reason);
        }
        context.send(bye.build(), hop(), ResponseListener.IGNORE);
        dialog.terminate();
    }

    @Override
    public void onProvisional(OutboundRequest request, SipResponse response) {
        if (!abandoned) {
            call.onUpstreamProvisional(this, response);
        }
    }

    @Override
    public void onFinal(OutboundRequest request, SipResponse response) {
        if (!response.isSuccess()) {
            if (!abandoned && dialog == null) {
                call.onUpstreamRefused(this, response);
            }
            return;
        }
        if (dialog != null) {
            if (Objects.equals(response.to().tag(), dialog.id().remoteTag())) {
                context.sendAck(ack, hop());
            } else {
                endUnwanted(request.request(), response);
            }
            return;
        }
        if (!Dialog.createsDialog(response)) {
            call.onUpstreamRefused(this, response);
            return;
        }
        dialog = Dialog.asUac(request.request(), response);
        ack = context.sendAck(dialog.createAck(request.request()).build(), hop());
        if (abandoned) {
            context.count(CallCounter.UNWANTED_ANSWERS_ENDED);
            bye(null);
            return;
        }
        call.onUpstreamAnswered(this, response);
    }

    @Override
    public void onTimeout(OutboundRequest request) {
        if (!abandoned && dialog == null) {
            call.onUpstreamUnanswered(this, false);
        }
    }

    @Override
    public void onTransportError(OutboundRequest request) {
        if (!abandoned && dialog == null) {
            call.onUpstreamUnanswered(this, true);
        }
    }

    /** A 2xx of another fork of the INVITE: acknowledged and ended with BYE in its own dialog. */
    private void endUnwanted(SipRequest sentInvite, SipResponse response) {
        context.count(CallCounter.UNWANTED_ANSWERS_ENDED);
        Dialog fork = Dialog.asUac(sentInvite, response);
        Hop forkHop = Hop.inDialog(fork, hop);
        context.sendAck(fork.createAck(sentInvite).build(), forkHop);
        context.send(fork.createRequest(SipMethod.BYE).build(), forkHop, ResponseListener.IGNORE);
        fork.terminate();
    }
}
