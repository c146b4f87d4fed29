package io.holdfast.relay.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Anchored media: the address both legs' ports are bound to (and written into SDP), the port range
 * they are taken from, and how a leg latches onto its peer.
 * Immutable; safe on any thread.
 *
 * @param address the IP address media ports bind to and SDP announces
 * @param ports the ports anchored RTP/RTCP pairs are taken from; {@code 0-0} lets the operating
 *              system choose (tests)
 * @param latch how a leg learns its remote address
 * @param learningWindow how long after each offer or answer a latch may be learned
 */
public record MediaConfig(InetAddress address, PortRange ports, LatchPolicy latch, Duration learningWindow) {
    public static final InetAddress DEFAULT_ADDRESS = SocketAddressSyntax.parseAddress("127.0.0.1");
    public static final PortRange DEFAULT_PORTS = new PortRange(30_000, 30_999);
    public static final LatchPolicy DEFAULT_LATCH = LatchPolicy.SIGNALLED;
    public static final Duration DEFAULT_LEARNING_WINDOW = Duration.ofSeconds(2);
    public static final Duration MIN_LEARNING_WINDOW = Duration.ofMillis(20);
    /** The media plane's own ceiling: a longer window lets an attacker latch late in the call (RTP Bleed). */
    public static final Duration MAX_LEARNING_WINDOW = Duration.ofSeconds(30);

    public static final MediaConfig DEFAULT = new MediaConfig(DEFAULT_ADDRESS, DEFAULT_PORTS, DEFAULT_LATCH,
            DEFAULT_LEARNING_WINDOW);

    public MediaConfig {
        Objects.requireNonNull(address, "media.address");
        Objects.requireNonNull(ports, "media.ports");
        Objects.requireNonNull(latch, "media.latch");
        ConfigDuration.requireWithin("media.learning-window", learningWindow, MIN_LEARNING_WINDOW, MAX_LEARNING_WINDOW);
    }
}
