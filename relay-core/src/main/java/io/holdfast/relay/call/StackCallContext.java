package io.holdfast.relay.call;

import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.time.NanoClock;
import io.holdfast.rtp.relay.MediaSession;
import io.holdfast.rtp.relay.MediaSessionSpec;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transport.Transport;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A call's {@link CallContext} on the SIP stack and the media loop of its event loop: requests go out in
 * the stack's client transactions, Call-IDs are drawn on the call's loop and registered in its
 * {@link CallLoop}, the media session opens on the loop's {@link io.holdfast.rtp.relay.MediaLoop}, timers are
 * the loop's scheduled tasks. Confined to the call's event loop.
 */
final class StackCallContext implements CallContext {
    private final CallLoop loop;
    private final EventLoop eventLoop;
    private final List<String> callIds = new ArrayList<>(3);
    private final Map<CallTimer, ScheduledFuture<?>> timers = new EnumMap<>(CallTimer.class);
    private Call call;
    private long sessionId = -1;
    private boolean terminated;

    StackCallContext(CallLoop loop) {
        this.loop = loop;
        this.eventLoop = loop.stack().eventLoop(loop.index());
    }

    /** Binds the context to its call and routes the caller's Call-ID to it. */
    void attach(Call owner, String callerCallId) {
        this.call = owner;
        register(callerCallId);
    }

    @Override
    public NanoClock clock() {
        return loop.services().clock();
    }

    @Override
    public OutboundRequest send(SipRequest request, Hop hop, ResponseListener listener) {
        return ClientTransactionRequest.send(loop.stack(), request, hop, listener);
    }

    @Override
    public SipRequest sendAck(SipRequest ack, Hop hop) {
        return loop.stack().sendAck(ack, hop.address(), hop.transport());
    }

    @Override
    public String newUpstreamCallId() {
        String callId = loop.stack().newCallIdOnLoop(loop.index());
        register(callId);
        return callId;
    }

    @Override
    public void openMedia(MediaSessionSpec spec) {
        sessionId = loop.newSessionId(call);
        loop.media().openSession(sessionId, spec).addListener(
                (Future<MediaSession> opened) -> eventLoop.execute(() -> deliver(opened)));
    }

    private void deliver(Future<MediaSession> opened) {
        if (opened.isSuccess()) {
            call.onMediaOpened(new MediaSessionAnchor(opened.getNow(), loop.media(), loop.prompts()));
        } else {
            call.onMediaFailed(opened.cause());
        }
    }

    @Override
    public SipUri localUri(Transport transport) {
        return loop.stack().localUri(transport);
    }

    @Override
    public void schedule(CallTimer timer, long delayMs) {
        cancel(timer);
        timers.put(timer, eventLoop.schedule(() -> {
            timers.remove(timer);
            call.onTimer(timer);
        }, delayMs, TimeUnit.MILLISECONDS));
    }

    @Override
    public void cancel(CallTimer timer) {
        ScheduledFuture<?> scheduled = timers.remove(timer);
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    @Override
    public void publish(RouteChangeEvent event) {
        loop.services().events().publish(event);
    }

    @Override
    public void count(CallCounter counter) {
        loop.counters().increment(counter);
    }

    @Override
    public void terminated() {
        if (terminated) {
            return;
        }
        terminated = true;
        for (ScheduledFuture<?> scheduled : timers.values()) {
            scheduled.cancel(false);
        }
        timers.clear();
        for (String callId : callIds) {
            loop.unregister(callId);
        }
        if (sessionId >= 0) {
            loop.forgetSession(sessionId);
        }
        loop.services().drain().callEnded();
    }

    private void register(String callId) {
        callIds.add(callId);
        loop.register(callId, call);
    }
}
