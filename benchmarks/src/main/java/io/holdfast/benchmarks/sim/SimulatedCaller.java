package io.holdfast.benchmarks.sim;

import io.holdfast.relay.context.ContextParseResult;
import io.holdfast.relay.context.ContextParser;
import io.holdfast.relay.context.ContextSchema;
import io.holdfast.relay.time.NanoClock;
import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.dialog.DialogId;
import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.sdp.Codec;
import io.holdfast.sip.sdp.Direction;
import io.holdfast.sip.sdp.Origin;
import io.holdfast.sip.sdp.SdpAnswerer;
import io.holdfast.sip.sdp.SdpNegotiationException;
import io.holdfast.sip.sdp.SessionDescription;
import io.holdfast.sip.transaction.ClientTransaction;
import io.holdfast.sip.transaction.ClientTransactionListener;
import io.holdfast.sip.transaction.RequestHandler;
import io.holdfast.sip.transaction.ServerTransaction;
import io.holdfast.sip.transaction.ServerTransactionFailure;
import io.holdfast.sip.transaction.SipFlow;
import io.holdfast.sip.transport.IoMode;
import io.holdfast.sip.transport.SipConfig;
import io.holdfast.sip.transport.SipStack;
import io.holdfast.sip.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A simulated caller on holdfast's own stack: places calls (INVITE with a PCMU/PCMA offer), acknowledges the
 * answer, streams its voice at 20 ms per packet (50 packets per second, one SSRC, contiguous sequence numbers)
 * from an RTP socket connected to the answer's address, so ICMP port unreachable is reported, and records every
 * packet it hears with its arrival time. Answers BYE, re-INVITE, UPDATE, INFO and OPTIONS in its dialogs.
 *
 * <p>Threading: one SIP loop (the stack's) and one caller loop, which owns every call, RTP channel and the
 * 20 ms tick. Every public method is thread-safe.
 */
public final class SimulatedCaller implements AutoCloseable {
    /** What {@link CallerCall#hangUp()} completes with when there is no dialog to hang up. */
    public static final int NOT_SENT = 0;
    /** The caller's user part unless told otherwise. */
    public static final String DEFAULT_CALLER_USER = "caller";
    /** The caller's voice unless told otherwise: 1 kHz, every frame alike. */
    public static final int DEFAULT_TONE_HZ = 1000;

    private static final long TICK_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final SdpAnswerer ANSWERER = new SdpAnswerer(List.of(Codec.PCMU, Codec.PCMA,
            Codec.TELEPHONE_EVENT_8000));

    private final InetAddress address;
    private final NanoClock clock;
    private final AgentVoice voice;
    private final SimLoop loop;
    private final List<CallerCall> calls = new CopyOnWriteArrayList<>();
    private final List<CallerCall> active = new ArrayList<>();
    private final Map<DialogId, CallerCall> dialogs = new HashMap<>();
    private volatile SipStack stack;
    private volatile ScheduledFuture<?> tick;
    private volatile boolean closed;

    private SimulatedCaller(InetAddress address, NanoClock clock, AgentVoice voice, IoMode ioMode) {
        this.address = address;
        this.clock = clock;
        this.voice = voice;
        this.loop = new SimLoop("holdfast-sim-caller", ioMode);
    }

    /**
     * A caller on {@code address} (SIP on a free UDP port), speaking {@code voice}, stamping with {@code clock},
     * its SIP and RTP on {@code ioMode} (see {@link SimLoop} for why {@link IoMode#AUTO} prefers epoll).
     */
    public static SimulatedCaller start(InetAddress address, NanoClock clock, AgentVoice voice, IoMode ioMode)
            throws InterruptedException {
        SimulatedCaller caller = new SimulatedCaller(Objects.requireNonNull(address, "address"),
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(voice, "voice"), ioMode);
        boolean started = false;
        try {
            SipConfig sip = SipConfig.listeningOn(new InetSocketAddress(address, 0)).withEventLoops(1)
                    .withIoMode(ioMode);
            caller.stack = SipStack.start(new SipConfig(sip.udpListen(), null, sip.advertisedHost(), 1, sip.ioMode(),
                    sip.timers(), sip.tcpConnectTimeout(), sip.limits()), caller.new Handler());
            caller.tick = caller.loop.loop().scheduleAtFixedRate(caller::tick, TICK_NS, TICK_NS, TimeUnit.NANOSECONDS);
            started = true;
            return caller;
        } finally {
            if (!started) {
                caller.close();
            }
        }
    }

    /** A caller on {@code address} with the system clock, the default voice and the best I/O. */
    public static SimulatedCaller start(InetAddress address) throws InterruptedException {
        return start(address, NanoClock.system(), AgentVoice.tone(DEFAULT_TONE_HZ), IoMode.AUTO);
    }

    NanoClock clock() {
        return clock;
    }

    /** The caller's SIP address (UDP). */
    public InetSocketAddress sipAddress() {
        return stack.localAddress(Transport.UDP);
    }

    /** Every call placed, in order. */
    public List<CallerCall> calls() {
        return List.copyOf(calls);
    }

    /** Changes the INVITE a call sends, e.g. to put a resume context next to the SDP offer. */
    @FunctionalInterface
    public interface InviteDecorator {
        /**
         * @param invite   the INVITE, its SDP offer already set as the body
         * @param sdpOffer the offer's bytes
         */
        SipRequest.Builder decorate(SipRequest.Builder invite, byte[] sdpOffer);
    }

    /** Calls {@code target} through {@code nextHop} (holdfast, or a region directly) from {@code callerUser}. */
    public CallerCall call(SipUri target, InetSocketAddress nextHop, String callerUser) {
        return call(target, nextHop, callerUser, (invite, sdp) -> invite);
    }

    /** {@link #call(SipUri, InetSocketAddress, String)} with an INVITE changed by {@code decorator}. */
    public CallerCall call(SipUri target, InetSocketAddress nextHop, String callerUser, InviteDecorator decorator) {
        CallerCall call = new CallerCall(this, Objects.requireNonNull(callerUser, "callerUser"));
        calls.add(call);
        loop.run(() -> place(call, target, nextHop, decorator));
        return call;
    }

    /** Calls {@code sip:agent@host:port} of {@code nextHop} as {@value #DEFAULT_CALLER_USER}. */
    public CallerCall call(InetSocketAddress nextHop) {
        return call(SipUri.sip("agent", nextHop.getAddress().getHostAddress(), nextHop.getPort()), nextHop,
                DEFAULT_CALLER_USER);
    }

    /** Calls a simulated region directly. */
    public CallerCall call(RegionSimulator region) {
        return call(region.sipUri(), region.sipAddress(), DEFAULT_CALLER_USER);
    }

    private void place(CallerCall call, SipUri target, InetSocketAddress nextHop, InviteDecorator decorator) {
        ChannelFuture bound = loop.bindRtp(address, new RtpReceiveHandler(call.rtpSink()));
        bound.addListener(done -> {
            if (!done.isSuccess()) {
                call.failed(null, InDialogRequests.FinalStatus.TRANSPORT_ERROR);
                return;
            }
            Channel channel = bound.channel();
            InetSocketAddress rtp = (InetSocketAddress) channel.localAddress();
            SessionDescription offer = MediaPlan.offer(Origin.of("caller",
                    ThreadLocalRandom.current().nextLong(1L << 40), 1, address), rtp);
            String host = stack.localUri(Transport.UDP).host();
            byte[] sdp = offer.toBytes();
            SipRequest.Builder builder = SipRequest.builder(SipMethod.INVITE, target)
                    .from(NameAddr.of(SipUri.sip(call.callerUser(), host, SipUri.NO_PORT)).withTag(DialogId.newTag()))
                    .to(NameAddr.of(target.withParameters(SipParameters.EMPTY)))
                    .callId(DialogId.newCallId(host))
                    .cseq(CSeq.of(1, SipMethod.INVITE))
                    .addContact(NameAddr.of(stack.localUri(Transport.UDP).withUser(call.callerUser())))
                    .body("application/sdp", sdp);
            SipRequest invite = decorator.decorate(builder, sdp).build();
            call.inviting(invite, offer, channel);
            call.transaction(stack.sendRequest(invite, nextHop, Transport.UDP, new InviteListener(call)));
        });
    }

    private void onAnswer(CallerCall call, SipResponse ok) {
        if (call.ack() != null) {
            InDialogRequests.sendAck(stack, call.dialog(), call.ack());
            return;
        }
        SipRequest invite = call.invite().orElseThrow();
        Dialog dialog = Dialog.asUac(invite, ok);
        SipRequest ack = InDialogRequests.sendAck(stack, dialog, dialog.createAck(invite).build());
        if (call.state() == CallerCall.State.FAILED || call.state() == CallerCall.State.ENDED) {
            InDialogRequests.send(stack, dialog, dialog.createRequest(SipMethod.BYE).build());
            return;
        }
        SessionDescription answer = MediaPlan.sdpOf(ok);
        MediaPlan plan = answer == null ? null : MediaPlan.forOfferer(call.offer(), answer);
        if (plan == null) {
            call.failed(ok, ok.statusCode());
            InDialogRequests.send(stack, dialog, dialog.createRequest(SipMethod.BYE).build());
            return;
        }
        call.confirmed(ok, dialog, ack, plan, voice);
        dialogs.put(dialog.id(), call);
        connect(call, plan);
        active.add(call);
    }

    /** Connects the RTP socket to where the peer wants media, so the kernel reports its ICMP errors to it. */
    private static void connect(CallerCall call, MediaPlan plan) {
        Channel channel = call.rtpChannel();
        if (plan.remote() == null || plan.remote().equals(channel.remoteAddress())) {
            return;
        }
        if (channel.remoteAddress() != null) {
            channel.disconnect();
        }
        channel.connect(plan.remote());
    }

    CompletableFuture<Integer> hangUp(CallerCall call) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        if (closed) {
            result.complete(NOT_SENT);
            return result;
        }
        loop.run(() -> {
            Dialog dialog = call.dialog();
            if (dialog == null || call.state() != CallerCall.State.CONFIRMED) {
                result.complete(NOT_SENT);
                return;
            }
            InDialogRequests.send(stack, dialog, dialog.createRequest(SipMethod.BYE).build())
                    .whenComplete((status, failure) -> result.complete(status));
            end(call);
        });
        return result;
    }

    CompletableFuture<Integer> reInvite(CallerCall call, Direction direction) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        if (closed) {
            result.complete(NOT_SENT);
            return result;
        }
        loop.run(() -> {
            Dialog dialog = call.dialog();
            if (dialog == null || call.state() != CallerCall.State.CONFIRMED) {
                result.complete(NOT_SENT);
                return;
            }
            SessionDescription offer = MediaPlan.offer(call.nextOrigin(),
                    (InetSocketAddress) call.rtpChannel().localAddress()).withDirection(0, direction);
            SipRequest reInvite = dialog.createRequest(SipMethod.INVITE)
                    .body("application/sdp", offer.toBytes()).build();
            FinalReInvite listener = new FinalReInvite(call, offer, result);
            InDialogRequests.send(stack, dialog, reInvite, listener);
        });
        return result;
    }

    private void onReInviteAnswer(CallerCall call, SipRequest reInvite, SessionDescription offer, SipResponse ok) {
        Dialog dialog = call.dialog();
        dialog.onResponse(reInvite, ok);
        InDialogRequests.sendAck(stack, dialog, dialog.createAck(reInvite).build());
        SessionDescription answer = MediaPlan.sdpOf(ok);
        MediaPlan plan = answer == null ? null : MediaPlan.forOfferer(offer, answer);
        if (plan != null) {
            call.offered(offer);
            call.replan(plan);
            connect(call, plan);
        }
    }

    private void end(CallerCall call) {
        if (call.dialog() != null) {
            dialogs.remove(call.dialog().id());
        }
        active.remove(call);
        call.end();
    }

    /** One 20 ms tick: the next packet of every confirmed call that sends. */
    private void tick() {
        long nowNs = clock.nanoTime();
        for (int i = 0; i < active.size(); i++) {
            CallerCall call = active.get(i);
            MediaPlan plan = call.plan();
            Channel channel = call.rtpChannel();
            RtpStreamWriter writer = call.writer();
            if (call.mediaStopped() || !plan.sends() || !channel.isActive() || channel.remoteAddress() == null) {
                writer.skipFrame();
                continue;
            }
            ByteBuf packet = writer.nextPacket(channel.alloc());
            channel.writeAndFlush(packet).addListener(call.sendResult());
            call.sent(nowNs);
        }
    }

    private void onInDialog(ServerTransaction transaction) {
        SipRequest request = transaction.request();
        CallerCall call = request.to().tag() == null ? null : dialogs.get(DialogId.ofReceivedRequest(request));
        if (call == null) {
            transaction.respond(request.method() == SipMethod.OPTIONS
                    ? transaction.response(200, "OK").build()
                    : transaction.response(481, "Call/Transaction Does Not Exist").build());
            return;
        }
        if (call.dialog().checkRequest(request) == Dialog.RequestCheck.CSEQ_OUT_OF_ORDER) {
            transaction.respond(transaction.response(500, "Server Internal Error").build());
            return;
        }
        switch (request.method()) {
            case BYE -> {
                call.byeReceived(request);
                transaction.respond(transaction.response(200, "OK").build());
                end(call);
            }
            case INVITE, UPDATE -> onOffer(transaction, call);
            case INFO -> onInfo(transaction, call);
            case OPTIONS -> transaction.respond(transaction.response(200, "OK").build());
            default -> transaction.respond(transaction.response(501, "Not Implemented").build());
        }
    }

    /** An INFO: a context body is checked as holdfast checks it and answered with the same status. */
    private static void onInfo(ServerTransaction transaction, CallerCall call) {
        SipRequest info = transaction.request();
        if (info.bodyLength() == 0) {
            transaction.respond(transaction.response(200, "OK").build());
            return;
        }
        ContextParseResult result = ContextParser.parse(info);
        call.infoReceived(result);
        SipResponse.Builder response = transaction.response(result.statusCode(), result.reasonPhrase());
        if (result instanceof ContextParseResult.UnsupportedMediaType) {
            response.addHeader("Accept", ContextSchema.MEDIA_TYPE);
        }
        transaction.respond(response.build());
    }

    /** A re-INVITE or UPDATE from the peer: answered on the same port; media re-aimed when the offer moved it. */
    private void onOffer(ServerTransaction transaction, CallerCall call) {
        SipRequest request = transaction.request();
        SessionDescription offer = MediaPlan.sdpOf(request);
        if (offer == null) {
            transaction.respond(transaction.response(488, "Not Acceptable Here").build());
            return;
        }
        try {
            InetSocketAddress local = (InetSocketAddress) call.rtpChannel().localAddress();
            SessionDescription answer = ANSWERER.answer(offer, call.nextOrigin(), List.of(local), Direction.SENDRECV);
            MediaPlan plan = MediaPlan.forAnswerer(answer, offer);
            if (plan == null) {
                transaction.respond(transaction.response(488, "Not Acceptable Here").build());
                return;
            }
            SipResponse ok = transaction.response(200, "OK")
                    .addContact(NameAddr.of(stack.localUri(Transport.UDP).withUser(call.callerUser())))
                    .body("application/sdp", answer.toBytes()).build();
            call.dialog().onResponseSent(request, ok);
            transaction.respond(ok);
            call.replan(plan);
            connect(call, plan);
        } catch (SdpNegotiationException e) {
            transaction.respond(transaction.response(488, "Not Acceptable Here").build());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (tick != null) {
            tick.cancel(false);
        }
        if (stack != null) {
            stack.close();
        }
        loop.close();
    }

    @Override
    public String toString() {
        return "SimulatedCaller[" + calls.size() + " calls]";
    }

    /** Incoming requests: the dialogs' requests, OPTIONS; handed to the caller's loop. */
    private final class Handler implements RequestHandler {
        /** Makes the local tag on the owner loop first (see {@link RegionAgent#onRequest}). */
        @Override
        public void onRequest(ServerTransaction transaction) {
            transaction.localTag();
            loop.run(() -> onInDialog(transaction));
        }

        @Override
        public void onAck(SipRequest ack, SipFlow flow) {
            // The caller answers no INVITE that needs its ACK tracked: re-INVITE answers are retransmitted by the stack.
        }

        @Override
        public void onCancel(ServerTransaction invite, SipRequest cancel) {
            // A re-INVITE cancelled: the stack answers 487; the call keeps its media.
        }

        @Override
        public void onServerTransactionFailed(ServerTransaction transaction, ServerTransactionFailure failure) {
            // A lost answer to a peer's request changes nothing the caller records.
        }
    }

    /** The outcome of a re-INVITE: the ACK of its 2xx, the new media plan, then the status. */
    private final class FinalReInvite implements ClientTransactionListener {
        private final CallerCall call;
        private final SessionDescription offer;
        private final CompletableFuture<Integer> result;

        FinalReInvite(CallerCall call, SessionDescription offer, CompletableFuture<Integer> result) {
            this.call = call;
            this.offer = offer;
            this.result = result;
        }

        @Override
        public void onProvisional(ClientTransaction transaction, SipResponse response) {
            // The final answer decides.
        }

        @Override
        public void onFinal(ClientTransaction transaction, SipResponse response) {
            loop.run(() -> {
                if (response.isSuccess()) {
                    onReInviteAnswer(call, transaction.request(), offer, response);
                }
                result.complete(response.statusCode());
            });
        }

        @Override
        public void onTimeout(ClientTransaction transaction) {
            result.complete(InDialogRequests.FinalStatus.TIMEOUT);
        }

        @Override
        public void onTransportError(ClientTransaction transaction) {
            result.complete(InDialogRequests.FinalStatus.TRANSPORT_ERROR);
        }
    }

    /** The outcome of one INVITE; each event hops to the caller's loop. */
    private final class InviteListener implements ClientTransactionListener {
        private final CallerCall call;

        InviteListener(CallerCall call) {
            this.call = call;
        }

        @Override
        public void onProvisional(ClientTransaction transaction, SipResponse response) {
            loop.run(() -> call.provisional(response));
        }

        @Override
        public void onFinal(ClientTransaction transaction, SipResponse response) {
            if (response.isSuccess()) {
                loop.run(() -> onAnswer(call, response));
            } else {
                loop.run(() -> call.failed(response, response.statusCode()));
            }
        }

        @Override
        public void onTimeout(ClientTransaction transaction) {
            loop.run(() -> call.failed(null, InDialogRequests.FinalStatus.TIMEOUT));
        }

        @Override
        public void onTransportError(ClientTransaction transaction) {
            loop.run(() -> call.failed(null, InDialogRequests.FinalStatus.TRANSPORT_ERROR));
        }
    }
}
