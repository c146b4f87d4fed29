package io.holdfast.relay.call;

import io.holdfast.relay.events.CauseTag;
import io.holdfast.rtp.prompt.PromptTicker;
import io.holdfast.rtp.relay.MediaFault;
import io.holdfast.rtp.relay.MediaFaultListener;
import io.holdfast.rtp.relay.MediaLoop;
import io.holdfast.rtp.relay.MediaSession;
import io.holdfast.rtp.relay.MediaSide;
import io.holdfast.sip.transport.SipStack;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of one event loop: every Call-ID of every leg mapped to its call, every media session id mapped
 * to its call (media faults come back by session), this loop's counters, and the making of new calls. The
 * SIP stack hands requests for a Call-ID to the loop that owns it, the media loop reports on the same loop,
 * so a call is only ever touched here. Confined to its event loop, but counter and live-call reads.
 */
final class CallLoop implements MediaFaultListener {
    private final int index;
    private final SipStack stack;
    private final CallServices services;
    private final Map<String, Call> byCallId = new HashMap<>();
    private final Long2ObjectHashMap<Call> bySession = new Long2ObjectHashMap<>();
    private final CallCounters counters = new CallCounters();
    private MediaLoop media;
    private PromptTicker prompts;
    private long nextSessionId = 1;

    CallLoop(int index, SipStack stack, CallServices services) {
        this.index = index;
        this.stack = stack;
        this.services = services;
    }

    /** Set once, before the stack delivers the first request, with the loop's 20 ms prompt tick. */
    void media(MediaLoop mediaLoop, PromptTicker promptTicker) {
        this.media = mediaLoop;
        this.prompts = promptTicker;
    }

    /** The loop's prompt tick: every call on hold on this loop gets its next frame from it. */
    PromptTicker prompts() {
        return prompts;
    }

    MediaLoop media() {
        return media;
    }

    int index() {
        return index;
    }

    SipStack stack() {
        return stack;
    }

    CallServices services() {
        return services;
    }

    CallCounters counters() {
        return counters;
    }

    /** A caller's INVITE becomes a call owned by this loop. */
    void startCall(InboundRequest invite) {
        StackCallContext context = new StackCallContext(this);
        Call call = new Call(context, services.settings(), services.routes(), services.failover(),
                services.contexts(), services.interceptor(), services.hasher().hash(invite.request().callId()), invite);
        services.drain().callStarted();
        context.attach(call, invite.request().callId());
        call.start();
    }

    Call call(String callId) {
        return byCallId.get(callId);
    }

    void register(String callId, Call call) {
        byCallId.put(callId, call);
    }

    void unregister(String callId) {
        byCallId.remove(callId);
    }

    long newSessionId(Call call) {
        long id = nextSessionId++;
        bySession.put(id, call);
        return id;
    }

    void forgetSession(long sessionId) {
        bySession.remove(sessionId);
    }

    /** Ends every call of this loop (drain timeout): not yet answered ones get 503, answered ones BYE. */
    void endAll(CauseTag cause) {
        Map<Call, Boolean> distinct = new IdentityHashMap<>();
        for (Call call : byCallId.values()) {
            distinct.put(call, Boolean.TRUE);
        }
        List<Call> calls = new ArrayList<>(distinct.keySet());
        for (Call call : calls) {
            if (call.state() != CallState.TERMINATED) {
                call.end(cause);
            }
        }
    }

    @Override
    public void onMediaFault(MediaSession session, MediaSide side, MediaFault fault, long nowNs) {
        Call call = bySession.get(session.id());
        if (call != null) {
            call.onMediaFault(side, fault);
        }
    }
}
