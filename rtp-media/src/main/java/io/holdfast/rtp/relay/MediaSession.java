package io.holdfast.rtp.relay;

import io.holdfast.rtp.packet.RtcpPacket;
import io.holdfast.rtp.packet.RtpHeader;
import io.holdfast.rtp.packet.RtpPacketKind;
import io.holdfast.rtp.packet.RtpValidation;
import io.holdfast.rtp.ring.MediaSampleKind;
import io.holdfast.rtp.stats.MediaCounter;
import io.holdfast.rtp.stats.MediaCounters;
import io.holdfast.rtp.stats.StreamStats;
import io.holdfast.rtp.stats.StreamStatsSnapshot;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.Errors;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One anchored call leg: a caller-facing and an upstream-facing UDP port (each with its RTCP port, or one port
 * under rtcp-mux), bound on the call's event loop, relaying RTP and RTCP between them.
 *
 * <p>Per packet ({@link RtpRelayHandler} → {@code onDatagram}): tell RTP from RTCP (RFC 5761 §4), check the source
 * against the side's {@link RemoteLatch} (symmetric RTP; packets are validated before they may teach the latch),
 * run the direction's {@link MediaStream} forward path in place (validate, account, rewrite), and send the same
 * buffer from the opposite side's channel ({@link EndpointSender}). Once a remote is final the channel is connected to it: the kernel then
 * discards every other source before it reaches the process (the strongest RTP Inject defence), forwarded buffers
 * are written without a {@code DatagramPacket} envelope (no allocation), and an ICMP port unreachable from the
 * remote comes back as a {@link PortUnreachableException}, reported at once to the {@link MediaFaultListener}.
 * Until then packets go, in an envelope, to the provisional or signalled address.
 *
 * <p>The caller-facing stream keeps one SSRC and continuous sequence numbers and timestamps whatever feeds it:
 * see {@link #retarget}, {@link #sendToCaller} and {@link StreamRewriter}.
 *
 * <p>Confined to the event loop of its {@link MediaLoop}: every method must be called on that loop.
 */
public final class MediaSession {

    /** Session states. */
    public enum State {
        /** Ports being bound. */
        OPENING,
        /** Relaying. */
        OPEN,
        /** Closed: channels closed, ports released. */
        CLOSED
    }

    private static final Logger LOG = LoggerFactory.getLogger(MediaSession.class);
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final MediaLoop loop;
    private final MediaCounters counters;
    private final long id;
    private final MediaEndpoint caller;
    private final MediaEndpoint upstream;
    private final RtpHeader validationHeader = new RtpHeader();
    private final RtcpPacket validationRtcp = new RtcpPacket();
    private final EndpointSender sender;
    private int upstreamTag;
    private State state = State.OPENING;
    int registryIndex = -1;

    MediaSession(MediaLoop loop, long id, MediaSessionSpec spec, long nowNs) {
        this.loop = loop;
        this.counters = loop.counters();
        this.id = id;
        this.upstreamTag = spec.upstreamTag();
        this.sender = new EndpointSender(counters, loop.pace(), this::onChannelException);
        final MediaConfig config = loop.config();
        this.caller = newEndpoint(MediaSide.CALLER, spec, config, nowNs);
        this.upstream = newEndpoint(MediaSide.UPSTREAM, spec, config, nowNs);
        signal(caller, spec.callerRtp(), spec.callerRtcp(), nowNs);
        signal(upstream, spec.upstreamRtp(), spec.upstreamRtcp(), nowNs);
    }

    /** Returns the session's id (given by the caller of {@link MediaLoop#openSession}). */
    public long id() {
        return id;
    }

    /** Returns the session's state. */
    public State state() {
        return state;
    }

    /** Returns the current upstream's tag. */
    public int upstreamTag() {
        return upstreamTag;
    }

    /**
     * Returns the id under which the stream arriving from {@code side} appears in media samples:
     * {@code id * 2} for the caller's stream, {@code id * 2 + 1} for the upstream's.
     */
    public long streamId(MediaSide side) {
        return id * 2 + side.ordinal();
    }

    /** Returns the local RTP port of a side, or -1 before it is bound. */
    public int localPort(MediaSide side) {
        return portOf(endpoint(side).rtpChannel);
    }

    /** Returns the local RTCP port of a side (the RTP port under rtcp-mux), or -1 before it is bound. */
    public int localRtcpPort(MediaSide side) {
        final MediaEndpoint endpoint = endpoint(side);
        return portOf(endpoint.muxed() ? endpoint.rtpChannel : endpoint.rtcpChannel);
    }

    /** Returns the remote a side's RTP latched to (or provisionally learnt), or null. */
    public InetSocketAddress latchedRemote(MediaSide side) {
        return endpoint(side).rtpLatch.remote();
    }

    /** Returns the direction whose packets arrive from {@code side}. */
    public MediaStream stream(MediaSide side) {
        return endpoint(side).inbound;
    }

    /** Returns a copy of the statistics of the stream arriving from {@code side}. */
    public StreamStatsSnapshot snapshot(MediaSide side) {
        return endpoint(side).inbound.stats().snapshot();
    }

    /**
     * Returns the rewriter of the stream the caller receives: its SSRC, sequence numbers and timestamps continue
     * across retargets and locally generated frames.
     */
    public StreamRewriter callerFacingRewriter() {
        return upstream.inbound.rewriter();
    }

    /**
     * Sets a side's signalled remote addresses (SDP offer/answer, re-INVITE): latching starts again for that side
     * with a new learning window. Use {@link #retarget} when the upstream is replaced by another one.
     *
     * @param rtp the signalled RTP address
     * @param rtcp the signalled RTCP address, or null for RTP port + 1 (the RTP address under rtcp-mux)
     */
    public void signalRemote(MediaSide side, InetSocketAddress rtp, InetSocketAddress rtcp, long nowNs) {
        final MediaEndpoint endpoint = endpoint(side);
        signal(endpoint, rtp, rtcp, nowNs);
        applyConnection(endpoint, false, nowNs);
        applyConnection(endpoint, true, nowNs);
    }

    /**
     * Switches the upstream of a running session: upstream packets are now accepted from (and sent to) the new
     * address, latched afresh; the upstream's statistics start again; and the stream the caller receives continues
     * with the same SSRC, the next sequence number and a timestamp advanced by the elapsed time (marker set) from
     * the new upstream's first packet on. Forwarding from the upstream is switched back on.
     *
     * @param rtp the new upstream's signalled RTP address
     * @param rtcp its RTCP address, or null for RTP port + 1 (the RTP address under rtcp-mux)
     * @param newUpstreamTag the new upstream's tag for samples
     */
    public void retarget(InetSocketAddress rtp, InetSocketAddress rtcp, int newUpstreamTag, long nowNs) {
        counters.increment(MediaCounter.RETARGETS);
        upstreamTag = newUpstreamTag;
        upstream.inbound.restart(nowNs);
        upstream.inbound.forwarding(true);
        signalRemote(MediaSide.UPSTREAM, rtp, rtcp, nowNs);
    }

    /**
     * Switches forwarding of the packets arriving from {@code side} on or off. Off, they are still validated and
     * accounted (statistics, timeouts) but not sent: switch the upstream off while the hold prompt plays.
     */
    public void forwarding(MediaSide side, boolean enabled) {
        endpoint(side).inbound.forwarding(enabled);
    }

    /**
     * Sends a locally generated frame (the hold prompt) to the caller on the caller-facing stream, stamped by
     * {@link StreamRewriter#rewriteLocalFrame} so that it continues that stream, and flushes it. Takes ownership
     * of {@code frame}.
     *
     * @param frame a complete RTP packet in its readable bytes (fixed 12-byte header with the payload type set)
     * @param samples the frame's duration in clock units (160 for 20 ms at 8 kHz)
     * @param marker whether to set the marker bit (first frame of a prompt)
     * @param nowNs the loop's clock
     * @return true if the frame was handed to the caller-facing channel
     */
    public boolean sendToCaller(ByteBuf frame, int samples, boolean marker, long nowNs) {
        if (state != State.OPEN) {
            frame.release();
            counters.increment(MediaCounter.LOCAL_FRAMES_DROPPED_NO_TARGET);
            return false;
        }
        callerFacingRewriter().rewriteLocalFrame(frame, samples, marker, nowNs);
        if (!sender.send(caller, false, frame, MediaCounter.LOCAL_FRAMES_DROPPED_NO_TARGET)) {
            return false;
        }
        caller.rtpFlushPending = false;
        caller.rtpChannel.flush();
        counters.increment(MediaCounter.LOCAL_FRAMES_SENT);
        return true;
    }

    /** Closes the channels, releases the ports (into quarantine) and forgets the session. Idempotent. */
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        closeEndpoint(caller);
        closeEndpoint(upstream);
        loop.unregister(this);
        counters.increment(MediaCounter.SESSIONS_CLOSED);
    }

    /** Allocates the ports and binds the channels; completes {@code promise} when every channel is bound. */
    void bind(Promise<MediaSession> promise) {
        final PortAllocator ports = loop.ports();
        if (ports != null) {
            caller.rtpPort = ports.allocate();
            upstream.rtpPort = ports.allocate();
            if (caller.rtpPort == PortAllocator.EXHAUSTED || upstream.rtpPort == PortAllocator.EXHAUSTED) {
                counters.increment(MediaCounter.PORTS_EXHAUSTED);
                close();
                promise.tryFailure(new MediaPortsExhaustedException(ports.capacity()));
                return;
            }
        }
        final int[] remaining = {caller.muxed() ? 2 : 4};
        for (MediaEndpoint endpoint : new MediaEndpoint[] {caller, upstream}) {
            final int port = ports == null ? probeFreePort(promise) : endpoint.rtpPort;
            final int rtcpPort = endpoint.muxed() ? 0 : ports == null ? probeFreePort(promise) : port + 1;
            if (port < 0 || rtcpPort < 0) {
                close();
                return;
            }
            endpoint.rtpChannel = bindChannel(endpoint, false, port, promise, remaining);
            if (!endpoint.muxed()) {
                endpoint.rtcpChannel = bindChannel(endpoint, true, rtcpPort, promise, remaining);
            }
        }
    }

    /**
     * Ephemeral-port mode (tests): asks the operating system for a free port, so that the channel can then bind to
     * it explicitly. A socket bound to port 0 loses its port on disconnect (Linux only keeps explicitly bound
     * ports), which would break {@link #retarget}; an explicit port behaves as in production.
     *
     * @return the port, or -1 after failing {@code promise}
     */
    private int probeFreePort(Promise<MediaSession> promise) {
        try (DatagramSocket probe = new DatagramSocket(
                new InetSocketAddress(loop.config().bindAddress(), 0))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            counters.increment(MediaCounter.PORT_BIND_FAILURES);
            promise.tryFailure(e);
            return -1;
        }
    }

    /**
     * Handles one received datagram (from {@link RtpRelayHandler}). Takes ownership of {@code packet}: it is
     * either forwarded (its buffer written to the opposite side) or released.
     */
    void onDatagram(MediaEndpoint from, boolean rtcpPort, DatagramPacket packet) {
        if (state != State.OPEN) {
            packet.release();
            counters.increment(MediaCounter.RTP_DROPPED_NO_TARGET);
            return;
        }
        final ByteBuf buf = packet.content();
        final RtpPacketKind kind = RtpPacketKind.classify(buf, buf.readerIndex(), buf.readableBytes());
        final boolean rtcp = kind == RtpPacketKind.RTCP;
        if (kind == RtpPacketKind.NOT_RTP || !from.muxed() && rtcp != rtcpPort) {
            packet.release();
            counters.increment(MediaCounter.MEDIA_DROPPED_NOT_RTP);
            return;
        }
        final long nowNs = loop.clock().nanoTime();
        counters.increment(rtcp ? MediaCounter.RTCP_RECEIVED : MediaCounter.RTP_RECEIVED);
        final RemoteLatch latch = rtcp ? from.rtcpLatch : from.rtpLatch;
        if (latch.state() != RemoteLatch.State.LATCHED && !isValid(buf, rtcp)) {
            packet.release();
            counters.increment(rtcp ? MediaCounter.RTCP_DROPPED_MALFORMED : MediaCounter.RTP_DROPPED_MALFORMED);
            return;
        }
        final InetSocketAddress previousRemote = latch.remote();
        switch (latch.onPacket(packet.sender(), nowNs)) {
            case DROP:
                packet.release();
                counters.increment(rtcp ? MediaCounter.RTCP_DROPPED_FOREIGN_SOURCE
                        : MediaCounter.RTP_DROPPED_FOREIGN_SOURCE);
                return;
            case LATCH:
                counters.increment(previousRemote == null ? MediaCounter.REMOTE_LATCHED : MediaCounter.REMOTE_RELATCHED);
                applyConnection(from, rtcp, nowNs);
                break;
            default:
                break;
        }
        final MediaEndpoint to = opposite(from);
        final ForwardOutcome outcome = rtcp ? from.inbound.forwardRtcp(buf, nowNs, to.inbound)
                : from.inbound.forwardRtp(buf, nowNs);
        if (outcome != ForwardOutcome.FORWARD) {
            packet.release();
            return;
        }
        if (sender.send(to, rtcp, buf, rtcp ? MediaCounter.RTCP_DROPPED_NO_TARGET : MediaCounter.RTP_DROPPED_NO_TARGET)) {
            counters.increment(rtcp ? MediaCounter.RTCP_FORWARDED : MediaCounter.RTP_FORWARDED);
        }
    }

    /** Counts a message that was not a datagram (never expected from a datagram channel). */
    void countNotRtp() {
        counters.increment(MediaCounter.MEDIA_DROPPED_NOT_RTP);
    }

    /** Flushes the channels written since the last flush (end of a read batch). */
    void flushPending() {
        EndpointSender.flush(caller);
        EndpointSender.flush(upstream);
    }

    /** Handles an exception on one of a side's channels: ICMP port unreachable is a fault, the rest is counted. */
    void onChannelException(MediaEndpoint endpoint, Throwable cause) {
        if (isPortUnreachable(cause)) {
            counters.increment(MediaCounter.MEDIA_PORT_UNREACHABLE);
            if (!endpoint.unreachableReported && state == State.OPEN) {
                endpoint.unreachableReported = true;
                final long nowNs = loop.clock().nanoTime();
                loop.samples().offer(streamId(endpoint.side), upstreamTag, MediaSampleKind.MEDIA_UNREACHABLE, 1.0,
                        nowNs);
                notifyFault(endpoint.side, MediaFault.PORT_UNREACHABLE, nowNs);
            }
            return;
        }
        counters.increment(MediaCounter.MEDIA_CHANNEL_ERRORS);
        if (!endpoint.errorLogged) {
            endpoint.errorLogged = true;
            LOG.warn("media session {}: error on the {} channel (further errors on it are only counted)", id,
                    endpoint.side, cause);
        }
    }

    /** Reports a silent stream (from {@link MediaTimeoutSweeper}). */
    void reportTimeout(MediaSide side, long silenceNs, long nowNs) {
        counters.increment(MediaCounter.MEDIA_TIMEOUTS);
        loop.samples().offer(streamId(side), upstreamTag, MediaSampleKind.MEDIA_TIMEOUT, silenceNs / NANOS_PER_MILLI,
                nowNs);
        notifyFault(side, MediaFault.MEDIA_TIMEOUT, nowNs);
    }

    /** Closes learning windows that are due and connects the channels whose remote became final. */
    void closeLearningWindowsIfDue(long nowNs) {
        closeWindowIfDue(caller, nowNs);
        closeWindowIfDue(upstream, nowNs);
    }

    MediaLoop loop() {
        return loop;
    }

    MediaEndpoint endpoint(MediaSide side) {
        return side == MediaSide.CALLER ? caller : upstream;
    }

    private MediaEndpoint opposite(MediaEndpoint endpoint) {
        return endpoint == caller ? upstream : caller;
    }

    private MediaEndpoint newEndpoint(MediaSide side, MediaSessionSpec spec, MediaConfig config, long nowNs) {
        final long windowNs = config.learningWindow().toNanos();
        final long timeoutNs = config.mediaTimeout(side).toNanos();
        final LatchPolicy policy = config.latchPolicy(side);
        final RemoteLatch rtpLatch = new RemoteLatch(policy, windowNs);
        final RemoteLatch rtcpLatch = config.rtcpMux() ? rtpLatch : new RemoteLatch(policy, windowNs);
        final RandomGenerator random = loop.random();
        final StreamRewriter rewriter = new StreamRewriter(random.nextLong() & 0xFFFF_FFFFL, spec.clockRateHz(),
                random.nextInt(1 << 16), random.nextLong() & 0xFFFF_FFFFL);
        final StreamStats stats = new StreamStats(spec.clockRateHz(), spec.telephoneEventPayloadType());
        return new MediaEndpoint(side, rtpLatch, rtcpLatch, new MediaStream(stats, rewriter, counters, timeoutNs,
                nowNs));
    }

    private static void signal(MediaEndpoint endpoint, InetSocketAddress rtp, InetSocketAddress rtcp, long nowNs) {
        endpoint.unreachableReported = false;
        endpoint.errorLogged = false;
        endpoint.rtpLatch.signal(rtp, nowNs);
        if (!endpoint.muxed()) {
            endpoint.rtcpLatch.signal(rtcp != null || rtp == null ? rtcp
                    : new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1), nowNs);
        }
    }

    /*
     * DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION is deprecated but has no replacement, and is required: the epoll
     * datagram channel turns inactive on disconnect() otherwise, and an inactive channel fails every later write,
     * which would break the switch of a connected upstream channel to a new remote (retarget).
     */
    @SuppressWarnings("deprecation")
    private DatagramChannel bindChannel(MediaEndpoint endpoint, boolean rtcp, int port, Promise<MediaSession> promise,
            int[] remaining) {
        final ChannelFuture bound = new Bootstrap()
                .group(loop.eventLoop())
                .channelFactory(loop.channelFactory())
                .option(ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new MediaRecvByteBufAllocator(loop.pace()))
                .handler(new RtpRelayHandler(this, endpoint, rtcp))
                .bind(new InetSocketAddress(loop.config().bindAddress(), port));
        bound.addListener((ChannelFutureListener) future -> {
            if (!future.isSuccess()) {
                counters.increment(MediaCounter.PORT_BIND_FAILURES);
                future.channel().close();
                close();
                promise.tryFailure(future.cause());
            } else if (--remaining[0] == 0 && state == State.OPENING) {
                state = State.OPEN;
                final long nowNs = loop.clock().nanoTime();
                for (MediaEndpoint each : new MediaEndpoint[] {caller, upstream}) {
                    applyConnection(each, false, nowNs);
                    applyConnection(each, true, nowNs);
                }
                counters.increment(MediaCounter.SESSIONS_OPENED);
                promise.trySuccess(this);
            }
        });
        return (DatagramChannel) bound.channel();
    }

    /** Connects a channel to its remote once that remote is final, or disconnects it when it no longer is. */
    private void applyConnection(MediaEndpoint endpoint, boolean rtcp, long nowNs) {
        final boolean rtcpChannel = rtcp && !endpoint.muxed();
        final DatagramChannel channel = rtcpChannel ? endpoint.rtcpChannel : endpoint.rtpChannel;
        if (state != State.OPEN || channel == null) {
            return;
        }
        final RemoteLatch latch = rtcpChannel ? endpoint.rtcpLatch : endpoint.rtpLatch;
        final InetSocketAddress wanted = latch.isStrict(nowNs) ? latch.target() : null;
        final InetSocketAddress current = rtcpChannel ? endpoint.rtcpConnectedTo : endpoint.rtpConnectedTo;
        if (Objects.equals(wanted, current)) {
            return;
        }
        setConnected(endpoint, rtcpChannel, null);
        if (current != null) {
            channel.disconnect().addListener(future -> logConnectFailure(future.cause(), endpoint, "disconnect"));
            discardPendingError(endpoint, channel);
        }
        if (wanted != null) {
            channel.connect(wanted).addListener(future -> {
                if (future.isSuccess()) {
                    final InetSocketAddress stillWanted = latch.isStrict(loop.clock().nanoTime()) ? latch.target()
                            : null;
                    if (wanted.equals(stillWanted)) {
                        setConnected(endpoint, rtcpChannel, wanted);
                    }
                } else {
                    logConnectFailure(future.cause(), endpoint, "connect");
                }
            });
        }
    }

    /**
     * Discards the socket error still pending from the remote the channel was connected to: an ICMP port unreachable
     * for a datagram sent to the old remote (a dead region) that arrived after the last receive would otherwise fail
     * the first send to the new remote (the kernel keeps it across disconnect and connect) and be reported as the new
     * remote's fault. It is counted, not reported. Only the native (epoll) channels expose the error; through NIO the
     * first send after the JDK's connect does not fail (MediaSessionIT covers both).
     */
    private void discardPendingError(MediaEndpoint endpoint, DatagramChannel channel) {
        if (!(channel instanceof UnixChannel unix) || !(unix.fd() instanceof Socket socket) || !socket.isOpen()) {
            return;
        }
        try {
            if (socket.getSoError() != 0) {
                counters.increment(MediaCounter.MEDIA_PORT_UNREACHABLE);
            }
        } catch (IOException e) {
            logConnectFailure(e, endpoint, "clearing the pending error");
        }
    }

    private void logConnectFailure(Throwable cause, MediaEndpoint endpoint, String operation) {
        if (cause != null) {
            counters.increment(MediaCounter.MEDIA_CHANNEL_ERRORS);
            LOG.warn("media session {}: {} of the {} channel failed", id, operation, endpoint.side, cause);
        }
    }

    private static void setConnected(MediaEndpoint endpoint, boolean rtcpChannel, InetSocketAddress remote) {
        if (rtcpChannel) {
            endpoint.rtcpConnectedTo = remote;
        } else {
            endpoint.rtpConnectedTo = remote;
        }
    }

    private boolean isValid(ByteBuf buf, boolean rtcp) {
        return rtcp ? RtpValidation.validateRtcp(validationRtcp.wrap(buf)).isValid()
                : RtpValidation.validateRtp(validationHeader.wrap(buf)).isValid();
    }

    private void closeWindowIfDue(MediaEndpoint endpoint, long nowNs) {
        if (endpoint.rtpLatch.onWindowEnd(nowNs)) {
            applyConnection(endpoint, false, nowNs);
        }
        if (!endpoint.muxed() && endpoint.rtcpLatch.onWindowEnd(nowNs)) {
            applyConnection(endpoint, true, nowNs);
        }
    }

    private void closeEndpoint(MediaEndpoint endpoint) {
        if (endpoint.rtpChannel != null) {
            endpoint.rtpChannel.close();
        }
        if (endpoint.rtcpChannel != null) {
            endpoint.rtcpChannel.close();
        }
        endpoint.rtpConnectedTo = null;
        endpoint.rtcpConnectedTo = null;
        final PortAllocator ports = loop.ports();
        if (ports != null && endpoint.rtpPort != PortAllocator.EXHAUSTED) {
            ports.release(endpoint.rtpPort);
            endpoint.rtpPort = PortAllocator.EXHAUSTED;
        }
    }

    private void notifyFault(MediaSide side, MediaFault fault, long nowNs) {
        try {
            loop.listener().onMediaFault(this, side, fault, nowNs);
        } catch (RuntimeException e) {
            counters.increment(MediaCounter.MEDIA_CHANNEL_ERRORS);
            LOG.error("media session {}: the fault listener failed on {} {}", id, side, fault, e);
        }
    }

    private static boolean isPortUnreachable(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof PortUnreachableException) {
                return true;
            }
            if (t instanceof Errors.NativeIoException
                    && ((Errors.NativeIoException) t).expectedErr() == Errors.ERROR_ECONNREFUSED_NEGATIVE) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static int portOf(DatagramChannel channel) {
        if (channel == null || !channel.isActive()) {
            return -1;
        }
        final InetSocketAddress local = channel.localAddress();
        return local == null ? -1 : local.getPort();
    }
}
