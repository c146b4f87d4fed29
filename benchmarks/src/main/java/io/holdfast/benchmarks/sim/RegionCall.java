package io.holdfast.benchmarks.sim;

import io.holdfast.relay.context.ContextJson;
import io.holdfast.relay.context.ContextParseResult;
import io.holdfast.relay.context.ContextParser;
import io.holdfast.relay.context.ContextReport;
import io.holdfast.relay.context.ContextSchema;
import io.holdfast.relay.context.EscalationRequest;
import io.holdfast.relay.context.IntentReport;
import io.holdfast.relay.context.ResumeContext;
import io.holdfast.relay.context.ResumeHandoff;
import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.prompt.PromptCodec;
import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.sdp.Origin;
import io.holdfast.sip.sdp.SessionDescription;
import io.holdfast.sip.transaction.ServerTransaction;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One call a {@link RegionSimulator} took: the INVITE it received (headers and resume context), its RTP
 * stream both ways, and the requests it can send in the dialog (INFO with a context, an intent report or an
 * escalation request; REFER; BYE with or without a failure Reason), and the NOTIFYs it received.
 *
 * <p>Threading: the call's state changes only on its simulator's loop; every getter is safe on any thread
 * (volatile fields, written by that loop alone), and the senders hop onto the loop.
 */
public final class RegionCall {
    /** Where a call is. */
    public enum State {
        /** INVITE received, not answered yet (ringing, or the answer is delayed). */
        RINGING,
        /** 200 sent: media flows. */
        CONFIRMED,
        /** Cancelled by the caller before the answer. */
        CANCELLED,
        /** Ended by a BYE either way, or by the simulator's death. */
        ENDED
    }

    private final RegionSimulator simulator;
    private final SipRequest invite;
    private final ServerTransaction inviteTransaction;
    private final long startedNs;
    private final CompletableFuture<RegionCall> answered = new CompletableFuture<>();
    private final CompletableFuture<RegionCall> ended = new CompletableFuture<>();
    private final Sink sink = new Sink();
    private final List<SipRequest> notifies = new CopyOnWriteArrayList<>();
    private volatile State state = State.RINGING;
    private volatile Dialog dialog;
    private volatile Channel rtpChannel;
    private volatile SessionDescription localSdp;
    private volatile MediaPlan plan;
    private volatile RtpStreamWriter writer;
    private volatile long rtpReceived;
    private volatile long rtpSent;
    private volatile long otherDatagrams;
    private volatile long lastRtpArrivalNs = -1;
    private volatile long lastReceivedSsrc = -1;
    private volatile SipRequest byeReceived;
    private volatile long infosReceived;
    private volatile SipRequest lastInfoReceived;
    private Origin origin;

    RegionCall(RegionSimulator simulator, ServerTransaction inviteTransaction, long startedNs) {
        this.simulator = simulator;
        this.inviteTransaction = inviteTransaction;
        this.invite = inviteTransaction.request();
        this.startedNs = startedNs;
    }

    public String callId() {
        return invite.callId();
    }

    public State state() {
        return state;
    }

    /** When the INVITE arrived, on the simulator's clock. */
    public long startedNs() {
        return startedNs;
    }

    /** The INVITE as received. */
    public SipRequest invite() {
        return invite;
    }

    /** The first value of an INVITE header such as {@code X-Holdfast-Failover-Cause}, or {@code null}. */
    public String inviteHeader(String name) {
        return invite.header(name);
    }

    /** The bytes of the INVITE's resume-context part, when its body was multipart with one. */
    public Optional<byte[]> contextPart() {
        return ResumeHandoff.contextPartOf(invite);
    }

    /** The INVITE's resume context, checked as a region would check it; empty when the INVITE had none. */
    public Optional<ContextParseResult> receivedContext() {
        return contextPart().map(part -> ContextParser.parse(ContextSchema.MEDIA_TYPE, part));
    }

    /** Completes when the 200 has been sent. */
    public CompletableFuture<RegionCall> answered() {
        return answered;
    }

