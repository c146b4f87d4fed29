package io.holdfast.sip.transport;

import io.holdfast.sip.codec.SipCounter;
import io.holdfast.sip.codec.SipCounters;
import io.holdfast.sip.dialog.DialogId;
import io.holdfast.sip.edge.EdgeMessageCheck;
import io.holdfast.sip.edge.EdgeVerdict;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.Via;
import io.holdfast.sip.parse.BadRequestContext;
import io.holdfast.sip.parse.SipLimits;
import io.holdfast.sip.parse.SipParseException;
import io.holdfast.sip.parse.SipParser;
import io.holdfast.sip.transaction.RequestHandler;
import io.holdfast.sip.transaction.SipFlow;
import io.holdfast.sip.transaction.TransactionLayer;
import io.holdfast.sip.transaction.TransactionTimers;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one event loop owns in the stack: its {@link TransactionLayer}, its counters, and the inbound
 * path from decoded messages to the layer (RFC 3261 §18.1.2, §18.2.1): Via stamping, response flows,
 * 400 for malformed requests, and the hand-over ({@code eventLoop.execute}) of requests to the loop that
 * owns their Call-ID and of responses to the loop that owns their transaction. Confined to its loop, except
 * counter reads and {@link #errors}.
 */
final class SipLoop {
    /** A stateless refusal has no transaction to tell; the flow has counted the failure. */
    private static final SipFlow.FailureListener COUNTED_BY_FLOW = cause -> { };

    private final int index;
    private final NettyOwnerLoop owner;
    private final TransactionLayer layer;
    private final TransportCounters counters = new TransportCounters();
    private final SipCounters codecCounters = new SipCounters();
    private final SipParser parser;
    private final DistinctErrorLog errors;
    private final SipStack stack;

    SipLoop(int index, EventLoop eventLoop, TransactionTimers timers, SipLimits limits, RequestHandler handler,
            DistinctErrorLog errors, SipStack stack) {
        this.index = index;
        this.parser = new SipParser(limits);
        this.owner = new NettyOwnerLoop(eventLoop, errors);
        this.layer = new TransactionLayer(index, owner, timers, handler);
        this.errors = errors;
        this.stack = stack;
    }

    int index() {
        return index;
    }

    EventLoop eventLoop() {
        return owner.eventLoop();
    }

    NettyOwnerLoop owner() {
        return owner;
    }

    TransactionLayer layer() {
        return layer;
    }

    TransportCounters counters() {
        return counters;
    }

    DistinctErrorLog errors() {
        return errors;
    }

    /** This loop's codec counters (decoded, malformed, 400 sent...). */
    SipCounters codecCounters() {
        return codecCounters;
    }

    /** This loop's parser, shared by the decoders of the channels registered on this loop. */
    SipParser parser() {
        return parser;
    }

    /**
     * A message decoded on this loop from {@code source}; {@code connection} is the TCP connection it came on,
     * or {@code null} for UDP.
     */
    void receive(SipMessage message, InetSocketAddress source, Channel connection) {
        if (EdgeMessageCheck.checkBody(message) instanceof EdgeVerdict.Rejected rejected) {
            refuseBody(message, rejected, source, connection);
            return;
        }
        if (message instanceof SipRequest request) {
            receiveRequest(request, source, connection);
        } else {
            receiveResponse((SipResponse) message);
        }
    }

    private void receiveRequest(SipRequest request, InetSocketAddress source, Channel connection) {
        Via top = request.topVia();
        if (top == null) {
            counters.increment(TransportCounter.REQUESTS_DROPPED);
            return;
        }
        Via stamped = ResponseRoute.stamp(top, source);
        SipRequest received = stamped.equals(top)
                ? request
                : request.toBuilder().vias(withTop(request.vias(), stamped)).build();
        SipFlow flow = responseFlow(stamped, source, connection);
        int ownerIndex = stack.loopOfCallId(request.callId());
        if (ownerIndex == index) {
            layer.onRequest(received, flow);
        } else {
            counters.increment(TransportCounter.REQUESTS_HANDED_TO_OWNER_LOOP);
            SipLoop ownerLoop = stack.loop(ownerIndex);
            ownerLoop.owner().execute(() -> ownerLoop.layer().onRequest(received, flow));
        }
    }

    private SipFlow responseFlow(Via stamped, InetSocketAddress source, Channel connection) {
        if (connection != null) {
            return stack.tcp().inboundFlow(connection, ResponseRoute.reliableFallbackTarget(stamped, source), this);
        }
        return stack.udp().flowTo(ResponseRoute.unreliableTarget(stamped, source), index);
    }

    /** §18.1.2: to the loop whose id is in the branch; stray branches are dropped and counted. */
    private void receiveResponse(SipResponse response) {
        Via top = response.topVia();
        int ownerIndex = TransactionLayer.ownerLoopOf(top == null ? null : top.branch());
        if (ownerIndex == index) {
            layer.onResponse(response);
        } else if (ownerIndex >= 0 && ownerIndex < stack.loopCount()) {
            counters.increment(TransportCounter.RESPONSES_HANDED_TO_OWNER_LOOP);
            SipLoop ownerLoop = stack.loop(ownerIndex);
            ownerLoop.owner().execute(() -> ownerLoop.layer().onResponse(response));
        } else {
            counters.increment(TransportCounter.RESPONSES_WITHOUT_OWNER_DROPPED);
        }
    }

    /**
     * A message that did not parse (already counted by the decoder): a request whose start line and top Via
     * were readable is refused statelessly (400, or 416/505/513 as the parser says; never an ACK,
     * §17.1.1.3), anything else is dropped.
     */
    void refuse(SipParseException failure, InetSocketAddress source, Channel connection) {
        BadRequestContext context = failure.badRequestContext();
        if (context == null) {
            return;
        }
        if (SipMethod.ACK.token().equals(context.methodToken())) {
            counters.increment(TransportCounter.REQUESTS_DROPPED);
            return;
        }
        Via stamped = ResponseRoute.stamp(context.topVia(), source);
        SipResponse refusal = context.toResponse(DialogId.newTag());
        if (!context.vias().isEmpty()) {
            refusal = refusal.toBuilder().vias(withTop(context.vias(), stamped)).build();
        }
        codecCounters.increment(SipCounter.SIP_BAD_REQUEST_SENT);
        responseFlow(stamped, source, connection).send(refusal, COUNTED_BY_FLOW);
    }

    /**
     * A message whose grammar is fine but whose session description is not (bad SDP: 400; a body that is
     * not SDP: 415): the request is refused statelessly; a response or an ACK is dropped and counted.
     */
    private void refuseBody(SipMessage message, EdgeVerdict.Rejected rejected, InetSocketAddress source,
                            Channel connection) {
        codecCounters.increment(SipCounter.SIP_DROPPED_BAD_BODY);
        Via top = message.topVia();
        if (!rejected.canRespond() || top == null) {
            return;
        }
        Via stamped = ResponseRoute.stamp(top, source);
        SipResponse refusal = rejected.response();
        refusal = refusal.toBuilder()
                .vias(withTop(refusal.vias(), stamped))
                .to(refusal.to().tag() == null ? refusal.to().withTag(DialogId.newTag()) : refusal.to())
                .build();
        codecCounters.increment(SipCounter.SIP_BAD_REQUEST_SENT);
        responseFlow(stamped, source, connection).send(refusal, COUNTED_BY_FLOW);
    }

    private static List<Via> withTop(List<Via> vias, Via top) {
        List<Via> copy = new ArrayList<>(vias);
        copy.set(0, top);
        return copy;
    }

    /** The stack loop {@code channel} is registered on (this one for a channel of another group). */
    SipLoop loopOf(Channel channel) {
        SipLoop channelLoop = stack.loopOf(channel.eventLoop());
        return channelLoop == null ? this : channelLoop;
    }

    /** Records a failure of a channel of this loop (count and distinct log). Channel loop only. */
    void channelError(String where, Throwable cause) {
        counters.increment(TransportCounter.CHANNEL_ERRORS);
        errors.onError(where, cause);
    }
}
