package io.holdfast.benchmarks.sim;

import io.holdfast.relay.context.ContextParseResult;
import io.holdfast.relay.context.ContextParser;
import io.holdfast.relay.context.ContextReport;
import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.sdp.Direction;
import io.holdfast.sip.sdp.Origin;
import io.holdfast.sip.sdp.SessionDescription;
import io.holdfast.sip.transaction.ClientTransaction;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One call a {@link SimulatedCaller} placed: its INVITE's outcome, the caller's RTP stream (20 ms packets at
 * 50 per second, one SSRC, contiguous sequence numbers) and every RTP packet the caller heard
 * ({@link #received()}), with the ICMP port unreachable reports of its connected RTP socket.
 *
 * <p>Threading: the state changes only on the caller's loop; every getter is safe on any thread, and
 * {@link #hangUp()}, {@link #cancel()}, {@link #stopMedia()} and {@link #startMedia()} hop onto the loop.
 */
public final class CallerCall {
    /** Where a call is. */
    public enum State {
        /** INVITE sent, no answer yet. */
        CALLING,
        /** A provisional response with a To tag arrived. */
        RINGING,
        /** 200 received and acknowledged: media flows. */
        CONFIRMED,
        /** The INVITE got a final error, timed out or could not be sent. */
        FAILED,
        /** Hung up either way. */
        ENDED
    }

    private final SimulatedCaller caller;
    private final String callerUser;
    private final RtpRecording received = new RtpRecording();
    private final Sink sink = new Sink();
    private final CompletableFuture<Integer> answerStatus = new CompletableFuture<>();
    private final CompletableFuture<CallerCall> ended = new CompletableFuture<>();
    private final List<Integer> provisionalStatuses = new CopyOnWriteArrayList<>();
    private final ChannelFutureListener sendResult = future -> {
        if (!future.isSuccess()) {
            sendFailed(future.cause());
        }
    };
    private volatile State state = State.CALLING;
    private volatile SipRequest invite;
    private volatile ClientTransaction inviteTransaction;
    private volatile SipResponse finalResponse;
    private volatile Dialog dialog;
    private volatile SipRequest ack;
    private volatile Channel rtpChannel;
    private volatile SessionDescription offer;
    private volatile MediaPlan plan;
    private volatile RtpStreamWriter writer;
    private volatile boolean mediaStopped;
    private volatile long rtpSent;
    private volatile long firstRtpSentNs = -1;
    private volatile long otherDatagrams;
    private volatile long portUnreachable;
    private volatile long firstPortUnreachableNs = -1;
    private volatile long sendFailures;
    private volatile SipRequest byeReceived;
    private final List<ContextParseResult> infosReceived = new CopyOnWriteArrayList<>();
    private Origin localOrigin;

    CallerCall(SimulatedCaller caller, String callerUser) {
        this.caller = caller;
        this.callerUser = callerUser;
    }

    /** The Call-ID of the caller's dialog, or {@code null} before the INVITE left. */
    public String callId() {
        SipRequest sent = invite;
        return sent == null ? null : sent.callId();
    }

    public State state() {
        return state;
    }

    /** The user part of the caller's From, e.g. a phone number. */
    public String callerUser() {
        return callerUser;
    }

    /** The INVITE as built (before the stack added its Via). */
    public Optional<SipRequest> invite() {
        return Optional.ofNullable(invite);
    }

    /** The final status of the INVITE: 2xx, an error, 408 on timeout, 503 when it could not be sent. */
    public CompletableFuture<Integer> answerStatus() {
        return answerStatus;
    }

    /** The final response to the INVITE, once received. */
    public Optional<SipResponse> finalResponse() {
        return Optional.ofNullable(finalResponse);
    }

    /** The provisional statuses received (100, 180, 183...), in order. */
    public List<Integer> provisionalStatuses() {
        return List.copyOf(provisionalStatuses);
    }

    /** Completes when the call has ended (BYE either way, or a failed INVITE). */
    public CompletableFuture<CallerCall> ended() {
        return ended;
    }

    /** Every RTP packet the caller heard. */
    public RtpRecording received() {
        return received;
    }

    /** RTP packets the caller sent. */
    public long rtpPacketsSent() {
        return rtpSent;
    }

    /** When the caller sent its first RTP packet, or {@code -1}. */
    public long firstRtpSentNs() {
        return firstRtpSentNs;
    }

    /** The caller's SSRC, or {@code -1} before the answer. */
    public long ssrc() {
        RtpStreamWriter current = writer;
        return current == null ? -1 : current.ssrc();
    }

    /** Datagrams received that were not valid RTP (RTCP included). */
    public long otherDatagramsReceived() {
        return otherDatagrams;
    }

    /** ICMP port unreachable reports on the caller's connected RTP socket (reads and writes). */
    public long portUnreachableCount() {
        return portUnreachable;
    }

    /** When the first ICMP port unreachable was reported, or {@code -1}. */
    public long firstPortUnreachableNs() {
        return firstPortUnreachableNs;
    }

    /** RTP sends that failed for another reason than ICMP port unreachable. */
    public long sendFailureCount() {
        return sendFailures;
    }

    /** Where the caller receives RTP, or {@code null} before its port is bound. */
    public InetSocketAddress localRtpAddress() {
        Channel channel = rtpChannel;
        return channel == null ? null : (InetSocketAddress) channel.localAddress();
    }

    /** Where the caller sends RTP (the answer's address), or {@code null} before the answer. */
    public InetSocketAddress remoteRtpAddress() {
        MediaPlan current = plan;
        return current == null ? null : current.remote();
    }

    /** The BYE the other side sent, once received. */
    public Optional<SipRequest> byeReceived() {
        return Optional.ofNullable(byeReceived);
    }

    /**
     * What the caller made of each INFO it received in the dialog, in order: it checks a context body as holdfast
     * does ({@link ContextParser}) and answers with that result's status; an INFO without a body counts as
     * accepted with no report and is not listed.
     */
    public List<ContextParseResult> infosReceived() {
        return List.copyOf(infosReceived);
    }

    /** The context reports the caller accepted by INFO, in order. */
    public List<ContextReport> contextReports() {
        List<ContextReport> reports = new ArrayList<>();
        for (ContextParseResult result : infosReceived) {
            if (result instanceof ContextParseResult.Accepted accepted) {
                reports.add(accepted.report());
            }
        }
        return reports;
    }

    /**
     * Sends a re-INVITE offering {@code direction} (e.g. {@link Direction#INACTIVE} to park the peer's voice,
     * {@link Direction#SENDRECV} to bring it back); completes with its final status.
     */
    public CompletableFuture<Integer> reInvite(Direction direction) {
        return caller.reInvite(this, direction);
    }

    /** Hangs up with a BYE; completes with its final status ({@link SimulatedCaller#NOT_SENT} without a dialog). */
    public CompletableFuture<Integer> hangUp() {
        return caller.hangUp(this);
    }

    /** Cancels the INVITE if it has no final response yet (RFC 3261 §9.1). */
    public void cancel() {
        ClientTransaction transaction = inviteTransaction;
        if (transaction != null) {
            transaction.cancel();
        }
    }

    /** The caller stops sending (RTP timestamps run on), as a caller who listens in silence with VAD on. */
    public void stopMedia() {
        mediaStopped = true;
    }

    /** The caller sends again, the marker bit on the first packet. */
    public void startMedia() {
        mediaStopped = false;
    }

    @Override
    public String toString() {
        return "CallerCall[" + state + ", rtp out " + rtpSent + " in " + received.count() + ']';
    }

    // ---- caller loop only ----

    RtpReceiveHandler.Sink rtpSink() {
        return sink;
    }

    void inviting(SipRequest request, SessionDescription sdpOffer, Channel channel) {
        invite = request;
        offer = sdpOffer;
        localOrigin = sdpOffer.origin();
        rtpChannel = channel;
    }

    /** The {@code o=} line of the caller's next offer or answer: one version up each time (RFC 3264 §8). */
    Origin nextOrigin() {
        localOrigin = localOrigin.withVersionIncremented();
        return localOrigin;
    }

    void offered(SessionDescription sdpOffer) {
        offer = sdpOffer;
    }

    void infoReceived(ContextParseResult result) {
        infosReceived.add(result);
    }

    void transaction(ClientTransaction transaction) {
        inviteTransaction = transaction;
    }

    SessionDescription offer() {
        return offer;
    }

    Channel rtpChannel() {
        return rtpChannel;
    }

    Dialog dialog() {
        return dialog;
    }

    SipRequest ack() {
        return ack;
    }

    MediaPlan plan() {
        return plan;
    }

    RtpStreamWriter writer() {
        return writer;
    }

    boolean mediaStopped() {
        return mediaStopped;
    }

    ChannelFutureListener sendResult() {
        return sendResult;
    }

    void provisional(SipResponse response) {
        provisionalStatuses.add(response.statusCode());
        if (response.statusCode() > 100 && state == State.CALLING) {
            state = State.RINGING;
        }
    }

    void confirmed(SipResponse ok, Dialog newDialog, SipRequest sentAck, MediaPlan newPlan, AgentVoice voice) {
        finalResponse = ok;
        dialog = newDialog;
        ack = sentAck;
        plan = newPlan;
        writer = new RtpStreamWriter(voice, newPlan.codec(), newPlan.payloadType());
        state = State.CONFIRMED;
        answerStatus.complete(ok.statusCode());
    }

    /** A re-INVITE changed where or how media goes. */
    void replan(MediaPlan newPlan) {
        plan = newPlan;
    }

    void failed(SipResponse response, int status) {
        finalResponse = response;
        state = State.FAILED;
        closeChannel();
        answerStatus.complete(status);
        ended.complete(this);
    }

    void sent(long nowNs) {
        if (firstRtpSentNs == -1) {
            firstRtpSentNs = nowNs;
        }
        rtpSent++;
    }

    void byeReceived(SipRequest bye) {
        byeReceived = bye;
    }

    void end() {
        if (state == State.ENDED || state == State.FAILED) {
            return;
        }
        state = State.ENDED;
        if (dialog != null) {
            dialog.terminate();
        }
        closeChannel();
        ended.complete(this);
    }

    private void closeChannel() {
        Channel channel = rtpChannel;
        if (channel != null) {
            channel.close();
        }
    }

    private void sendFailed(Throwable cause) {
        if (cause instanceof PortUnreachableException) {
            portUnreachable();
        } else {
            sendFailures++;
        }
    }

    private void portUnreachable() {
        if (firstPortUnreachableNs == -1) {
            firstPortUnreachableNs = caller.clock().nanoTime();
        }
        portUnreachable++;
    }

    /** What the call's RTP port hears; runs on the owner's loop. */
    private final class Sink implements RtpReceiveHandler.Sink {
        @Override
        public void onRtp(RtpHeader rtp) {
            byte[] payload = ByteBufUtil.getBytes(rtp.buffer(), rtp.payloadIndex(), rtp.payloadLength());
            received.add(new ReceivedRtp(caller.clock().nanoTime(), rtp.ssrc(), rtp.sequenceNumber(), rtp.timestamp(),
                    rtp.marker(), rtp.payloadType(), payload));
        }

        @Override
        public void onOther() {
            otherDatagrams++;
        }

        @Override
        public void onPortUnreachable() {
            portUnreachable();
        }
    }
}
