package io.holdfast.relay.config;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inclusive range of UDP ports for anchored media, written {@code 30000-30999}. It starts on an
 * even port (RTP takes the even port of a pair, RTCP the odd one above it, RFC 3550 §11), holds at
 * least {@value #MIN_PORTS} ports and stays within {@value #MIN_PORT}..{@value #MAX_PORT}. The
 * special range {@code 0-0} ({@link #EPHEMERAL}) lets the operating system choose every media port:
 * for tests, never for production (RTCP is then not RTP + 1, and no port is quarantined).
 *
 * @param first the first port, even
 * @param last the last port, inclusive
 */
public record PortRange(int first, int last) {
    /** The lowest port a range may use: below it lie the privileged ports. */
    public static final int MIN_PORT = 1024;
    public static final int MAX_PORT = 65535;
    /** Two RTP/RTCP pairs: one call's two legs. */
    public static final int MIN_PORTS = 4;

    /** {@code 0-0}: the operating system chooses each port (tests only). */
    public static final PortRange EPHEMERAL = new PortRange(0, 0);

    static final String EXAMPLE = "30000-30999";

    private static final Pattern SYNTAX = Pattern.compile("\\s*(\\d{1,5})\\s*-\\s*(\\d{1,5})\\s*");

    public PortRange {
        String problem = problem(first, last);
        if (problem != null) {
            throw new IllegalArgumentException("port range " + first + "-" + last + " " + problem);
        }
    }

    /**
     * Parses {@code 30000-30999}.
     *
     * @throws IllegalArgumentException with a message that quotes the text and says what to write
     */
    public static PortRange parse(String text) {
        Objects.requireNonNull(text, "text");
        String quoted = ConfigProblem.quote(text);
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(quoted + " is not a port range; write it like " + EXAMPLE);
        }
        int first = Integer.parseInt(m.group(1));
        int last = Integer.parseInt(m.group(2));
        String problem = problem(first, last);
        if (problem != null) {
            throw new IllegalArgumentException(quoted + " " + problem);
        }
        return new PortRange(first, last);
    }

    /** True for {@code 0-0}: the operating system chooses the ports. */
    public boolean isEphemeral() {
        return first == 0 && last == 0;
    }

    /** How many ports the range holds; 0 for {@link #EPHEMERAL}. */
    public int size() {
        return isEphemeral() ? 0 : last - first + 1;
    }

    /** How many RTP/RTCP pairs fit: an odd last port completes the last pair, an even one is left over. */
    public int pairCount() {
        return size() / 2;
    }

    /** False for every port when {@link #isEphemeral}: no port is reserved. */
    public boolean contains(int port) {
        return !isEphemeral() && port >= first && port <= last;
    }

    public boolean overlaps(PortRange other) {
        return !isEphemeral() && !other.isEphemeral() && first <= other.last && other.first <= last;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }

    private static String problem(int first, int last) {
        if (first == 0 && last == 0) {
            return null;
        }
        if (last < first) {
            return "ends before it starts; write it like " + EXAMPLE;
        }
        if (first < MIN_PORT || last > MAX_PORT) {
            return "is outside " + MIN_PORT + "-" + MAX_PORT + "; write a range like " + EXAMPLE;
        }
        if (first % 2 != 0) {
            return "starts on an odd port; start on an even port (RTP even, RTCP odd), like " + EXAMPLE;
        }
        if (last - first + 1 < MIN_PORTS) {
            return "holds " + (last - first + 1) + " ports; write a range of at least " + MIN_PORTS
                    + " ports, like " + EXAMPLE;
        }
        return null;
    }
}
