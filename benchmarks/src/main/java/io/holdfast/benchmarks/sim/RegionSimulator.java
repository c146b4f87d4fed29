package io.holdfast.benchmarks.sim;

import io.holdfast.relay.context.ContextParseResult;
import io.holdfast.relay.context.ResumeContext;
import io.holdfast.relay.time.NanoClock;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transaction.TransactionTimers;
import io.holdfast.sip.transport.IoMode;
import io.holdfast.sip.transport.SipConfig;
import io.holdfast.sip.transport.SipStack;
import io.holdfast.sip.transport.Transport;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A simulated Voice AI region on holdfast's own stack: a SIP UAS that answers INVITEs (100, 180, 200 with an
 * SDP answer and its own RTP port per call), streams an agent's voice ({@link AgentVoice}, 20 ms packets,
 * its own SSRC), records what it received (RTP counts, the INVITE's headers and resume context, BYEs), sends
 * INFO with context, intent reports and escalation requests, serves the AI-stack health JSON over HTTP, and
 * can fail on command:
 * <ul>
 *   <li>{@link #die()}: SIP, RTP and health stop at once; the closed ports answer ICMP port unreachable;</li>
 *   <li>{@link #goSilent()}: the voice stops, SIP still answers ({@code MEDIA_TIMEOUT});</li>
 *   <li>{@link #refuseCalls(int)}: INVITEs (and OPTIONS) get that final status, e.g. 503;</li>
 *   <li>{@link #delayAnswers(Duration)} and {@link #ignoreInvites()}: slow or no answers, for timeouts;</li>
 *   <li>{@link RegionCall#byeWithReason} / {@link #byeWithReason(Reason)}: hang up with a failure Reason.</li>
 * </ul>
 *
 * <p>Threading: one SIP loop (the stack's) and one simulator loop, which owns every call, RTP channel and the
 * 20 ms voice tick. Every public method is thread-safe; the behaviour switches are volatile and apply to the
 * next event.
 */
public final class RegionSimulator implements AutoCloseable {
    /** What the futures of requests that could not be sent complete with (no call, or the region is dead). */
    public static final int NOT_SENT = 0;

    private static final long TICK_NS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * RFC 3261 timers, except that the stack never sends 100 Trying by itself (§17.2.1 lets a TU that answers
     * within 200 ms skip it): the simulator sends its own at once, so {@link #ignoreInvites()} is a true black
     * hole and the caller's Timer B runs out.
     */
    private static final TransactionTimers TIMERS = new TransactionTimers(TransactionTimers.DEFAULT_T1,
            TransactionTimers.DEFAULT_T2, TransactionTimers.DEFAULT_T4, TransactionTimers.DEFAULT_TIMER_D,
            Duration.ofDays(1));

    private final RegionSimulatorConfig config;
    private final SimLoop loop;
    private final RegionAgent agent;
    private final Counters counters = new Counters();
    private final List<RegionCall> calls = new CopyOnWriteArrayList<>();
    private final Map<Integer, CompletableFuture<RegionCall>> callFutures = new ConcurrentHashMap<>();
    private volatile SipStack stack;
    private volatile HealthEndpoint health;
    private volatile ScheduledFuture<?> tick;
    private volatile boolean dead;
    private volatile boolean closed;
    private volatile long diedAtNs;
    private volatile boolean silent;
    private volatile boolean ignoringInvites;
    private volatile int refuseStatus;
    private volatile long answerDelayNs;
    private volatile SipRequest lastAck;

    private RegionSimulator(RegionSimulatorConfig config) {
        this.config = config;
        this.loop = new SimLoop("holdfast-sim-" + config.name(), IoMode.AUTO);
        this.agent = new RegionAgent(this, loop);
    }

    /**
     * Starts a region: binds SIP (UDP and TCP), the health URL and the voice tick.
     *
     * @throws IllegalStateException when a port cannot be bound (the message names it)
     */
    public static RegionSimulator start(RegionSimulatorConfig config) throws InterruptedException {
        RegionSimulator simulator = new RegionSimulator(config);
        boolean started = false;
        try {
            SipConfig sip = SipConfig.listeningOn(config.sipListen()).withEventLoops(1).withTimers(TIMERS);
            simulator.stack = SipStack.start(sip, simulator.agent);
            simulator.agent.attach(simulator.stack);
            if (config.healthListen().isPresent()) {
                simulator.health = HealthEndpoint.start(config.healthListen().get(), config.name());
            }
            simulator.tick = simulator.loop.loop().scheduleAtFixedRate(simulator.agent::tick, TICK_NS, TICK_NS,
                    TimeUnit.NANOSECONDS);
            started = true;
            return simulator;
        } finally {
            if (!started) {
                simulator.close();
            }
        }
    }

    /** A region on {@code bindAddress} with free ports, the default voice and a health URL. */
    public static RegionSimulator start(String name, InetAddress bindAddress) throws InterruptedException {
        return start(RegionSimulatorConfig.on(name, bindAddress));
    }

    public String name() {
        return config.name();
    }

    public RegionSimulatorConfig config() {
        return config;
    }

    NanoClock clock() {
        return config.clock();
    }

    /** The bound SIP address (UDP; TCP listens on the same port). */
    public InetSocketAddress sipAddress() {
        return stack.localAddress(Transport.UDP);
    }

    /** The URI holdfast's configuration names for this region: {@code sip:agent@127.0.0.1:5080}. */
    public SipUri sipUri() {
        InetSocketAddress address = sipAddress();
        return SipUri.sip("agent", address.getAddress().getHostAddress(), address.getPort());
    }

    /** The bound health address, when the region serves one. */
    public Optional<InetSocketAddress> healthAddress() {
        return health == null ? Optional.empty() : Optional.of(health.address());
    }

    /** The health URL, {@code http://127.0.0.1:port/health}, when the region serves one. */
    public Optional<URI> healthUrl() {
        return health == null ? Optional.empty() : Optional.of(health.url());
    }

    // ---- behaviour ----

    /**
     * Stops SIP, RTP and health at once: every socket closes (RTP first), so holdfast's next packet to any of
     * them gets ICMP port unreachable; calls end without BYE. Returns when every socket is closed. Idempotent.
     */
    public void die() {
        if (dead) {
            return;
        }
        diedAtNs = config.clock().nanoTime();
        dead = true;
        if (loop.loop().inEventLoop()) {
            dieOnLoop();
        } else {
            loop.loop().submit(this::dieOnLoop).awaitUninterruptibly(TimeUnit.SECONDS.toMillis(5));
        }
        if (stack != null) {
            stack.close();
        }
        if (health != null) {
            health.close();
        }
    }

    private void dieOnLoop() {
        if (tick != null) {
            tick.cancel(false);
        }
        agent.die();
    }

    /** True once {@link #die()} or {@link #close()} ran. */
    public boolean isDead() {
        return dead;
    }

    /** When {@link #die()} ran, on the simulator's clock; {@code -1} while alive. */
    public long diedAtNs() {
        return dead ? diedAtNs : -1;
    }

    /** The agent's voice stops on every call (RTP timestamps run on); SIP still answers. */
    public void goSilent() {
        silent = true;
    }

    /** The voice comes back, with the marker bit on its first packet. */
    public void speak() {
        silent = false;
    }

    public boolean isSilent() {
        return silent;
    }

    /** New INVITEs (and OPTIONS) get {@code statusCode} (300 to 699), e.g. 503 Service Unavailable. */
    public void refuseCalls(int statusCode) {
        if (statusCode < 300 || statusCode > 699) {
            throw new IllegalArgumentException("a refusal is a final status from 300 to 699, was " + statusCode);
        }
        refuseStatus = statusCode;
    }

    /** New INVITEs get 100 and 180 at once and their 200 only after {@code delay}. */
    public void delayAnswers(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("an answer delay cannot be negative: " + delay);
        }
        answerDelayNs = delay.toNanos();
    }

    /** New INVITEs get no answer at all, not even 100 Trying (the caller's Timer B runs out). */
    public void ignoreInvites() {
        ignoringInvites = true;
    }

    /** Undoes {@link #refuseCalls}, {@link #delayAnswers}, {@link #ignoreInvites} and {@link #goSilent}. */
    public void behaveNormally() {
        refuseStatus = 0;
        answerDelayNs = 0;
        ignoringInvites = false;
        silent = false;
    }

    /** Hangs up every confirmed call with a BYE carrying {@code reason}; completes with each final status. */
    public List<CompletableFuture<Integer>> byeWithReason(Reason reason) {
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (RegionCall call : calls) {
            if (call.state() == RegionCall.State.CONFIRMED) {
                results.add(call.byeWithReason(reason));
            }
        }
        return results;
    }

    /** {@link #byeWithReason(Reason)} with {@code SIP;cause=<cause>;text="<text>"} (RFC 3326). */
    public List<CompletableFuture<Integer>> byeWithReason(int cause, String text) {
        return byeWithReason(new Reason("SIP", cause, text));
    }

    // ---- health ----

    /** What the health URL answers from now on. */
    public void serveHealth(AiStackHealth value) {
        requireHealth().serve(value);
    }

    /** A broken health service: {@code statusCode} with {@code body} as it is (malformed JSON, an error page). */
    public void serveRawHealth(int statusCode, String body) {
        requireHealth().serveRaw(statusCode, body);
    }

    /** Requests the health URL answered. */
    public long healthRequests() {
        return health == null ? 0 : health.requestCount();
    }

    private HealthEndpoint requireHealth() {
        if (health == null) {
            throw new IllegalStateException("region " + name() + " serves no health URL (healthListen is empty)");
        }
        return health;
    }

    // ---- what happened ----

    /** Every call, in the order their INVITEs arrived (refused and ignored ones included). */
    public List<RegionCall> calls() {
        return List.copyOf(calls);
    }

    /** The call of the {@code index}-th INVITE (from 0), now or when it arrives. */
    public CompletableFuture<RegionCall> call(int index) {
        CompletableFuture<RegionCall> future = callFutures.computeIfAbsent(index, i -> new CompletableFuture<>());
        if (index < calls.size()) {
            future.complete(calls.get(index));
        }
        return future;
    }

    /** The last call, if any INVITE arrived. */
    public Optional<RegionCall> lastCall() {
        List<RegionCall> all = calls();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The last initial INVITE received. */
    public Optional<SipRequest> lastInvite() {
        return lastCall().map(RegionCall::invite);
    }

    /**
     * The resume context the last INVITE carried, when it carried a valid one: what "the new region received
     * the context" checks.
     */
    public Optional<ResumeContext> lastReceivedContext() {
        return lastCall().flatMap(RegionCall::receivedContext)
                .filter(ContextParseResult.Accepted.class::isInstance)
                .flatMap(result -> ((ContextParseResult.Accepted) result).report().context());
    }

    /** The last ACK received. */
    public Optional<SipRequest> lastAck() {
        return Optional.ofNullable(lastAck);
    }

    public long invitesReceived() {
        return calls.size();
    }

    public long acksReceived() {
        return counters.acks;
    }

    public long byesReceived() {
        return counters.byes;
    }

    public long cancelsReceived() {
        return counters.cancels;
    }

    public long optionsReceived() {
        return counters.options;
    }

    public long infosReceived() {
        return counters.infos;
    }

    /** re-INVITEs and UPDATEs answered. */
    public long reOffersReceived() {
        return counters.reOffers;
    }

    /** RTP packets received on every call. */
    public long rtpPacketsReceived() {
        return counters.rtpReceived;
    }

    /** ICMP port unreachable reports on the region's RTP ports. */
    public long portUnreachableCount() {
        return counters.portUnreachable;
    }

    /** SIP server transactions that failed (no ACK, transport errors) and RTP ports that would not bind. */
    public long failureCount() {
        return counters.transactionFailures;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        die();
        loop.close();
    }

    @Override
    public String toString() {
        return "RegionSimulator[" + name() + (dead ? ", dead" : "") + ", " + calls.size() + " calls]";
    }

    // ---- for the agent, on the simulator loop ----

    Counters counters() {
        return counters;
    }

    int refuseStatus() {
        return refuseStatus;
    }

    long answerDelayNs() {
        return answerDelayNs;
    }

    boolean isIgnoringInvites() {
        return ignoringInvites;
    }

    void invited(RegionCall call) {
        calls.add(call);
        CompletableFuture<RegionCall> waiting = callFutures.get(calls.size() - 1);
        if (waiting != null) {
            waiting.complete(call);
        }
    }

    void lastAck(SipRequest ack) {
        lastAck = ack;
    }

    void rtpReceived() {
        counters.rtpReceived++;
    }

    void portUnreachable() {
        counters.portUnreachable++;
    }

    CompletableFuture<Integer> sendInDialog(RegionCall call, UnaryOperator<SipRequest.Builder> decorate,
                                            SipMethod method) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        if (dead) {
            result.complete(NOT_SENT);
            return result;
        }
        loop.run(() -> agent.sendInDialog(call, decorate, method, result));
        return result;
    }

    static String reasonPhrase(int statusCode) {
        return switch (statusCode) {
            case 480 -> "Temporarily Unavailable";
            case 486 -> "Busy Here";
            case 488 -> "Not Acceptable Here";
            case 500 -> "Server Internal Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Server Time-out";
            case 603 -> "Decline";
            default -> "Refused by the simulator";
        };
    }

    /** What the region counted; written on the simulator loop only, readable anywhere. */
    static final class Counters {
        volatile long acks;
        volatile long byes;
        volatile long cancels;
        volatile long options;
        volatile long infos;
        volatile long reOffers;
        volatile long rtpReceived;
        volatile long portUnreachable;
        volatile long transactionFailures;
    }
}
