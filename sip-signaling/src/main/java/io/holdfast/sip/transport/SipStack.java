package io.holdfast.sip.transport;

import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transaction.ClientTransaction;
import io.holdfast.sip.transaction.ClientTransactionListener;
import io.holdfast.sip.transaction.RequestHandler;
import io.holdfast.sip.transaction.SipFlow;
import io.holdfast.sip.transaction.TransactionCounter;
import io.netty.channel.EventLoop;

import java.net.InetSocketAddress;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SIP stack a transaction user talks to: UDP and TCP transports bound on every event loop, one
 * {@link io.holdfast.sip.transaction.TransactionLayer} per loop, and the calls to send requests.
 *
 * <p>Threading: every transaction is owned by one event loop. A server transaction belongs to the loop that
 * received its request (its {@link RequestHandler} runs there); a client transaction to the loop it was
 * started on: the caller's loop when {@link #sendRequest} is called from one of the stack's loops (so a call
 * keeps all its legs on one loop), else the next loop in turn. Work for another loop is handed over with
 * {@code eventLoop.execute} (Netty's MPSC task queue): responses that arrive on a socket of another loop go to
 * the owner named in their branch; {@link io.holdfast.sip.transaction.ServerTransaction#respond} and {@link ClientTransaction#cancel}
 * called from elsewhere hop to the owner. All public methods are thread-safe.
 */
public final class SipStack implements AutoCloseable {
    private final SipConfig config;
    private final SipEventLoops loops;
    private final DistinctErrorLog errors = new DistinctErrorLog();
    private final SipLoop[] sipLoops;
    private final Map<EventLoop, SipLoop> byEventLoop = new IdentityHashMap<>();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private UdpSipTransport udp;
    private TcpSipTransport tcp;

    private SipStack(SipConfig config, RequestHandler handler) {
        this.config = config;
        this.loops = SipEventLoops.create(config.eventLoops(), config.ioMode());
        this.sipLoops = new SipLoop[loops.size()];
        for (int i = 0; i < sipLoops.length; i++) {
            sipLoops[i] = new SipLoop(i, loops.loop(i), config.timers(), handler, errors, this);
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
     * Sends a request in a new client transaction to {@code destination} over {@code transport} (§8.1.2 and
     * §18.1.1; no DNS: the caller resolved the next hop). The stack adds the Via (new branch) and Max-Forwards.
     * Any thread.
     *
     * @return the handle, which also cancels an INVITE; the listener runs on the transaction's owner loop
     */
    public ClientTransaction sendRequest(SipRequest request, InetSocketAddress destination, Transport transport,
                                         ClientTransactionListener listener) {
        SipLoop owner = pickLoop();
        return owner.layer().sendRequest(request, binding(transport).flowTo(destination, owner.index()), listener);
    }

    /**
     * Sends the ACK for a 2xx (§13.2.2.4) outside any transaction; a Via with a new branch is added unless the
     * ACK already has one. Any thread.
     *
     * @return the ACK as sent, to send again unchanged for each retransmission of the 2xx
     */
    public SipRequest sendAck(SipRequest ack, InetSocketAddress destination, Transport transport) {
        SipLoop owner = pickLoop();
        return owner.layer().sendAck(ack, binding(transport).flowTo(destination, owner.index()));
    }

    /** A flow to a peer, for a TU that sends through {@link io.holdfast.sip.transaction.TransactionLayer} itself. */
    public SipFlow flowTo(InetSocketAddress destination, Transport transport) {
        return binding(transport).flowTo(destination, pickLoop().index());
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

    private SipLoop pickLoop() {
        int current = loops.currentIndex();
        if (current >= 0) {
            return sipLoops[current];
        }
        return sipLoops[Math.floorMod(nextLoop.getAndIncrement(), sipLoops.length)];
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
