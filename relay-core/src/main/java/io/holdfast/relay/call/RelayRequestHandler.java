package io.holdfast.relay.call;

import io.holdfast.rtp.relay.MediaSide;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.transaction.RequestHandler;
import io.holdfast.sip.transaction.ServerTransaction;
import io.holdfast.sip.transaction.ServerTransactionFailure;
import io.holdfast.sip.transaction.SipFlow;
import io.holdfast.sip.transport.SipStack;

/**
 * The B2BUA's transaction user: dispatches every request the SIP stack receives to the call that owns its
 * Call-ID, on that call's loop (the stack delivers each request on the loop {@link SipStack#loopOfCallId}
 * names). A request in a dialog goes to its call (481 when there is none); a new INVITE becomes a call
 * (482 when its Call-ID is taken, 503 with Retry-After while draining); OPTIONS to holdfast is answered 200
 * with Allow and Accept (503 while draining, so that the carrier's probes move traffic away); any other
 * request outside a dialog gets 481, or 405 with Allow for methods holdfast never takes. Thread-safe: each
 * call arrives on its own loop.
 */
final class RelayRequestHandler implements RequestHandler {
    /** Seconds a refused caller is asked to wait before trying holdfast again while it drains. */
    static final int DRAIN_RETRY_AFTER_SECONDS = 30;

    private final DrainState drain;
    private volatile CallLoop[] loops;
    private volatile SipStack stack;

    RelayRequestHandler(DrainState drain) {
        this.drain = drain;
    }

    /** Binds the handler to the started stack and its loops; requests before that are refused 503. */
    void attach(SipStack sipStack, CallLoop[] callLoops) {
        this.stack = sipStack;
        this.loops = callLoops.clone();
    }

    @Override
    public void onRequest(ServerTransaction transaction) {
        InboundRequest in = new ServerTransactionRequest(transaction);
        SipRequest request = transaction.request();
        CallLoop loop = loopOf(request.callId());
        if (loop == null) {
            in.respond(retryLater(in));
            return;
        }
        Call call = loop.call(request.callId());
        if (request.to().tag() != null) {
            if (call == null) {
                loop.counters().increment(CallCounter.REQUESTS_WITHOUT_CALL);
                in.respond(in.response(481, "Call/Transaction Does Not Exist").build());
            } else {
                call.onInDialogRequest(call.sideOf(request.callId()), in);
            }
            return;
        }
        switch (request.method()) {
            case INVITE -> newInvite(loop, call, in);
            case OPTIONS -> {
                loop.counters().increment(CallCounter.OPTIONS_ANSWERED);
                in.respond(drain.draining() ? retryLater(in) : in.response(200, "OK").allow(UpstreamAttempt.ALLOWED)
                        .addHeader("Accept", "application/sdp").build());
            }
            case REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, MESSAGE, REFER, EXTENSION ->
                    in.respond(in.response(405, "Method Not Allowed").allow(UpstreamAttempt.ALLOWED).build());
            default -> {
                loop.counters().increment(CallCounter.REQUESTS_WITHOUT_CALL);
                in.respond(in.response(481, "Call/Transaction Does Not Exist").build());
            }
        }
    }

    private void newInvite(CallLoop loop, Call existing, InboundRequest in) {
        if (existing != null) {
            in.respond(in.response(482, "Loop Detected").build());
        } else if (drain.draining()) {
            loop.counters().increment(CallCounter.INVITES_REFUSED_DRAINING);
            in.respond(retryLater(in));
        } else {
            loop.startCall(in);
        }
    }

    private static SipResponse retryLater(InboundRequest in) {
        return in.response(503, "Service Unavailable")
                .addHeader("Retry-After", Integer.toString(DRAIN_RETRY_AFTER_SECONDS)).build();
    }

    @Override
    public void onAck(SipRequest ack, SipFlow flow) {
        CallLoop loop = loopOf(ack.callId());
        Call call = loop == null ? null : loop.call(ack.callId());
        if (call == null) {
            return;
        }
        if (call.sideOf(ack.callId()) == MediaSide.CALLER) {
            call.onCallerAck(ack);
        } else {
            call.onUpstreamAck(ack);
        }
    }

    @Override
    public void onCancel(ServerTransaction invite, SipRequest cancel) {
        SipRequest request = invite.request();
        CallLoop loop = loopOf(request.callId());
        Call call = loop == null ? null : loop.call(request.callId());
        if (call == null) {
            return;
        }
        if (call.isInitialInvite(request)) {
            call.onCallerCancel();
        } else {
            call.onReinviteCancel(request);
        }
    }

    @Override
    public void onServerTransactionFailed(ServerTransaction transaction, ServerTransactionFailure failure) {
        SipRequest request = transaction.request();
        if (failure != ServerTransactionFailure.ACK_FOR_2XX_TIMEOUT || request.method() != SipMethod.INVITE) {
            return;
        }
        CallLoop loop = loopOf(request.callId());
        Call call = loop == null ? null : loop.call(request.callId());
        if (call != null) {
            call.onAckTimeout(call.sideOf(request.callId()));
        }
    }

    private CallLoop loopOf(String callId) {
        CallLoop[] all = loops;
        SipStack sipStack = stack;
        return all == null ? null : all[sipStack.loopOfCallId(callId)];
    }
}
