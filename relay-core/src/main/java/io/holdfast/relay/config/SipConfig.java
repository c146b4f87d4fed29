package io.holdfast.relay.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SIP signalling: the address holdfast listens on (UDP and TCP), the RFC 3261 timers, the
 * initial-call timeout, the message size limit and the headers passed from the caller to regions.
 * Immutable; safe on any thread.
 *
 * @param listen where SIP is received, UDP and TCP; port 0 picks a free port (tests)
 * @param t1 RFC 3261 T1, the round-trip estimate that paces retransmissions
 * @param t2 RFC 3261 T2, the longest retransmission interval for non-INVITE requests; at least t1
 * @param t4 RFC 3261 T4, how long a message may remain in the network
 * @param inviteTimeout how long an INVITE to a region may go unanswered (no final response) before
 *                      the next region is tried; at most Timer B (64 × t1)
 * @param maxMessageBytes the largest SIP message accepted, datagram or stream frame
 * @param passedHeaders caller headers copied to the region's INVITE, in this order; no header
 *                      holdfast sets itself on each leg
 */
public record SipConfig(InetSocketAddress listen, Duration t1, Duration t2, Duration t4, Duration inviteTimeout,
                        int maxMessageBytes, List<String> passedHeaders) {
    public static final InetSocketAddress DEFAULT_LISTEN = new InetSocketAddress("127.0.0.1", 5060);
    public static final Duration DEFAULT_T1 = Duration.ofMillis(500);
    public static final Duration MIN_T1 = Duration.ofMillis(50);
    public static final Duration MAX_T1 = Duration.ofSeconds(10);
    public static final Duration DEFAULT_T2 = Duration.ofSeconds(4);
    public static final Duration MAX_T2 = Duration.ofSeconds(60);
    public static final Duration DEFAULT_T4 = Duration.ofSeconds(5);
    public static final Duration MIN_T4 = Duration.ofMillis(100);
    public static final Duration MAX_T4 = Duration.ofSeconds(60);
    public static final Duration DEFAULT_INVITE_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration MIN_INVITE_TIMEOUT = Duration.ofMillis(100);
    /** RFC 3261 §18.1.1: UDP implementations must take messages up to the datagram limit. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 65_535;
    public static final int MIN_MAX_MESSAGE_BYTES = 4_096;
    public static final int MAX_MAX_MESSAGE_BYTES = 1_048_576;
    public static final List<String> DEFAULT_PASSED_HEADERS = List.of("P-Asserted-Identity", "Diversion", "User-Agent");
    /** Timer B = 64 × T1 (RFC 3261 §17.1.1.2). */
    public static final int TIMER_B_T1_MULTIPLE = 64;

    /**
     * Headers holdfast writes itself on each leg (dialog, transaction, routing, body, session timer,
     * authentication, and its own {@code X-Holdfast-*}), lower case, compact forms included: passing
     * the caller's copy would break the leg or leak the caller's side.
     */
    static final Set<String> MANAGED_HEADERS = Set.of(
            "via", "v", "from", "f", "to", "t", "call-id", "i", "cseq", "max-forwards", "contact", "m",
            "route", "record-route", "content-type", "c", "content-length", "l", "content-encoding", "e",
            "content-disposition", "mime-version", "supported", "k", "require", "proxy-require", "allow",
            "session-expires", "x", "min-se", "reason", "rseq", "rack", "authorization", "proxy-authorization",
            "www-authenticate", "proxy-authenticate", "refer-to", "r", "referred-by", "b", "replaces");
    static final String HOLDFAST_HEADER_PREFIX = "x-holdfast-";

    /** RFC 3261 §25.1 token: the characters a header name may hold. */
    static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9.!%*_+`'~-]+");

    public static final SipConfig DEFAULT = new SipConfig(DEFAULT_LISTEN, DEFAULT_T1, DEFAULT_T2, DEFAULT_T4,
            DEFAULT_INVITE_TIMEOUT, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_PASSED_HEADERS);

    public SipConfig {
        Objects.requireNonNull(listen, "sip.listen");
        ConfigDuration.requireWithin("sip.t1", t1, MIN_T1, MAX_T1);
        ConfigDuration.requireWithin("sip.t2", t2, t1, MAX_T2);
        ConfigDuration.requireWithin("sip.t4", t4, MIN_T4, MAX_T4);
        ConfigDuration.requireWithin("sip.invite-timeout", inviteTimeout, MIN_INVITE_TIMEOUT, timerB(t1));
        if (maxMessageBytes < MIN_MAX_MESSAGE_BYTES || maxMessageBytes > MAX_MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("sip.max-message-bytes must be from " + MIN_MAX_MESSAGE_BYTES + " to "
                    + MAX_MAX_MESSAGE_BYTES + ", was " + maxMessageBytes);
        }
        passedHeaders = List.copyOf(passedHeaders);
        for (String header : passedHeaders) {
            if (!HEADER_NAME.matcher(header).matches() || isManagedHeader(header)) {
                throw new IllegalArgumentException("sip.passed-headers cannot hold " + header);
            }
        }
    }

    /** Timer B for this T1: how long a client INVITE transaction lives without a final response. */
    public Duration timerB() {
        return timerB(t1);
    }

    /** True when the caller's header of that name (in any case) is passed to regions. */
    public boolean passes(String headerName) {
        for (String header : passedHeaders) {
            if (header.equalsIgnoreCase(headerName)) {
                return true;
            }
        }
        return false;
    }

    static Duration timerB(Duration t1) {
        return t1.multipliedBy(TIMER_B_T1_MULTIPLE);
    }

    static boolean isManagedHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return MANAGED_HEADERS.contains(lower) || lower.startsWith(HOLDFAST_HEADER_PREFIX);
    }
}
