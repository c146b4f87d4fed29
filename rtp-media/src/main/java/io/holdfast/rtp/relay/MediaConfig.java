package io.holdfast.rtp.relay;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Media-plane configuration, bound once at start and passed down by constructors. Immutable; any thread.
 *
 * @param bindAddress the local address media ports bind to
 * @param portRangeStart first port of the media range (RTP ports are even, RTCP is RTP + 1 unless rtcp-mux);
 *     0 together with {@code portRangeEnd} 0 lets the operating system choose every port (tests only: RTCP is
 *     then not RTP + 1)
 * @param portRangeEnd last port of the media range, inclusive
 * @param rtcpMux whether RTP and RTCP share one port (RFC 5761)
 * @param portQuarantine how long a released port stays unused, so late packets of an old call never reach a new
 *     one
 * @param callerLatchPolicy how the caller's remote address is learnt (callers may sit behind NAT)
 * @param upstreamLatchPolicy how an upstream's remote address is learnt (regions have public addresses: strict)
 * @param learningWindow how long after signalling a non-signalled source may be learnt (LEARN_WITHIN_WINDOW)
 * @param upstreamMediaTimeout silence from the upstream, while the caller sends, after which the stream is
 *     reported ({@code failover.media-timeout})
 * @param callerMediaTimeout silence from the caller, while the upstream sends, after which the stream is reported
 * @param sampleInterval how often each stream's jitter, loss, packet count and RTT are sampled to the ring
 * @param sampleRingCapacity samples each loop's ring holds
 */
public record MediaConfig(
        InetAddress bindAddress,
        int portRangeStart,
        int portRangeEnd,
        boolean rtcpMux,
        Duration portQuarantine,
        LatchPolicy callerLatchPolicy,
        LatchPolicy upstreamLatchPolicy,
        Duration learningWindow,
        Duration upstreamMediaTimeout,
        Duration callerMediaTimeout,
        Duration sampleInterval,
        int sampleRingCapacity) {

    /** Default first media port. */
    public static final int DEFAULT_PORT_RANGE_START = 30000;
    /** Default last media port. */
    public static final int DEFAULT_PORT_RANGE_END = 39999;
    /** Default port quarantine. */
    public static final Duration DEFAULT_PORT_QUARANTINE = Duration.ofSeconds(30);
    /** Default latch policy of the caller side. */
    public static final LatchPolicy DEFAULT_CALLER_LATCH_POLICY = LatchPolicy.LEARN_WITHIN_WINDOW;
    /** Default latch policy of the upstream side. */
    public static final LatchPolicy DEFAULT_UPSTREAM_LATCH_POLICY = LatchPolicy.STRICT_SIGNALLED;
    /** Default learning window: rtpengine's delayed/heuristic learning also closes after 3 s. */
    public static final Duration DEFAULT_LEARNING_WINDOW = Duration.ofSeconds(3);
    /** Default upstream media timeout. */
    public static final Duration DEFAULT_UPSTREAM_MEDIA_TIMEOUT = Duration.ofMillis(60);
    /** Default caller media timeout. */
    public static final Duration DEFAULT_CALLER_MEDIA_TIMEOUT = Duration.ofSeconds(30);
    /** Default sample interval. */
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(1);
    /** Default sample ring capacity per loop. */
    public static final int DEFAULT_SAMPLE_RING_CAPACITY = 4096;
    /** Period of the media-timeout sweep: a timeout is detected at most this late. */
    public static final Duration SWEEP_INTERVAL = Duration.ofMillis(10);

    private static final int MAX_PORT = 65535;
    private static final Duration MAX_LEARNING_WINDOW = Duration.ofSeconds(30);

    /** Validates every field; messages name the key, the value and the fix. */
    public MediaConfig {
        Objects.requireNonNull(bindAddress, "media.bind-address is required");
        Objects.requireNonNull(callerLatchPolicy,
                "media.caller-latch-policy is required (STRICT_SIGNALLED or LEARN_WITHIN_WINDOW)");
        Objects.requireNonNull(upstreamLatchPolicy,
                "media.upstream-latch-policy is required (STRICT_SIGNALLED or LEARN_WITHIN_WINDOW)");
        if (!(portRangeStart == 0 && portRangeEnd == 0)) {
            if (portRangeStart < 1024 || portRangeEnd > MAX_PORT || portRangeStart > portRangeEnd) {
                throw new IllegalArgumentException("media.port-range " + portRangeStart + "-" + portRangeEnd
                        + " is invalid: give 1024 <= start <= end <= 65535");
            }
            final int firstEven = portRangeStart + (portRangeStart & 1);
            if (!rtcpMux && firstEven + 1 > portRangeEnd) {
                throw new IllegalArgumentException("media.port-range " + portRangeStart + "-" + portRangeEnd
                        + " holds no even/odd RTP/RTCP pair: widen it");
            }
        }
        requirePositive("media.port-quarantine", portQuarantine, true);
        requirePositive("media.learning-window", learningWindow, true);
        if (learningWindow.compareTo(MAX_LEARNING_WINDOW) > 0) {
            throw new IllegalArgumentException("media.learning-window " + learningWindow
                    + " is too long: a long window lets an attacker latch late in the call (RTP Bleed); give at most "
                    + MAX_LEARNING_WINDOW);
        }
        requirePositive("media.upstream-media-timeout", upstreamMediaTimeout, false);
        requirePositive("media.caller-media-timeout", callerMediaTimeout, false);
        requirePositive("media.sample-interval", sampleInterval, false);
        if (sampleRingCapacity < 16) {
            throw new IllegalArgumentException("media.sample-ring-capacity " + sampleRingCapacity
                    + " is too small: give at least 16");
        }
    }

    /** Returns the defaults, binding {@code bindAddress}. */
    public static MediaConfig defaults(InetAddress bindAddress) {
        return new MediaConfig(bindAddress, DEFAULT_PORT_RANGE_START, DEFAULT_PORT_RANGE_END, false,
                DEFAULT_PORT_QUARANTINE, DEFAULT_CALLER_LATCH_POLICY, DEFAULT_UPSTREAM_LATCH_POLICY,
                DEFAULT_LEARNING_WINDOW, DEFAULT_UPSTREAM_MEDIA_TIMEOUT,
                DEFAULT_CALLER_MEDIA_TIMEOUT, DEFAULT_SAMPLE_INTERVAL, DEFAULT_SAMPLE_RING_CAPACITY);
    }

    /** Returns the latch policy of a side. */
    public LatchPolicy latchPolicy(MediaSide side) {
        return side == MediaSide.CALLER ? callerLatchPolicy : upstreamLatchPolicy;
    }

    /** Returns the media timeout of the stream arriving from a side. */
    public Duration mediaTimeout(MediaSide side) {
        return side == MediaSide.CALLER ? callerMediaTimeout : upstreamMediaTimeout;
    }

    /** Returns whether the operating system chooses the ports (range 0-0, tests only). */
    public boolean ephemeralPorts() {
        return portRangeStart == 0 && portRangeEnd == 0;
    }

    private static void requirePositive(String key, Duration value, boolean zeroAllowed) {
        Objects.requireNonNull(value, key + " is required");
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(key + " " + value + " must be " + (zeroAllowed ? "zero or " : "")
                    + "positive");
        }
    }
}
