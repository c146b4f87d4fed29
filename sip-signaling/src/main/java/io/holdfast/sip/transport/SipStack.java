package io.holdfast.sip.transport;

import io.holdfast.sip.codec.SipCounter;
import io.holdfast.sip.dialog.DialogId;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transaction.ClientTransaction;
import io.holdfast.sip.transaction.ClientTransactionListener;
import io.holdfast.sip.transaction.RequestHandler;
import io.holdfast.sip.transaction.TransactionCounter;
import io.netty.channel.EventLoop;

import java.net.InetSocketAddress;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The SIP stack a transaction user talks to: UDP and TCP transports bound on every event loop, one
 * {@link io.holdfast.sip.transaction.TransactionLayer} per loop, and the calls to send requests.
 *
 * <p>Threading: every call is owned by one event loop, chosen by its Call-ID ({@link #loopOfCallId}), and
 * everything of the call runs there: its server transactions and the {@link RequestHandler} calls for them,
 * its client transactions and their listeners. A request that arrives on a socket of another loop (the
 * kernel spreads UDP over the SO_REUSEPORT sockets by peer address, TCP connections are spread by accept)
 * is handed to the owner with {@code eventLoop.execute} (Netty's MPSC task queue), so a carrier that sends
 * every call from one address still spreads its calls over every core; a response goes to the loop named
 * in its branch. A B2BUA keeps both legs of a call on one loop by creating the second leg's Call-ID with
 * {@link #newCallIdOnLoop}. {@link io.holdfast.sip.transaction.ServerTransaction#respond} and
 * {@link ClientTransaction#cancel} called from another thread hop to the owner. All public methods are
 * thread-safe.
 */
public final class SipStack implements AutoCloseable {
    /** Random Call-IDs drawn at most to find one of a loop: (1 - 1/loops)^10000 is never reached. */
    private static final int MAX_CALL_ID_ATTEMPTS = 10_000;

    private final SipConfig config;
    private final SipEventLoops loops;
    private final DistinctErrorLog errors = new DistinctErrorLog();
    private final SipLoop[] sipLoops;
    private final Map<EventLoop, SipLoop> byEventLoop = new IdentityHashMap<>();
    private UdpSipTransport udp;
    private TcpSipTransport tcp;

    private SipStack(SipConfig config, RequestHandler handler) {
        this.config = config;
        this.loops = SipEventLoops.create(config.eventLoops(), config.ioMode());
        this.sipLoops = new SipLoop[loops.size()];
        for (int i = 0; i < sipLoops.length; i++) {
            sipLoops[i] = new SipLoop(i, loops.loop(i), config.timers(), config.limits(), handler, errors, this);
            byEventLoop.put(loops.loop(i), sipLoops[i]);
        }
    }

    /**
     * Creates the event loops and binds the configured transports.
     *
     * @throws IllegalStateException when a socket cannot be bound (the message names the address)
     */
    public static SipStack start(SipConfig config, RequestHandler handler) throws InterruptedException {
        SipStack stack = new SipStack(config, handler);
        boolean bound = false;
        try {
            if (config.udpListen() != null) {
                stack.udp = UdpSipTransport.bind(stack, stack.loops, config.udpListen(), config.advertisedHost());
            }
            if (config.tcpListen() != null) {
                stack.tcp = TcpSipTransport.bind(stack, stack.loops, config.tcpListen(), config.advertisedHost(),
                        config.tcpConnectTimeout());
            }
            bound = true;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind SIP transports " + config.udpListen() + " / "
                    + config.tcpListen() + ": " + e.getMessage(), e);
        } finally {
            if (!bound) {
                stack.close();
            }
        }
        return stack;
    }

    /** The bound address of a transport (the real port when configured with port 0). */
    public InetSocketAddress localAddress(Transport transport) {
        return binding(transport).localAddress();
    }

    /** A SIP URI of this stack for a transport, for Contact and Record-Route: {@code sip:host:port;transport=tcp}. */
    public SipUri localUri(Transport transport) {
        SipParameters parameters = transport == Transport.UDP
                ? SipParameters.EMPTY
                : SipParameters.EMPTY.with("transport", transport.uriParameter());
        return new SipUri(SipUri.Scheme.SIP, null, null, config.advertisedHost(), localAddress(transport).getPort(),
                parameters, null);
    }

    /** True when the loops run on native epoll (UDP then has one SO_REUSEPORT socket per loop). */
    public boolean isEpoll() {
        return loops.epoll();
    }

    public int loopCount() {
        return sipLoops.length;
    }

    /**
     * The Netty event loop of loop {@code loopIndex} (see {@link #loopOfCallId}): a transaction user runs the
     * rest of a call there (its media channels, its timers) so that the call has one thread. The group is built
     * with the epoll I/O handler when {@link #isEpoll}, else NIO, so channels of the same transport register on it.
     */
    public EventLoop eventLoop(int loopIndex) {
        if (loopIndex < 0 || loopIndex >= sipLoops.length) {
            throw new IllegalArgumentException("no loop " + loopIndex + " (have " + sipLoops.length + ')');
        }
        return sipLoops[loopIndex].eventLoop();
    }

    /**
     * Sends a request in a new client transaction to {@code destination} over {@code transport} (§8.1.2 and
     * §18.1.1; no DNS: the caller resolved the next hop). The stack adds the Via (new branch) and Max-Forwards.
     * Any thread.
     *
     * @return the handle, which also cancels an INVITE; the listener runs on the transaction's owner loop
     */
    public ClientTransaction sendRequest(SipRequest request, InetSocketAddress destination, Transport transport,
                                         ClientTransactionListener listener) {
        SipLoop owner = sipLoops[loopOfCallId(request.callId())];
        return owner.layer().sendRequest(request, binding(transport).flowTo(destination, owner.index()), listener);
    }

    /**
     * Sends the ACK for a 2xx (§13.2.2.4) outside any transaction; a Via with a new branch is added unless the
     * ACK already has one. Any thread.
     *
     * @return the ACK as sent, to send again unchanged for each retransmission of the 2xx
     */
    public SipRequest sendAck(SipRequest ack, InetSocketAddress destination, Transport transport) {
        SipLoop owner = sipLoops[loopOfCallId(ack.callId())];
        return owner.layer().sendAck(ack, binding(transport).flowTo(destination, owner.index()));
    }

    /** The loop that owns every transaction of the call with this Call-ID. */
    public int loopOfCallId(String callId) {
        return Math.floorMod(callId.hashCode(), sipLoops.length);
    }

    /**
     * A new random Call-ID (§8.1.1.4) owned by loop {@code loopIndex}: for the second leg of a call, pass the
     * first leg's {@link #loopOfCallId} so that both legs live on one loop.
     */
    public String newCallIdOnLoop(int loopIndex) {
        if (loopIndex < 0 || loopIndex >= sipLoops.length) {
            throw new IllegalArgumentException("no loop " + loopIndex + " (have " + sipLoops.length + ')');
        }
        for (int attempt = 0; attempt < MAX_CALL_ID_ATTEMPTS; attempt++) {
            String callId = DialogId.newCallId(config.advertisedHost());
            if (loopOfCallId(callId) == loopIndex) {
                return callId;
            }
        }
        throw new IllegalStateException("no Call-ID for loop " + loopIndex + " in " + MAX_CALL_ID_ATTEMPTS + " draws");
    }

    /** A transaction counter summed over every loop. Any thread. */
    public long counter(TransactionCounter counter) {
        long sum = 0;
        for (SipLoop loop : sipLoops) {
            sum += loop.layer().counters().get(counter);
        }
        return sum;
    }

    /** A transport counter summed over every loop. Any thread. */
    public long counter(TransportCounter counter) {
        long sum = 0;
        for (SipLoop loop : sipLoops) {
            sum += loop.counters().get(counter);
        }
        return sum;
    }

    /** A codec counter (decoded, malformed, 400 sent, keep-alives...) summed over every loop. Any thread. */
    public long counter(SipCounter counter) {
        long sum = 0;
        for (SipLoop loop : sipLoops) {
            sum += loop.codecCounters().get(counter);
        }
        return sum;
    }

    /** Errors caught on the loops (bugs): logged once per kind, all counted. */
    public long errorCount() {
        return errors.total();
    }

    /** Closes every socket and stops the loops; waits at most a few seconds. */
    @Override
    public void close() {
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            tcp.close();
        }
        loops.shutdownGracefully().awaitUninterruptibly(SipTransport.CLOSE_WAIT_MS * 2);
    }

    private SipTransport binding(Transport transport) {
        SipTransport binding = switch (transport) {
            case UDP -> udp;
            case TCP -> tcp;
            case TLS -> null;
        };
        if (binding == null) {
            throw new IllegalArgumentException("transport " + transport + " is not enabled in this stack");
        }
        return binding;
    }

    SipLoop loop(int index) {
        return sipLoops[index];
    }

    /** The stack loop for a Netty loop of this stack's group. */
    SipLoop loopOf(EventLoop eventLoop) {
        return byEventLoop.get(eventLoop);
    }

    UdpSipTransport udp() {
        return udp;
    }

    TcpSipTransport tcp() {
        return tcp;
    }
}
