package io.holdfast.relay.call;

import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.time.NanoClock;
import io.holdfast.rtp.relay.MediaSessionSpec;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transport.Transport;

/**
 * Everything a {@link Call} does to the world, and nothing else: send SIP, open media, schedule its
 * timers, report. Implemented on the SIP stack and the media loop of the call's event loop, and by a fake in
 * unit tests (fake clock, no sockets). Results come back as events on the call ({@link Call#onMediaOpened},
 * {@link Call#onTimer}, the {@link ResponseListener}s), always on the call's loop and never from inside the
 * method that caused them. Confined to the call's event loop.
 */
interface CallContext {
    NanoClock clock();

    /** The index of the event loop that owns the call, from 0. */
    int loopIndex();

    /** Sends a request (not ACK, not CANCEL) in a new client transaction. */
    OutboundRequest send(SipRequest request, Hop hop, ResponseListener listener);

    /**
     * Sends the ACK for a 2xx outside any transaction (RFC 3261 §13.2.2.4).
     *
     * @return the ACK as sent, to send again unchanged for each retransmission of the 2xx
     */
    SipRequest sendAck(SipRequest ack, Hop hop);

    /** A new Call-ID for an upstream leg, owned by the call's loop and routed to this call from now on. */
    String newUpstreamCallId();

    /** Opens the anchored media session; the outcome comes back as {@link Call#onMediaOpened} or {@link Call#onMediaFailed}. */
    void openMedia(MediaSessionSpec spec);

    /** holdfast's URI for Contact on a transport. */
    SipUri localUri(Transport transport);

    /** Starts (or restarts) a timer; {@link Call#onTimer} runs when it fires. */
    void schedule(CallTimer timer, long delayMs);

    /** Stops a timer if it runs. */
    void cancel(CallTimer timer);

    /** Hands a route-change event to the event log (never blocks). */
    void publish(RouteChangeEvent event);

    void count(CallCounter counter);

    /** The call ended: forget its Call-IDs and media session, stop its timers. */
    void terminated();
}
