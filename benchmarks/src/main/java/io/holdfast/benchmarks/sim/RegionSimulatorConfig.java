package io.holdfast.benchmarks.sim;

import io.holdfast.relay.time.NanoClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to run one simulated region. Immutable; validated when built.
 *
 * @param name         the region's name, as in holdfast's configuration ({@code east})
 * @param sipListen    where its SIP UAS listens, UDP and TCP (port 0 picks a free port)
 * @param mediaAddress the address its RTP ports bind to (each call gets a free port)
 * @param healthListen where its AI-stack health URL listens (port 0 picks one), or empty for none
 * @param voice        what its agent says on every call
 * @param clock        stamps what it records
 */
public record RegionSimulatorConfig(String name, InetSocketAddress sipListen, InetAddress mediaAddress,
                                    Optional<InetSocketAddress> healthListen, AgentVoice voice, NanoClock clock) {
    /** The tone the agent speaks unless told otherwise. */
    public static final int DEFAULT_TONE_HZ = 400;
    /** The demo's regions listen where holdfast's built-in default configuration sends them. */
    public static final int DEMO_EAST_SIP_PORT = 5080;
    public static final int DEMO_WEST_SIP_PORT = 5090;

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

    public RegionSimulatorConfig {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("region name must be 1 to 32 lower-case letters, digits and '-': " + name);
        }
        Objects.requireNonNull(sipListen, "sipListen");
        Objects.requireNonNull(mediaAddress, "mediaAddress");
        Objects.requireNonNull(healthListen, "healthListen");
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(clock, "clock");
        if (sipListen.isUnresolved() || sipListen.getAddress().isAnyLocalAddress()) {
            throw new IllegalArgumentException("region " + name + " must listen on a concrete address, was " + sipListen);
        }
    }

    /** Everything on {@code address} with free ports, the default tone, a health URL. */
    public static RegionSimulatorConfig on(String name, InetAddress address) {
        return new RegionSimulatorConfig(name, new InetSocketAddress(address, 0), address,
                Optional.of(new InetSocketAddress(address, 0)), AgentVoice.tone(DEFAULT_TONE_HZ), NanoClock.system());
    }

    /** {@link #on} on the loopback address: what integration tests use. */
    public static RegionSimulatorConfig loopback(String name) {
        return on(name, InetAddress.getLoopbackAddress());
    }

    /** A region of {@code holdfast demo}: SIP on a fixed loopback port, RTP and health on free ones. */
    public static RegionSimulatorConfig demo(String name, int sipPort, AgentVoice voice) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        return new RegionSimulatorConfig(name, new InetSocketAddress(loopback, sipPort), loopback,
                Optional.of(new InetSocketAddress(loopback, 0)), voice, NanoClock.system());
    }

    public RegionSimulatorConfig withVoice(AgentVoice newVoice) {
        return new RegionSimulatorConfig(name, sipListen, mediaAddress, healthListen, newVoice, clock);
    }

    public RegionSimulatorConfig withSipPort(int port) {
        return new RegionSimulatorConfig(name, new InetSocketAddress(sipListen.getAddress(), port), mediaAddress,
                healthListen, voice, clock);
    }

    public RegionSimulatorConfig withHealthListen(Optional<InetSocketAddress> listen) {
        return new RegionSimulatorConfig(name, sipListen, mediaAddress, listen, voice, clock);
    }

    public RegionSimulatorConfig withClock(NanoClock newClock) {
        return new RegionSimulatorConfig(name, sipListen, mediaAddress, healthListen, voice, newClock);
    }
}
