package io.holdfast.benchmarks.sim;

import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.dialog.DialogId;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.sdp.Codec;
import io.holdfast.sip.sdp.Direction;
import io.holdfast.sip.sdp.SdpAnswerer;
import io.holdfast.sip.sdp.SdpNegotiationException;
import io.holdfast.sip.sdp.SessionDescription;
import io.holdfast.sip.transaction.RequestHandler;
import io.holdfast.sip.transaction.ServerTransaction;
import io.holdfast.sip.transaction.ServerTransactionFailure;
import io.holdfast.sip.transaction.SipFlow;
import io.holdfast.sip.transport.SipStack;
import io.holdfast.sip.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramPacket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The SIP user agent server and media of a {@link RegionSimulator}: answers INVITEs (100, 180, then 200 with
 * an SDP answer and a fresh RTP port), re-INVITEs and UPDATEs (a new answer, e.g. a warm standby leg made
 * {@code sendrecv}), ACK, BYE, CANCEL, INFO and OPTIONS, and plays the agent's voice every 20 ms on every
 * confirmed call, each as the simulator's behaviour switches say.
 *
 * <p>Threading: the stack calls the {@link RequestHandler} methods on its own loop; each hands the work to the
 * simulator's loop, where every call, dialog and channel of the region lives.
 */
final class RegionAgent implements RequestHandler {
    private static final String AGENT_USER = "agent";
    private static final SdpAnswerer ANSWERER = new SdpAnswerer(List.of(Codec.PCMU, Codec.PCMA,
            Codec.TELEPHONE_EVENT_8000));

    private final RegionSimulator simulator;
    private final SimLoop loop;
    private volatile SipStack stack;
    private final Map<DialogId, RegionCall> dialogs = new HashMap<>();
    private final Map<ServerTransaction, RegionCall> ringing = new IdentityHashMap<>();
    private final List<RegionCall> active = new ArrayList<>();

    RegionAgent(RegionSimulator simulator, SimLoop loop) {
        this.simulator = simulator;
        this.loop = loop;
    }

    void attach(SipStack sipStack) {
        this.stack = sipStack;
    }

    /**
     * Makes the transaction's local tag here, on its owner loop, before the hand-over: the simulator's loop then
     * only reads it, and a CANCEL answered by the stack meanwhile carries the same To tag.
     */
    @Override
    public void onRequest(ServerTransaction transaction) {
        transaction.localTag();
        loop.run(() -> handle(transaction));
    }

    @Override
    public void onAck(SipRequest ack, SipFlow flow) {
        loop.run(() -> {
            simulator.counters().acks++;
            simulator.lastAck(ack);
        });
    }

    @Override
    public void onCancel(ServerTransaction invite, SipRequest cancel) {
        loop.run(() -> {
            simulator.counters().cancels++;
            RegionCall call = ringing.remove(invite);
            if (call != null) {
                call.end(RegionCall.State.CANCELLED);
            }
        });
    }

    @Override
    public void onServerTransactionFailed(ServerTransaction transaction, ServerTransactionFailure failure) {
        loop.run(() -> {
            simulator.counters().transactionFailures++;
            if (failure == ServerTransactionFailure.ACK_FOR_2XX_TIMEOUT) {
                RegionCall call = dialogs.get(dialogIdOfOwnAnswer(transaction));
                if (call != null) {
                    call.hangUp();
                }
            }
        });
    }

    private DialogId dialogIdOfOwnAnswer(ServerTransaction transaction) {
        SipRequest request = transaction.request();
        return new DialogId(request.callId(), transaction.localTag(), request.from().tag());
    }

    private void handle(ServerTransaction transaction) {
        SipRequest request = transaction.request();
        if (simulator.isDead()) {
            return;
        }
        if (stack == null) {
            transaction.respond(transaction.response(503, "Service Unavailable - starting").build());
            return;
        }
        boolean inDialog = request.to().tag() != null;
        if (!inDialog && request.method() == SipMethod.INVITE) {
            onInvite(transaction);
        } else if (!inDialog && request.method() == SipMethod.OPTIONS) {
            simulator.counters().options++;
            int refuse = simulator.refuseStatus();
            transaction.respond(refuse != 0
                    ? transaction.response(refuse, RegionSimulator.reasonPhrase(refuse)).build()
                    : withAllow(transaction.response(200, "OK")).build());
        } else if (inDialog) {
            onInDialog(transaction);
        } else {
            transaction.respond(transaction.response(481, "Call/Transaction Does Not Exist").build());
        }
    }