    /** Completes when the call has ended (BYE either way, CANCEL, the simulator's death). */
    public CompletableFuture<RegionCall> ended() {
        return ended;
    }

    /** The RTP packets received from holdfast (valid RTP only). */
    public long rtpPacketsReceived() {
        return rtpReceived;
    }

    /** Datagrams received on the call's RTP port that were not valid RTP (RTCP included). */
    public long otherDatagramsReceived() {
        return otherDatagrams;
    }

    /** The RTP packets of the agent's voice sent. */
    public long rtpPacketsSent() {
        return rtpSent;
    }

    /** When the last RTP packet arrived, or {@code -1}. */
    public long lastRtpArrivalNs() {
        return lastRtpArrivalNs;
    }

    /** The SSRC of the last RTP packet received, or {@code -1}. */
    public long lastReceivedSsrc() {
        return lastReceivedSsrc;
    }

    /** Where this call receives RTP, or {@code null} before the port is bound. */
    public InetSocketAddress localRtpAddress() {
        Channel channel = rtpChannel;
        return channel == null ? null : (InetSocketAddress) channel.localAddress();
    }

    /** Where the agent's voice goes (holdfast's media address), or {@code null} before the answer or on hold. */
    public InetSocketAddress remoteRtpAddress() {
        MediaPlan current = plan;
        return current == null ? null : current.remote();
    }

    /** The codec of the agent's voice, or {@code null} before the answer. */
    public PromptCodec codec() {
        MediaPlan current = plan;
        return current == null ? null : current.codec();
    }

    /** The SSRC of the agent's voice, or {@code -1} before the answer. */
    public long ssrc() {
        RtpStreamWriter current = writer;
        return current == null ? -1 : current.ssrc();
    }

    /** The SDP answer this call sent last. */
    public Optional<SessionDescription> localSdp() {
        return Optional.ofNullable(localSdp);
    }

    /** The BYE holdfast sent in this call (with its Reason headers), once received. */
    public Optional<SipRequest> byeReceived() {
        return Optional.ofNullable(byeReceived);
    }

    /** INFO requests received in this call. */
    public long infosReceived() {
        return infosReceived;
    }

    public Optional<SipRequest> lastInfoReceived() {
        return Optional.ofNullable(lastInfoReceived);
    }

    /** Reports a resume context by INFO. Completes with holdfast's final status (408 on timeout). */
    public CompletableFuture<Integer> sendContext(ResumeContext context) {
        return sendInfo(ContextSchema.MEDIA_TYPE, ContextJson.toBytes(context));
    }

    /** Reports an intent failure ({@code INTENT_NOT_UNDERSTOOD}...) by INFO. */
    public CompletableFuture<Integer> reportIntent(String status) {
        return sendInfo(ContextSchema.MEDIA_TYPE, ContextJson.toBytes(ContextReport.of(IntentReport.of(status,
                OptionalDouble.empty()))));
    }

    /** Asks holdfast to hand the call to a human: INFO with {@code "escalate": true} and {@code reason}. */
    public CompletableFuture<Integer> requestEscalation(String reason) {
        return sendInfo(ContextSchema.MEDIA_TYPE, ContextJson.toBytes(ContextReport.of(new EscalationRequest(reason))));
    }

