package io.holdfast.benchmarks.failover;

import io.holdfast.benchmarks.sim.AgentVoice;
import io.holdfast.benchmarks.sim.RegionSimulator;
import io.holdfast.benchmarks.sim.RegionSimulatorConfig;
import io.holdfast.benchmarks.sim.SimulatedCaller;
import io.holdfast.relay.call.HoldfastRelay;
import io.holdfast.relay.config.EscalationConfig;
import io.holdfast.relay.config.EventsConfig;
import io.holdfast.relay.config.HoldfastConfig;
import io.holdfast.relay.config.MediaConfig;
import io.holdfast.relay.config.PortRange;
import io.holdfast.relay.config.RegionConfig;
import io.holdfast.relay.config.SipConfig;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.events.RouteChangeWriter;
import io.holdfast.relay.time.NanoClock;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transport.Transport;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * holdfast and the world around it on one machine: the relay started from a {@link HoldfastConfig} exactly as
 * {@code holdfast run} starts it, a {@link RegionSimulator} at each region's URI (the first is the primary), one at
 * the escalation URI (a human agent), and a {@link SimulatedCaller}. Every route-change event goes to the events
 * file and to an in-memory queue the driver reads ({@link #nextEvent}). Each party speaks its own tone
 * ({@link #voiceOf}), so what the caller hears tells who it hears.
 *
 * <p>Threading: driven from one thread; the relay, the simulators and the caller run on their own loops.
 */
public final class FailoverRig implements AutoCloseable {
    /** The tones of the regions in priority order, then the escalation agent's: multiples of 50 Hz. */
    private static final int[] REGION_TONES_HZ = {400, 600, 700, 900};
    private static final int ESCALATION_TONE_HZ = 800;
    private static final String ESCALATION_NAME = "agents";

    private final HoldfastConfig config;
    private final RouteChangeWriter writer;
    private final LinkedBlockingQueue<RouteChangeEvent> events = new LinkedBlockingQueue<>();
    private final RegionSimulator escalation;
    private List<RegionSimulator> regions;
    private HoldfastRelay relay;
    private SimulatedCaller caller;

    private FailoverRig(HoldfastConfig config, RouteChangeWriter writer, List<RegionSimulator> regions,
                        RegionSimulator escalation) {
        this.config = config;
        this.writer = writer;
        this.regions = regions;
        this.escalation = escalation;
    }

    /**
     * Starts the simulators at the configuration's region and escalation URIs, then holdfast, then the caller.
     *
     * @throws IllegalStateException when a port cannot be bound (the message names it)
     * @throws IOException when the events file cannot be opened
     * @throws UnknownHostException when a region's host does not resolve
     */
    public static FailoverRig start(HoldfastConfig config) throws IOException, InterruptedException {
        List<RegionSimulator> regions = new ArrayList<>();
        RegionSimulator escalation = null;
        RouteChangeWriter writer = null;
        FailoverRig rig = null;
        try {
            for (int i = 0; i < config.regions().size(); i++) {
                RegionConfig region = config.regions().get(i);
                regions.add(RegionSimulator.start(simulatorConfig(region.name(), region.uri(),
                        REGION_TONES_HZ[i % REGION_TONES_HZ.length])));
            }
            if (config.escalation().isPresent()) {
                escalation = RegionSimulator.start(simulatorConfig(ESCALATION_NAME, config.escalation().get().uri(),
                        ESCALATION_TONE_HZ));
            }
            writer = RouteChangeWriter.start(config.events());
            rig = new FailoverRig(config, writer, List.copyOf(regions), escalation);
            RouteChangeWriter file = writer;
            LinkedBlockingQueue<RouteChangeEvent> queue = rig.events;
            rig.relay = HoldfastRelay.builder(config).events(event -> {
                file.publish(event);
                queue.add(event);
            }).start();
            rig.caller = SimulatedCaller.start(config.sip().listen().getAddress());
            return rig;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (rig != null) {
                rig.close();
            } else {
                regions.forEach(RegionSimulator::close);
                if (escalation != null) {
                    escalation.close();
                }
                if (writer != null) {
                    writer.close();
                }
            }
            throw e;
        }
    }

    private static RegionSimulatorConfig simulatorConfig(String name, SipUri uri, int toneHz) throws UnknownHostException {
        InetAddress host = InetAddress.getByName(uri.host());
        int port = uri.port() == SipUri.NO_PORT ? 5060 : uri.port();
        return new RegionSimulatorConfig(name, new InetSocketAddress(host, port), host,
                Optional.of(new InetSocketAddress(host, 0)), AgentVoice.tone(toneHz),
                NanoClock.system());
    }

    /**
     * {@code config} moved to free ports on its SIP listen address: holdfast's SIP on a port the OS picks, media on
     * ephemeral ports, each region and the escalation agent on a free UDP+TCP port, events in {@code eventsFile}.
     * For runs beside other programs (tests, benchmarks); the demo uses the configured ports.
     */
    public static HoldfastConfig onFreePorts(HoldfastConfig config, Path eventsFile) throws IOException {
        InetAddress host = config.sip().listen().getAddress();
        List<RegionConfig> regions = new ArrayList<>();
        for (RegionConfig region : config.regions()) {
            regions.add(new RegionConfig(region.name(), region.uri().withHost(host.getHostAddress(), freePort(host)),
                    region.priority(), Optional.empty(), region.optionsInterval()));
        }
        Optional<EscalationConfig> escalation = config.escalation().isEmpty() ? Optional.empty()
                : Optional.of(new EscalationConfig(config.escalation().get().uri().withHost(host.getHostAddress(),
                        freePort(host))));
        SipConfig sip = config.sip();
        MediaConfig media = config.media();
        return new HoldfastConfig(new SipConfig(new InetSocketAddress(host, 0), sip.t1(), sip.t2(), sip.t4(),
                sip.inviteTimeout(), sip.maxMessageBytes(), sip.passedHeaders()),
                new MediaConfig(media.address(), PortRange.EPHEMERAL, media.latch(), media.learningWindow()),
                regions, config.failover(), escalation, config.admin(),
                new EventsConfig(eventsFile, config.events().queueCapacity()), config.drainTimeout());
    }

    /** A port free for both UDP and TCP on {@code host}, as the OS picks it. */
    static int freePort(InetAddress host) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(host, 0))) {
                port = udp.getLocalPort();
            }
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(host, port));
                return port;
            } catch (IOException taken) {
                continue;
            }
        }
        throw new IOException("no port free for both UDP and TCP on " + host.getHostAddress() + " after 20 tries");
    }

    public HoldfastConfig config() {
        return config;
    }

    public HoldfastRelay relay() {
        return relay;
    }

    /** Where callers send their INVITEs: holdfast's bound SIP address (UDP). */
    public InetSocketAddress holdfastSipAddress() {
        return relay.sipAddress(Transport.UDP);
    }

    public SimulatedCaller caller() {
        return caller;
    }

    /** The simulated regions, in priority order; the first is the primary. */
    public List<RegionSimulator> regions() {
        return regions;
    }

    public RegionSimulator primary() {
        return regions.get(0);
    }

    /** The second region by priority: where a failover from the primary goes. */
    public RegionSimulator secondary() {
        return regions.get(1);
    }

    /** The simulated human agent at the escalation URI, if the configuration has one. */
    public Optional<RegionSimulator> escalation() {
        return Optional.ofNullable(escalation);
    }

    /** What the region (or escalation agent) of that name says. */
    public AgentVoice voiceOf(RegionSimulator simulator) {
        return simulator.config().voice();
    }

    /**
     * Replaces the region at {@code index} with a new simulator on the same SIP port (after it died), so the next call
     * can fail over again. Returns the new simulator.
     */
    public RegionSimulator restartRegion(int index) throws InterruptedException {
        RegionSimulator old = regions.get(index);
        old.close();
        RegionSimulator fresh = RegionSimulator.start(old.config());
        List<RegionSimulator> all = new ArrayList<>(regions);
        all.set(index, fresh);
        regions = List.copyOf(all);
        return fresh;
    }

    /**
     * The next route-change event that matches, waiting at most {@code timeout}; events before it are dropped.
     * Empty when none came in time.
     */
    public Optional<RouteChangeEvent> nextEvent(Predicate<RouteChangeEvent> condition, Duration timeout)
            throws InterruptedException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true) {
            long leftNs = deadlineNs - System.nanoTime();
            RouteChangeEvent event = leftNs <= 0 ? events.poll() : events.poll(leftNs, TimeUnit.NANOSECONDS);
            if (event == null) {
                return Optional.empty();
            }
            if (condition.test(event)) {
                return Optional.of(event);
            }
        }
    }

    /** Forgets the events not read yet. */
    public void clearEvents() {
        events.clear();
    }

    /** The events file. */
    public Path eventsFile() {
        return config.events().file();
    }

    /** Stops the caller, holdfast, the simulators, then writes every queued event and closes the events file. */
    @Override
    public void close() {
        if (caller != null) {
            caller.close();
        }
        if (relay != null) {
            relay.close();
        }
        regions.forEach(RegionSimulator::close);
        if (escalation != null) {
            escalation.close();
        }
        writer.close();
    }
}