    private void onInvite(ServerTransaction transaction) {
        SipRequest invite = transaction.request();
        RegionCall call = new RegionCall(simulator, transaction, simulator.clock().nanoTime());
        simulator.invited(call);
        if (simulator.isIgnoringInvites()) {
            return;
        }
        transaction.respond(transaction.response(100, "Trying").build());
        int refuse = simulator.refuseStatus();
        if (refuse != 0) {
            transaction.respond(transaction.response(refuse, RegionSimulator.reasonPhrase(refuse)).build());
            call.end(RegionCall.State.ENDED);
            return;
        }
        SessionDescription offer = MediaPlan.sdpOf(invite);
        if (offer == null) {
            refuseNotAcceptable(transaction, call);
            return;
        }
        ChannelFuture bound = loop.bindRtp(simulator.config().mediaAddress(), new RtpReceiveHandler(call.rtpSink()));
        bound.addListener(done -> {
            if (!done.isSuccess()) {
                simulator.counters().transactionFailures++;
                transaction.respond(transaction.response(500, "Server Internal Error").build());
                call.end(RegionCall.State.ENDED);
                return;
            }
            call.bound(bound.channel());
            if (!negotiate(call, offer)) {
                refuseNotAcceptable(transaction, call);
                return;
            }
            ringing.put(transaction, call);
            transaction.respond(transaction.response(180, "Ringing").addContact(contact(invite)).build());
            long delayNs = simulator.answerDelayNs();
            if (delayNs > 0) {
                loop.loop().schedule(() -> answer(call), delayNs, TimeUnit.NANOSECONDS);
            } else {
                answer(call);
            }
        });
    }

    private static void refuseNotAcceptable(ServerTransaction transaction, RegionCall call) {
        transaction.respond(transaction.response(488, "Not Acceptable Here").build());
        call.end(RegionCall.State.ENDED);
    }

    /** Answers {@code offer} on the call's port; false when it offers no G.711 audio. */
    private boolean negotiate(RegionCall call, SessionDescription offer) {
        try {
            SessionDescription answer = ANSWERER.answer(offer, call.nextOrigin(), List.of(call.localRtpAddress()),
                    Direction.SENDRECV);
            MediaPlan plan = MediaPlan.forAnswerer(answer, offer);
            if (plan == null) {
                return false;
            }
            call.negotiated(answer, plan, simulator.config().voice());
            return true;
        } catch (SdpNegotiationException e) {
            return false;
        }
    }

    private void answer(RegionCall call) {
        ServerTransaction transaction = call.inviteTransaction();
        if (ringing.remove(transaction) == null || call.state() != RegionCall.State.RINGING || simulator.isDead()) {
            return;
        }
        SipRequest invite = call.invite();
        SipResponse ok = withAllow(transaction.response(200, "OK")).addContact(contact(invite))
                .body("application/sdp", call.localSdp().orElseThrow().toBytes()).build();
        Dialog dialog = Dialog.asUas(invite, ok);
        dialogs.put(dialog.id(), call);
        transaction.respond(ok);
        call.confirmed(dialog);
        active.add(call);
    }