    /** Sends an INFO with any body (a malformed context, another type) to test holdfast's refusals. */
    public CompletableFuture<Integer> sendInfo(String contentType, String body) {
        return sendInfo(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends an INFO with any body. */
    public CompletableFuture<Integer> sendInfo(String contentType, byte[] body) {
        return simulator.sendInDialog(this, builder -> builder.body(contentType, body), SipMethod.INFO);
    }

    /**
     * Asks holdfast to transfer the call by REFER (RFC 3515) with {@code Refer-To: <referTo>}; completes with
     * holdfast's final status (202 when accepted). NOTIFYs of the implicit subscription are answered 200 and kept
     * ({@link #notifiesReceived()}).
     */
    public CompletableFuture<Integer> refer(SipUri referTo) {
        return simulator.sendInDialog(this, builder -> builder.addHeader("Refer-To", "<" + referTo + ">"),
                SipMethod.REFER);
    }

    /** The NOTIFYs holdfast sent in this call, in order. */
    public List<SipRequest> notifiesReceived() {
        return List.copyOf(notifies);
    }

    /**
     * Hangs up with an in-dialog BYE carrying {@code reason} (e.g. {@code SIP;cause=500;text="agent crashed"}),
     * which holdfast reads as {@code SIP_REMOTE_FAILURE}; the agent's voice stops at once.
     */
    public CompletableFuture<Integer> byeWithReason(Reason reason) {
        return simulator.sendInDialog(this, builder -> builder.addReason(reason), SipMethod.BYE);
    }

    /** Hangs up normally: a BYE without Reason. */
    public CompletableFuture<Integer> hangUp() {
        return simulator.sendInDialog(this, builder -> builder, SipMethod.BYE);
    }

    @Override
    public String toString() {
        return "RegionCall[" + simulator.name() + ' ' + state + ", rtp in " + rtpReceived + " out " + rtpSent + ']';
    }

    // ---- simulator loop only ----

    RtpReceiveHandler.Sink rtpSink() {
        return sink;
    }

    ServerTransaction inviteTransaction() {
        return inviteTransaction;
    }

    Dialog dialog() {
        return dialog;
    }

    Channel rtpChannel() {
        return rtpChannel;
    }

    MediaPlan plan() {
        return plan;
    }

    void bound(Channel channel) {
        rtpChannel = channel;
    }

    /** The {@code o=} line of this call's next answer: the same session, one version up each time (RFC 3264 §8). */
    Origin nextOrigin() {
        InetSocketAddress local = localRtpAddress();
        origin = origin == null
                ? Origin.of("region", callId().hashCode() & 0x7fff_ffffL, 1, local.getAddress())
                : origin.withVersionIncremented();
        return origin;
    }

    /** A new offer/answer (the first, or a re-INVITE's): where and how the voice goes from now on. */
    void negotiated(SessionDescription answer, MediaPlan newPlan, AgentVoice voice) {
        localSdp = answer;
        MediaPlan previous = plan;
        plan = newPlan;
        if (writer == null || previous.codec() != newPlan.codec() || previous.payloadType() != newPlan.payloadType()) {
            writer = new RtpStreamWriter(voice, newPlan.codec(), newPlan.payloadType());
        }
    }

    void confirmed(Dialog newDialog) {
        dialog = newDialog;
        state = State.CONFIRMED;
        answered.complete(this);
    }

    RtpStreamWriter writer() {
        return writer;
    }

    void sent() {
        rtpSent++;
    }

    void infoReceived(SipRequest info) {
        lastInfoReceived = info;
        infosReceived++;
    }

    void notifyReceived(SipRequest notify) {
        notifies.add(notify);
    }

    void byeReceived(SipRequest bye) {
        byeReceived = bye;
    }

    /** The call is over: its RTP port closes (so holdfast's packets get ICMP port unreachable). */
    void end(State finalState) {
        if (state == State.ENDED || state == State.CANCELLED) {
            return;
        }
        state = finalState;
        Dialog current = dialog;
        if (current != null) {
            current.terminate();
        }
        Channel channel = rtpChannel;
        if (channel != null) {
            channel.close();
        }
        ended.complete(this);
    }

    /** What the call's RTP port hears; runs on the owner's loop. */
    private final class Sink implements RtpReceiveHandler.Sink {
        @Override
        public void onRtp(RtpHeader rtp) {
            lastRtpArrivalNs = simulator.clock().nanoTime();
            lastReceivedSsrc = rtp.ssrc();
            rtpReceived++;
            simulator.rtpReceived();
        }

        @Override
        public void onOther() {
            otherDatagrams++;
        }

        @Override
        public void onPortUnreachable() {
            simulator.portUnreachable();
        }
    }
}
