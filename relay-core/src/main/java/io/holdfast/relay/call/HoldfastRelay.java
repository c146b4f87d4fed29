package io.holdfast.relay.call;

import io.holdfast.relay.config.HoldfastConfig;
import io.holdfast.relay.config.LatchPolicy;
import io.holdfast.relay.config.PortRange;
import io.holdfast.relay.config.RegionConfig;
import io.holdfast.relay.context.ResumeContext;
import io.holdfast.relay.context.ResumeHandoff;
import io.holdfast.relay.context.ResumeToken;
import io.holdfast.relay.events.CallIdHasher;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.events.RouteChangeSink;
import io.holdfast.relay.failover.FailoverPolicy;
import io.holdfast.relay.failover.FailoverPrompts;
import io.holdfast.relay.failover.HumanEscalation;
import io.holdfast.relay.routing.Region;
import io.holdfast.relay.routing.RegionHealthView;
import io.holdfast.relay.routing.RoutePolicy;
import io.holdfast.relay.time.NanoClock;
import io.holdfast.rtp.prompt.PromptTicker;
import io.holdfast.rtp.relay.MediaConfig;
import io.holdfast.rtp.relay.MediaLoop;
import io.holdfast.rtp.relay.MediaTransport;
import io.holdfast.sip.parse.SipLimits;
import io.holdfast.sip.transaction.TransactionTimers;
import io.holdfast.sip.transport.IoMode;
import io.holdfast.sip.transport.SipConfig;
import io.holdfast.sip.transport.SipStack;
import io.holdfast.sip.transport.Transport;
import io.netty.util.NetUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * holdfast's B2BUA, started from a {@link HoldfastConfig}: one {@link SipStack} listening on {@code sip.listen}
 * over UDP and TCP, and on each of its event loops a {@link MediaLoop} and a {@link CallLoop}, so that a call's
 * SIP transactions, dialogs, media channels and timers all run on the one loop that owns its Call-ID. The
 * stack's group uses the epoll I/O handler when available, else NIO, and the media plane the matching
 * {@link MediaTransport}.
 *
 * <p>Mid-call failover follows {@code failover} ({@link FailoverPolicy}): the hold and agent prompts play from each
 * loop's 20 ms {@link PromptTicker}. A region's request for a human reaches the calls through
 * {@link #escalationTrigger()}, which {@link Builder#interceptor(Function)} hands to the in-dialog interceptor.
 *
 * <p>{@link #drain()} refuses new INVITEs with 503 and Retry-After while calls in progress go on;
 * {@link #awaitIdle} waits for them, {@link #endAllCalls} ends the rest. Thread-safe.
 */
public final class HoldfastRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HoldfastRelay.class);
    private static final long CLOSE_WAIT_MS = 2_000;

    private final SipStack stack;
    private final CallLoop[] loops;
    private final DrainState drain;
    private final List<Region> regions;

    private HoldfastRelay(SipStack stack, CallLoop[] loops, DrainState drain, List<Region> regions) {
        this.stack = stack;
        this.loops = loops;
        this.drain = drain;
        this.regions = regions;
    }

    /** Starts building a relay for {@code config}; the defaults fit production. */
    public static Builder builder(HoldfastConfig config) {
        return new Builder(config);
    }

    /** The bound SIP address of a transport (the real port when {@code sip.listen} has port 0). */
    public InetSocketAddress sipAddress(Transport transport) {
        return stack.localAddress(transport);
    }

    /** The regions, resolved, in priority order. */
    public List<Region> regions() {
        return regions;
    }

    /** The number of event loops (each with its media loop and calls). */
    public int loopCount() {
        return loops.length;
    }

    /**
     * The trigger a region's request for a human goes through (INFO {@code "escalate": true}, REFER): call it on
     * the call's loop with the call, and the call plays the agent prompt and invites {@code escalation.uri}.
     */
    public static EscalationTrigger escalationTrigger() {
        return HumanEscalation.INSTANCE;
    }

    /** Calls from INVITE to end, on every loop. Any thread. */
    public int liveCalls() {
        return drain.liveCalls();
    }

    /** A call counter summed over every loop. Any thread. */
    public long counter(CallCounter counter) {
        long sum = 0;
        for (CallLoop loop : loops) {
            sum += loop.counters().get(counter);
        }
        return sum;
    }

    /** The SIP stack, for its counters. */
    public SipStack sipStack() {
        return stack;
    }

    /** The media loop of event loop {@code index}, for its counters. */
    public MediaLoop mediaLoop(int index) {
        return loops[index].media();
    }

    /** Refuses new INVITEs from now on (503 with Retry-After); calls in progress go on. Any thread. */
    public void drain() {
        LOG.info("draining: new calls are refused, {} calls in progress go on", drain.liveCalls());
        drain.drain();
    }

    public boolean isDraining() {
        return drain.draining();
    }

    /**
     * Waits until no call is left, at most {@code timeout}, after {@link #drain()}.
     *
     * @return true when every call ended in time
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        try {
            drain.idle().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the drain future never fails", e);
        }
    }

    /** Ends every call on every loop with {@code cause}: BYE both legs, or 503 before the answer. Any thread. */
    public void endAllCalls(CauseTag cause) {
        for (CallLoop loop : loops) {
            stack.eventLoop(loop.index()).execute(() -> loop.endAll(cause));
        }
    }

    /** Closes every media session and socket and stops the loops; waits a few seconds at most. */
    @Override
    public void close() {
        for (CallLoop loop : loops) {
            MediaLoop media = loop.media();
            if (media != null) {
                stack.eventLoop(loop.index()).submit(() -> {
                    loop.prompts().close();
                    media.close();
                }).awaitUninterruptibly(CLOSE_WAIT_MS);
            }
        }
        stack.close();
    }

    /** Collects the relay's collaborators; {@link #start()} binds the sockets. Not thread-safe. */
    public static final class Builder {
        private final HoldfastConfig config;
        private int eventLoops = SipConfig.DEFAULT_EVENT_LOOPS;
        private IoMode ioMode = IoMode.AUTO;
        private RouteChangeSink events = event -> { };
        private NanoClock clock = NanoClock.system();
        private RegionHealthView health = RegionHealthView.allHealthy();
        private FailoverPrompts prompts;
        private ResumeContextSource contexts = ResumeContextSource.NONE;
        private Function<EscalationTrigger, InDialogRequestInterceptor> interceptor =
                trigger -> InDialogRequestInterceptor.NONE;
        private CallIdHasher hasher;

        private Builder(HoldfastConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Event loops (default: one per core). */
        public Builder eventLoops(int count) {
            this.eventLoops = count;
            return this;
        }

        /** Epoll or NIO (default: epoll when available). */
        public Builder ioMode(IoMode mode) {
            this.ioMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Where route-change events go (default: nowhere). */
        public Builder events(RouteChangeSink sink) {
            this.events = Objects.requireNonNull(sink, "sink");
            return this;
        }

        public Builder clock(NanoClock nanoClock) {
            this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        /** Region health for routing (default: every region healthy). */
        public Builder health(RegionHealthView view) {
            this.health = Objects.requireNonNull(view, "view");
            return this;
        }

        /** The failover prompts (default: loaded from {@code failover.prompt}, or the shipped ones). */
        public Builder prompts(FailoverPrompts failoverPrompts) {
            this.prompts = Objects.requireNonNull(failoverPrompts, "failoverPrompts");
            return this;
        }

        /**
         * Where a failover or an escalation finds the call's resume context for the next INVITE (default: none,
         * the INVITE carries the SDP and the {@code X-Holdfast-*} headers only).
         */
        public Builder resumeContexts(ResumeContextSource source) {
            this.contexts = Objects.requireNonNull(source, "source");
            return this;
        }

        /** In-dialog requests holdfast answers itself (default: none, everything is relayed). */
        public Builder interceptor(InDialogRequestInterceptor requestInterceptor) {
            Objects.requireNonNull(requestInterceptor, "requestInterceptor");
            this.interceptor = trigger -> requestInterceptor;
            return this;
        }

        /**
         * In-dialog requests holdfast answers itself, made from the relay's {@link EscalationTrigger} (the same
         * as {@link HoldfastRelay#escalationTrigger()}), so that an INFO or REFER asking for a human escalates.
         */
        public Builder interceptor(Function<EscalationTrigger, InDialogRequestInterceptor> factory) {
            this.interceptor = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** The Call-ID hasher of events (default: a new random key). */
        public Builder hasher(CallIdHasher callIdHasher) {
            this.hasher = Objects.requireNonNull(callIdHasher, "callIdHasher");
            return this;
        }

        /**
         * Resolves the regions, binds SIP on {@code sip.listen} and starts the loops.
         *
         * @throws UnknownHostException when a region's host name does not resolve
         * @throws IllegalStateException when a socket cannot be bound, or a region needs TLS
         */
        public HoldfastRelay start() throws InterruptedException, UnknownHostException {
            List<Region> regions = resolve(config.regions());
            warmUpHandoff();
            DrainState drain = new DrainState();
            String localHost = advertisedHost(config);
            CallSettings settings = new CallSettings(config.sip(), config.media().address(), localHost);
            FailoverPolicy failover = FailoverPolicy.of(config.failover(),
                    prompts != null ? prompts : FailoverPrompts.load(config.failover()), escalation(config, regions));
            InDialogRequestInterceptor requestInterceptor = Objects.requireNonNull(
                    interceptor.apply(escalationTrigger()), "the interceptor factory returned null");
            CallServices services = new CallServices(settings, new RoutePolicy(regions, health), failover, contexts,
                    requestInterceptor, hasher != null ? hasher : CallIdHasher.withRandomKey(), events, clock, drain);
            RelayRequestHandler handler = new RelayRequestHandler(drain);
            SipStack stack = SipStack.start(sipConfig(config, localHost, eventLoops, ioMode), handler);
            try {
                MediaTransport transport = stack.isEpoll() ? MediaTransport.EPOLL : MediaTransport.NIO;
                MediaConfig media = mediaConfig(config);
                CallLoop[] loops = new CallLoop[stack.loopCount()];
                for (int i = 0; i < loops.length; i++) {
                    loops[i] = new CallLoop(i, stack, services);
                    MediaLoop mediaLoop = new MediaLoop(stack.eventLoop(i), transport, media, i, loops.length,
                            clock::nanoTime, loops[i]);
                    loops[i].media(mediaLoop, PromptTicker.start(stack.eventLoop(i)));
                    mediaLoop.start();
                }
                handler.attach(stack, loops);
                LOG.info("holdfast relay listening on sip udp {} tcp {}, media {} ports {}, {} loops ({}), regions {}",
                        NetUtil.toSocketAddressString(stack.localAddress(Transport.UDP)),
                        NetUtil.toSocketAddressString(stack.localAddress(Transport.TCP)),
                        NetUtil.toAddressString(config.media().address()), config.media().ports(), loops.length,
                        transport, regions);
                return new HoldfastRelay(stack, loops, drain, regions);
            } catch (RuntimeException e) {
                stack.close();
                throw e;
            }
        }

        private static List<Region> resolve(List<RegionConfig> configs) throws UnknownHostException {
            List<Region> regions = new ArrayList<>(configs.size());
            for (int i = 0; i < configs.size(); i++) {
                Region region = Region.resolve(configs.get(i), i);
                if (region.transport() == Transport.TLS) {
                    throw new IllegalStateException("region " + region.name() + " (" + region.uri()
                            + ") needs TLS, which holdfast does not speak yet; use a sip: URI over udp or tcp");
                }
                regions.add(region);
            }
            return regions;
        }

        /**
         * Builds one throw-away handoff with a context, so that the first failover never pays on an event loop
         * for seeding {@link java.security.SecureRandom} (resume token, multipart boundary) or loading the JSON
         * writer: on a loaded host that took over 100 ms, during which the caller's prompt frames stalled.
         */
        private static void warmUpHandoff() {
            ResumeHandoff.failover("v=0\r\n".getBytes(StandardCharsets.US_ASCII), ResumeToken.random(),
                    CauseTag.MEDIA_TIMEOUT, 1).context(ResumeContext.builder().customerRef("warm-up").build()).build();
        }

        /** The escalation URI resolved as a destination like a region, with the tag after the regions'. */
        private static Optional<Region> escalation(HoldfastConfig config, List<Region> regions)
                throws UnknownHostException {
            if (config.escalation().isEmpty()) {
                return Optional.empty();
            }
            Region region = Region.resolve(RegionConfig.of(FailoverPolicy.ESCALATION_NAME,
                    config.escalation().get().uri(), RegionConfig.MAX_PRIORITY), regions.size());
            if (region.transport() == Transport.TLS) {
                throw new IllegalStateException("escalation.uri " + region.uri() + " needs TLS, which holdfast does"
                        + " not speak yet; use a sip: URI over udp or tcp");
            }
            return Optional.of(region);
        }

        /** The host in Via and Contact: the listen address, or the media address when listening on a wildcard. */
        private static String advertisedHost(HoldfastConfig config) {
            InetAddress listen = config.sip().listen().getAddress();
            InetAddress address = listen.isAnyLocalAddress() ? config.media().address() : listen;
            if (address.isAnyLocalAddress()) {
                throw new IllegalStateException("sip.listen and media.address are both wildcard addresses: holdfast"
                        + " cannot tell peers where to reach it; give media.address the host's address");
            }
            return NetUtil.toAddressString(address);
        }

        private static SipConfig sipConfig(HoldfastConfig config, String advertisedHost, int loops, IoMode mode) {
            io.holdfast.relay.config.SipConfig sip = config.sip();
            TransactionTimers timers = new TransactionTimers(sip.t1(), sip.t2(), sip.t4(),
                    TransactionTimers.DEFAULT_TIMER_D, TransactionTimers.DEFAULT_TRYING_DELAY);
            int maxBytes = sip.maxMessageBytes();
            SipLimits limits = new SipLimits(maxBytes, Math.min(SipLimits.DEFAULT_MAX_HEADER_LINE_BYTES, maxBytes),
                    SipLimits.DEFAULT_MAX_HEADER_LINES);
            return new SipConfig(sip.listen(), sip.listen(), advertisedHost, loops, mode, timers,
                    SipConfig.DEFAULT_TCP_CONNECT_TIMEOUT, limits);
        }

        private static MediaConfig mediaConfig(HoldfastConfig config) {
            io.holdfast.relay.config.MediaConfig media = config.media();
            PortRange ports = media.ports();
            io.holdfast.rtp.relay.LatchPolicy callerLatch = media.latch() == LatchPolicy.FIRST_PACKET
                    ? io.holdfast.rtp.relay.LatchPolicy.LEARN_WITHIN_WINDOW
                    : io.holdfast.rtp.relay.LatchPolicy.STRICT_SIGNALLED;
            Duration quarantine = ports.isEphemeral() ? Duration.ZERO : MediaConfig.DEFAULT_PORT_QUARANTINE;
            return new MediaConfig(media.address(), ports.first(), ports.last(), false, quarantine, callerLatch,
                    io.holdfast.rtp.relay.LatchPolicy.STRICT_SIGNALLED, media.learningWindow(),
                    config.failover().mediaTimeout(), MediaConfig.DEFAULT_CALLER_MEDIA_TIMEOUT,
                    MediaConfig.DEFAULT_SAMPLE_INTERVAL, MediaConfig.DEFAULT_SAMPLE_RING_CAPACITY);
        }
    }
}