    private void onInDialog(ServerTransaction transaction) {
        SipRequest request = transaction.request();
        RegionCall call = dialogs.get(DialogId.ofReceivedRequest(request));
        if (call == null) {
            transaction.respond(transaction.response(481, "Call/Transaction Does Not Exist").build());
            return;
        }
        if (call.dialog().checkRequest(request) == Dialog.RequestCheck.CSEQ_OUT_OF_ORDER) {
            transaction.respond(transaction.response(500, "Server Internal Error").build());
            return;
        }
        switch (request.method()) {
            case BYE -> {
                simulator.counters().byes++;
                call.byeReceived(request);
                transaction.respond(transaction.response(200, "OK").build());
                endCall(call);
            }
            case INVITE, UPDATE -> onOffer(transaction, call);
            case INFO -> {
                simulator.counters().infos++;
                call.infoReceived(request);
                transaction.respond(transaction.response(200, "OK").build());
            }
            case NOTIFY -> {
                call.notifyReceived(request);
                transaction.respond(transaction.response(200, "OK").build());
            }
            case OPTIONS -> transaction.respond(withAllow(transaction.response(200, "OK")).build());
            default -> transaction.respond(transaction.response(501, "Not Implemented").build());
        }
    }

    /** A re-INVITE or UPDATE: a new answer on the same port (the direction may change); no offer, the last answer. */
    private void onOffer(ServerTransaction transaction, RegionCall call) {
        SipRequest request = transaction.request();
        SessionDescription offer = MediaPlan.sdpOf(request);
        if (offer != null && !negotiate(call, offer)) {
            transaction.respond(transaction.response(488, "Not Acceptable Here").build());
            return;
        }
        simulator.counters().reOffers++;
        SipResponse ok = withAllow(transaction.response(200, "OK")).addContact(contact(request))
                .body("application/sdp", call.localSdp().orElseThrow().toBytes()).build();
        call.dialog().onResponseSent(request, ok);
        transaction.respond(ok);
    }

    /** Builds and sends a BYE or INFO in the call's dialog (the loop owns the dialog's CSeq). */
    void sendInDialog(RegionCall call, UnaryOperator<SipRequest.Builder> decorate, SipMethod method,
                      CompletableFuture<Integer> result) {
        Dialog dialog = call.dialog();
        if (dialog == null || call.state() != RegionCall.State.CONFIRMED || simulator.isDead()) {
            result.complete(RegionSimulator.NOT_SENT);
            return;
        }
        SipRequest request = decorate.apply(dialog.createRequest(method)).build();
        InDialogRequests.send(stack, dialog, request).whenComplete((status, failure) -> result.complete(status));
        if (method == SipMethod.BYE) {
            endCall(call);
        }
    }

    private void endCall(RegionCall call) {
        dialogs.remove(call.dialog().id());
        active.remove(call);
        call.end(RegionCall.State.ENDED);
    }

    /** One 20 ms tick: the next frame of every confirmed call that sends, or a skipped frame when silent. */
    void tick() {
        boolean silent = simulator.isSilent();
        for (int i = 0; i < active.size(); i++) {
            RegionCall call = active.get(i);
            MediaPlan plan = call.plan();
            Channel channel = call.rtpChannel();
            RtpStreamWriter writer = call.writer();
            if (silent || !plan.sends() || !channel.isActive()) {
                writer.skipFrame();
                continue;
            }
            ByteBuf packet = writer.nextPacket(channel.alloc());
            channel.writeAndFlush(new DatagramPacket(packet, plan.remote()));
            call.sent();
        }
    }

    /** Closes every RTP port at once and forgets every call: the region is gone. */
    void die() {
        for (RegionCall call : new ArrayList<>(active)) {
            call.end(RegionCall.State.ENDED);
        }
        for (RegionCall call : new ArrayList<>(ringing.values())) {
            call.end(RegionCall.State.ENDED);
        }
        active.clear();
        ringing.clear();
        dialogs.clear();
    }

    private NameAddr contact(SipRequest request) {
        Transport transport = Transport.ofViaToken(request.topVia().transport());
        return NameAddr.of(stack.localUri(transport == null ? Transport.UDP : transport).withUser(AGENT_USER));
    }

    private static SipResponse.Builder withAllow(SipResponse.Builder response) {
        for (SipMethod method : new SipMethod[] {SipMethod.INVITE, SipMethod.ACK, SipMethod.BYE, SipMethod.CANCEL,
                SipMethod.OPTIONS, SipMethod.INFO, SipMethod.UPDATE}) {
            response.addAllow(method.token());
        }
        return response;
    }
}
