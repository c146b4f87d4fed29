package io.holdfast.rtp.relay;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.agrona.collections.IntArrayQueue;
import org.agrona.concurrent.NanoClock;

/**
 * Hands out media ports from a range: an even RTP port whose RTCP port is the next odd one, or, under rtcp-mux
 * (RFC 5761), single ports. Allocation and release are O(1): free ports wait in a FIFO queue (shuffled once at
 * construction, so port numbers are hard to predict); a released port first waits in a quarantine queue, ordered
 * by release time, for the grace period, so that late packets of a finished call never reach the next one.
 *
 * <p>Exhaustion is a result, {@link #EXHAUSTED}, never an exception; a release of a port that is not allocated
 * (a double release, or a port from elsewhere) is counted and ignored. Nothing leaks: every allocated port is
 * either in use, in quarantine, or free.
 *
 * <p>Confined to one thread: build one allocator per event loop over its own slice of the range
 * ({@link #forLoop}).
 */
public final class PortAllocator {

    /** Returned by {@link #allocate} when no port is free. */
    public static final int EXHAUSTED = -1;

    private static final byte FREE = 0;
    private static final byte ALLOCATED = 1;
    private static final byte QUARANTINED = 2;

    private final int firstPort;
    private final int stride;
    private final int slots;
    private final long quarantineNs;
    private final NanoClock clock;
    private final byte[] state;
    private final long[] releasedAtNs;
    private final IntArrayQueue free;
    private final IntArrayQueue quarantine;
    private int inUse;
    private long exhaustions;
    private long doubleReleases;

    /**
     * Creates an allocator over {@code [firstPort, lastPort]}.
     *
     * @param firstPort first port of the range; without rtcp-mux, rounded up to even
     * @param lastPort last port of the range, inclusive
     * @param rtcpMux true for single ports, false for even/odd pairs
     * @param quarantine how long a released port stays unused
     * @param clock the loop's clock
     * @param shuffle the source of randomness for the initial order of free ports
     */
    public PortAllocator(int firstPort, int lastPort, boolean rtcpMux, Duration quarantine, NanoClock clock,
            RandomGenerator shuffle) {
        this.stride = rtcpMux ? 1 : 2;
        this.firstPort = rtcpMux ? firstPort : firstPort + (firstPort & 1);
        this.slots = Math.max(0, (lastPort - this.firstPort + 1) / stride);
        if (slots == 0 || firstPort < 1 || lastPort > 65535) {
            throw new IllegalArgumentException("port range " + firstPort + "-" + lastPort + " holds no "
                    + (rtcpMux ? "port" : "even/odd port pair"));
        }
        this.quarantineNs = quarantine.toNanos();
        this.clock = clock;
        this.state = new byte[slots];
        this.releasedAtNs = new long[slots];
        final int queueCapacity = Math.max(IntArrayQueue.MIN_CAPACITY, slots);
        this.free = new IntArrayQueue(queueCapacity, -1);
        this.quarantine = new IntArrayQueue(queueCapacity, -1);
        final int[] order = new int[slots];
        for (int i = 0; i < slots; i++) {
            order[i] = i;
        }
        for (int i = slots - 1; i > 0; i--) {
            final int j = shuffle.nextInt(i + 1);
            final int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        for (int slot : order) {
            free.offerInt(slot);
        }
    }

    /**
     * Creates the allocator of one event loop: the range is cut into {@code loopCount} contiguous slices of
     * whole slots and this loop gets slice {@code loopIndex}.
     */
    public static PortAllocator forLoop(MediaConfig config, int loopIndex, int loopCount, NanoClock clock,
            RandomGenerator shuffle) {
        if (loopIndex < 0 || loopIndex >= loopCount) {
            throw new IllegalArgumentException("loop " + loopIndex + " of " + loopCount);
        }
        final int stride = config.rtcpMux() ? 1 : 2;
        final int first = config.rtcpMux() ? config.portRangeStart()
                : config.portRangeStart() + (config.portRangeStart() & 1);
        final int totalSlots = (config.portRangeEnd() - first + 1) / stride;
        final int perLoop = totalSlots / loopCount;
        if (perLoop == 0) {
            throw new IllegalArgumentException("media.port-range " + config.portRangeStart() + "-"
                    + config.portRangeEnd() + " is too small for " + loopCount + " event loops: widen it");
        }
        final int sliceFirst = first + loopIndex * perLoop * stride;
        return new PortAllocator(sliceFirst, sliceFirst + perLoop * stride - 1, config.rtcpMux(),
                config.portQuarantine(), clock, shuffle);
    }

    /**
     * Allocates a port: the RTP port (its RTCP port is the next one unless rtcp-mux).
     *
     * @return the port, or {@link #EXHAUSTED} when every port is in use or in quarantine
     */
    public int allocate() {
        releaseMatured(clock.nanoTime());
        final int slot = free.pollInt();
        if (slot < 0) {
            exhaustions++;
            return EXHAUSTED;
        }
        state[slot] = ALLOCATED;
        inUse++;
        return firstPort + slot * stride;
    }

    /**
     * Returns a port to the allocator; it becomes free after the quarantine.
     *
     * @return true if the port was allocated; false (counted, nothing changed) for a double release or a port
     *     this allocator does not own
     */
    public boolean release(int port) {
        final int offset = port - firstPort;
        final int slot = offset / stride;
        if (offset < 0 || offset % stride != 0 || slot >= slots || state[slot] != ALLOCATED) {
            doubleReleases++;
            return false;
        }
        state[slot] = QUARANTINED;
        releasedAtNs[slot] = clock.nanoTime();
        quarantine.offerInt(slot);
        inUse--;
        return true;
    }

    /** Returns whether {@code port} is an RTP port of this allocator's range. */
    public boolean owns(int port) {
        final int offset = port - firstPort;
        return offset >= 0 && offset % stride == 0 && offset / stride < slots;
    }

    /** Returns the number of ports (or pairs) the allocator manages. */
    public int capacity() {
        return slots;
    }

    /** Returns the number of ports allocated and not released. */
    public int inUse() {
        return inUse;
    }

    /** Returns the number of released ports still in quarantine (as of the last allocate). */
    public int quarantined() {
        return quarantine.size();
    }

    /** Returns the number of ports that can be allocated now. */
    public int available() {
        releaseMatured(clock.nanoTime());
        return free.size();
    }

    /** Returns how many allocations found the range exhausted. */
    public long exhaustions() {
        return exhaustions;
    }

    /** Returns how many releases were ignored (double releases and foreign ports). */
    public long doubleReleases() {
        return doubleReleases;
    }

    private void releaseMatured(long nowNs) {
        while (!quarantine.isEmpty()) {
            final int slot = quarantine.peekInt();
            if (releasedAtNs[slot] + quarantineNs - nowNs > 0) {
                return;
            }
            quarantine.pollInt();
            state[slot] = FREE;
            free.offerInt(slot);
        }
    }
}
