package io.holdfast.rtp.relay;

import io.holdfast.rtp.ring.MediaSampleRing;
import io.holdfast.rtp.stats.MediaCounters;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.NanoClock;

/**
 * The media plane of one event loop: its sessions, its port allocator (a slice of the configured range), its
 * counters, its sample ring, and its two periodic tasks, the {@link MediaTimeoutSweeper} (every 10 ms) and the
 * quality sampler (every {@link MediaConfig#sampleInterval()}). Build one per event loop of a group made with the
 * same {@link MediaTransport}'s I/O handler factory; the health agent drains {@link #samples()}.
 *
 * <p>Confined to its event loop, apart from {@link #openSession} (which hops onto the loop when called from
 * elsewhere), {@link #counters()} reads and {@link #samples()} draining.
 */
public final class MediaLoop {

    private final EventLoop eventLoop;
    private final ChannelFactory<DatagramChannel> channelFactory;
    private final MediaConfig config;
    private final NanoClock clock;
    private final MediaFaultListener listener;
    private final MediaCounters counters = new MediaCounters();
    private final MediaSampleRing samples;
    private final PortAllocator ports;
    private final RandomGenerator random = new SplittableRandom();
    private final List<MediaSession> sessions = new ArrayList<>();
    private final Long2ObjectHashMap<MediaSession> sessionsById = new Long2ObjectHashMap<>();
    private final MediaTimeoutSweeper sweeper = new MediaTimeoutSweeper(this);
    private final LoopPace pace = new LoopPace(MediaConfig.SWEEP_INTERVAL.toNanos(), counters);
    private final MediaQualitySampler sampler = new MediaQualitySampler(this);
    private ScheduledFuture<?> sweepTask;
    private ScheduledFuture<?> sampleTask;

    /**
     * Creates the media plane of one event loop.
     *
     * @param eventLoop the loop that owns every session, channel and timer created here
     * @param transport the transport the loop's group was built with
     * @param config the media configuration
     * @param loopIndex this loop's index in its group, to pick its slice of the port range
     * @param loopCount the number of loops sharing the port range
     * @param clock the clock every deadline and statistic uses
     * @param listener receives media faults on this loop
     */
    public MediaLoop(EventLoop eventLoop, MediaTransport transport, MediaConfig config, int loopIndex, int loopCount,
            NanoClock clock, MediaFaultListener listener) {
        this.eventLoop = eventLoop;
        this.channelFactory = transport.channelFactory(config.bindAddress());
        this.config = config;
        this.clock = clock;
        this.listener = listener;
        this.samples = new MediaSampleRing(config.sampleRingCapacity(), counters);
        this.ports = config.ephemeralPorts() ? null
                : PortAllocator.forLoop(config, loopIndex, loopCount, clock, new SplittableRandom());
    }

    /** Schedules the timeout sweep (every 10 ms) and the quality sampling on the loop. */
    public void start() {
        if (!eventLoop.inEventLoop()) {
            eventLoop.execute(this::start);
            return;
        }
        if (sweepTask != null) {
            return;
        }
        final long sweepNs = MediaConfig.SWEEP_INTERVAL.toNanos();
        final long sampleNs = config.sampleInterval().toNanos();
        sweepTask = eventLoop.scheduleAtFixedRate(sweeper, sweepNs, sweepNs, TimeUnit.NANOSECONDS);
        sampleTask = eventLoop.scheduleAtFixedRate(sampler, sampleNs, sampleNs, TimeUnit.NANOSECONDS);
    }

    /**
     * Opens a session: allocates its ports and binds its channels on this loop.
     *
     * @param sessionId an id unique on this loop (relay-core's call leg id)
     * @param spec what the SDP negotiated
     * @return a future completed with the open session, or failed with {@link MediaPortsExhaustedException}, an
     *     {@link IllegalArgumentException} for a duplicate id, or the bind's exception
     */
    public Future<MediaSession> openSession(long sessionId, MediaSessionSpec spec) {
        final Promise<MediaSession> promise = eventLoop.newPromise();
        if (eventLoop.inEventLoop()) {
            open(sessionId, spec, promise);
        } else {
            eventLoop.execute(() -> open(sessionId, spec, promise));
        }
        return promise;
    }

    /** Returns the open session with {@code sessionId}, or null. */
    public MediaSession session(long sessionId) {
        return sessionsById.get(sessionId);
    }

    /** Returns the number of sessions on this loop. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Returns this loop's counters (readable from any thread). */
    public MediaCounters counters() {
        return counters;
    }

    /** Returns this loop's sample ring: this loop produces, one consumer thread drains. */
    public MediaSampleRing samples() {
        return samples;
    }

    /** Returns this loop's port allocator, or null when the operating system chooses ports. */
    public PortAllocator ports() {
        return ports;
    }

    /** Returns the loop that owns everything here. */
    public EventLoop eventLoop() {
        return eventLoop;
    }

    /** Returns the clock. */
    public NanoClock clock() {
        return clock;
    }

    /** Returns the media configuration. */
    public MediaConfig config() {
        return config;
    }

    /** Cancels the periodic tasks and closes every session. On the loop. */
    public void close() {
        if (sweepTask != null) {
            sweepTask.cancel(false);
            sampleTask.cancel(false);
            sweepTask = null;
            sampleTask = null;
        }
        for (int i = sessions.size() - 1; i >= 0; i--) {
            sessions.get(i).close();
        }
    }

    /** Creates and registers a session without binding it. */
    MediaSession createSession(long sessionId, MediaSessionSpec spec) {
        if (sessionsById.containsKey(sessionId)) {
            throw new IllegalArgumentException("media session " + sessionId + " already exists on this loop");
        }
        final MediaSession session = new MediaSession(this, sessionId, spec, clock.nanoTime());
        session.registryIndex = sessions.size();
        sessions.add(session);
        sessionsById.put(sessionId, session);
        return session;
    }

    /** Forgets a closed session (swap-remove, O(1)). */
    void unregister(MediaSession session) {
        final int index = session.registryIndex;
        if (index < 0 || index >= sessions.size() || sessions.get(index) != session) {
            return;
        }
        final MediaSession last = sessions.remove(sessions.size() - 1);
        if (last != session) {
            sessions.set(index, last);
            last.registryIndex = index;
        }
        session.registryIndex = -1;
        sessionsById.remove(session.id());
    }

    MediaSession sessionAt(int index) {
        return sessions.get(index);
    }

    MediaFaultListener listener() {
        return listener;
    }

    RandomGenerator random() {
        return random;
    }

    ChannelFactory<DatagramChannel> channelFactory() {
        return channelFactory;
    }

    LoopPace pace() {
        return pace;
    }

    MediaTimeoutSweeper sweeper() {
        return sweeper;
    }

    MediaQualitySampler sampler() {
        return sampler;
    }

    private void open(long sessionId, MediaSessionSpec spec, Promise<MediaSession> promise) {
        final MediaSession session;
        try {
            session = createSession(sessionId, spec);
        } catch (IllegalArgumentException e) {
            promise.setFailure(e);
            return;
        }
        session.bind(promise);
    }
}
