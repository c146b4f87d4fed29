package io.holdfast.benchmarks.sim;

import io.holdfast.rtp.packet.RtpSequenceNumber;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every RTP packet one party received, in arrival order, and what a listener would make of them: gaps,
 * SSRCs, sequence continuity. Holds at most {@link #capacity()} packets (then counts only), so a long run
 * cannot exhaust memory.
 *
 * <p>Threading: written by one thread (the owner's event loop) and readable from any thread. The writer
 * stores a packet, then publishes the new count through a volatile write; a reader reads the count first and
 * sees every packet below it.
 */
public final class RtpRecording {
    /** Thirty minutes of 50 packets per second. */
    public static final int DEFAULT_CAPACITY = 90_000;

    private final ReceivedRtp[] packets;
    private volatile int count;
    private volatile long dropped;

    public RtpRecording() {
        this(DEFAULT_CAPACITY);
    }

    public RtpRecording(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.packets = new ReceivedRtp[capacity];
    }

    /** Adds a packet. The owner's thread only. */
    void add(ReceivedRtp packet) {
        int n = count;
        if (n == packets.length) {
            dropped++;
            return;
        }
        packets[n] = packet;
        count = n + 1;
    }

    public int capacity() {
        return packets.length;
    }

    /** Packets recorded. */
    public int count() {
        return count;
    }

    /** Packets received after the recording was full, not recorded. */
    public long overflowCount() {
        return dropped;
    }

    /** The packets recorded so far, in arrival order. */
    public List<ReceivedRtp> packets() {
        return List.of(Arrays.copyOf(packets, count));
    }

    /** The arrival time of the last packet, or {@code -1} when none arrived. */
    public long lastArrivalNs() {
        int n = count;
        return n == 0 ? -1 : packets[n - 1].arrivalNs();
    }

    /** The distinct SSRCs, in order of first appearance. */
    public Set<Long> ssrcs() {
        Set<Long> ssrcs = new LinkedHashSet<>();
        for (ReceivedRtp packet : packets()) {
            ssrcs.add(packet.ssrc());
        }
        return ssrcs;
    }

    /** Places where the sequence number is not the one before plus one (mod 2^16): losses, repeats, reorders. */
    public int sequenceBreaks() {
        List<ReceivedRtp> all = packets();
        int breaks = 0;
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).sequenceNumber() != RtpSequenceNumber.next(all.get(i - 1).sequenceNumber())) {
                breaks++;
            }
        }
        return breaks;
    }

    /** One stream as a jitter buffer wants it: at most one SSRC and every sequence number following the last. */
    public boolean isContinuous() {
        return ssrcs().size() <= 1 && sequenceBreaks() == 0;
    }

    /** The longest time between two consecutive arrivals, or 0 with fewer than two packets. */
    public long maxGapNs() {
        List<ReceivedRtp> all = packets();
        long max = 0;
        for (int i = 1; i < all.size(); i++) {
            max = Math.max(max, all.get(i).arrivalNs() - all.get(i - 1).arrivalNs());
        }
        return max;
    }

    /**
     * The longest time between two consecutive arrivals where the later one arrived in
     * {@code [fromNs, toNs]} (compared as differences, so the clock may wrap): the gap a listener heard
     * around an event.
     */
    public long maxGapNs(long fromNs, long toNs) {
        List<ReceivedRtp> all = packets();
        long max = 0;
        for (int i = 1; i < all.size(); i++) {
            long arrival = all.get(i).arrivalNs();
            if (arrival - fromNs >= 0 && toNs - arrival >= 0) {
                max = Math.max(max, arrival - all.get(i - 1).arrivalNs());
            }
        }
        return max;
    }

    /** The first packet that arrived at or after {@code fromNs} and matches, or {@code null}. */
    public ReceivedRtp firstMatching(long fromNs, Predicate<ReceivedRtp> condition) {
        for (ReceivedRtp packet : packets()) {
            if (packet.arrivalNs() - fromNs >= 0 && condition.test(packet)) {
                return packet;
            }
        }
        return null;
    }

    /** The packets that match, in arrival order. */
    public List<ReceivedRtp> matching(Predicate<ReceivedRtp> condition) {
        List<ReceivedRtp> found = new ArrayList<>();
        for (ReceivedRtp packet : packets()) {
            if (condition.test(packet)) {
                found.add(packet);
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return "RtpRecording[" + count + " packets]";
    }
}
