package io.holdfast.relay.call;

import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.time.ManualNanoClock;
import io.holdfast.relay.time.NanoClock;
import io.holdfast.rtp.relay.MediaSessionSpec;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.message.Via;
import io.holdfast.sip.transport.Transport;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link CallContext} that only records: what was sent (with a Via, as a transaction would add), the ACKs,
 * the media spec asked for, the timers, the events and the counters. Tests answer requests through the
 * recorded listeners and fire timers by hand. Confined to the test's thread.
 */
final class FakeCallContext implements CallContext {
    /** A request the call sent, its hop and listener. */
    record Sent(FakeOutbound outbound, Hop hop, ResponseListener listener) {
        SipRequest request() {
            return outbound.request();
        }
    }

    final ManualNanoClock clock = new ManualNanoClock();
    final List<Sent> sent = new ArrayList<>();
    final List<SipRequest> acks = new ArrayList<>();
    final List<Hop> ackHops = new ArrayList<>();
    final List<MediaSessionSpec> mediaSpecs = new ArrayList<>();
    final Map<CallTimer, Long> timers = new EnumMap<>(CallTimer.class);
    final List<RouteChangeEvent> events = new ArrayList<>();
    final CallCounters counters = new CallCounters();
    final List<String> upstreamCallIds = new ArrayList<>();
    int terminations;
    private int branches;

    @Override
    public NanoClock clock() {
        return clock;
    }

    @Override
    public int loopIndex() {
        return 0;
    }

    @Override
    public OutboundRequest send(SipRequest request, Hop hop, ResponseListener listener) {
        SipRequest withVia = request.toBuilder()
                .addVia(new Via("UDP", "127.0.0.1", 5060, SipParameters.EMPTY.with("branch",
                        Via.MAGIC_COOKIE + "-fake-" + (++branches))))
                .build();
        FakeOutbound outbound = new FakeOutbound(withVia);
        sent.add(new Sent(outbound, hop, listener));
        return outbound;
    }

    @Override
    public SipRequest sendAck(SipRequest ack, Hop hop) {
        acks.add(ack);
        ackHops.add(hop);
        return ack;
    }

    @Override
    public String newUpstreamCallId() {
        String callId = "upstream-" + (upstreamCallIds.size() + 1) + "@127.0.0.1";
        upstreamCallIds.add(callId);
        return callId;
    }

    @Override
    public void openMedia(MediaSessionSpec spec) {
        mediaSpecs.add(spec);
    }

    @Override
    public SipUri localUri(Transport transport) {
        SipParameters parameters = transport == Transport.UDP ? SipParameters.EMPTY
                : SipParameters.EMPTY.with("transport", transport.uriParameter());
        return new SipUri(SipUri.Scheme.SIP, null, null, "127.0.0.1", 5060, parameters, null);
    }

    @Override
    public void schedule(CallTimer timer, long delayMs) {
        timers.put(timer, clock.nanoTime() + delayMs * 1_000_000L);
    }

    @Override
    public void cancel(CallTimer timer) {
        timers.remove(timer);
    }

    @Override
    public void publish(RouteChangeEvent event) {
        events.add(event);
    }

    @Override
    public void count(CallCounter counter) {
        counters.increment(counter);
    }

    @Override
    public void terminated() {
        terminations++;
        timers.clear();
    }

    /** Advances the clock by {@code ms} and fires the timers that are due, in order. */
    void advanceMs(Call call, long ms) {
        clock.advanceMs(ms);
        for (CallTimer timer : CallTimer.values()) {
            Long deadline = timers.get(timer);
            if (deadline != null && deadline - clock.nanoTime() <= 0) {
                timers.remove(timer);
                call.onTimer(timer);
            }
        }
    }

    /** The requests sent of a method, in order. */
    List<Sent> sent(SipMethod method) {
        List<Sent> matching = new ArrayList<>();
        for (Sent s : sent) {
            if (s.request().method() == method) {
                matching.add(s);
            }
        }
        return matching;
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    /** An outbound request that remembers whether it was cancelled. */
    static final class FakeOutbound implements OutboundRequest {
        private final SipRequest request;
        int cancels;

        FakeOutbound(SipRequest request) {
            this.request = request;
        }

        @Override
        public SipRequest request() {
            return request;
        }

        @Override
        public void cancel() {
            cancels++;
        }
    }
}
