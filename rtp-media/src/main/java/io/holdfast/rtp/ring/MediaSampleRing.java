package io.holdfast.rtp.ring;

import io.holdfast.rtp.stats.MediaCounter;
import io.holdfast.rtp.stats.MediaCounters;
import org.jctools.queues.SpscArrayQueue;

/**
 * A lock-free single-producer, single-consumer ring of media samples, one per event loop. Samples are fixed-size
 * records preallocated at construction: {@code streamId (long), upstreamTag (int), kind (enum), value (double),
 * timeNs (long)}. The producer takes an empty record from the free queue, fills it in place and publishes it;
 * the consumer hands the fields to a {@link MediaSampleHandler} and returns the record to the free queue. Both
 * queues are JCTools {@link SpscArrayQueue}s (release/acquire hand-over, no lock), so neither side allocates.
 *
 * <p>{@link #offer} is called only by the owning event loop and never blocks: when every record is in flight
 * (the consumer has fallen behind) the sample is dropped and {@link MediaCounter#SAMPLES_DROPPED_RING_FULL} is
 * incremented. {@link #drain} is called only by one consumer thread.
 */
public final class MediaSampleRing {

    /** Default capacity in samples. */
    public static final int DEFAULT_CAPACITY = 4096;

    private final SpscArrayQueue<Sample> published;
    private final SpscArrayQueue<Sample> free;
    private final MediaCounters counters;
    private final int capacity;
    private Sample spare;

    /**
     * Creates a ring and preallocates its records.
     *
     * @param capacity the number of samples the ring holds, at least 16
     * @param counters the producing loop's counters (for {@link MediaCounter#SAMPLES_DROPPED_RING_FULL})
     */
    public MediaSampleRing(int capacity, MediaCounters counters) {
        if (capacity < 16) {
            throw new IllegalArgumentException("ring capacity must be at least 16 samples: " + capacity);
        }
        this.capacity = capacity;
        this.counters = counters;
        this.published = new SpscArrayQueue<>(capacity);
        this.free = new SpscArrayQueue<>(capacity);
        for (int i = 0; i < capacity; i++) {
            free.offer(new Sample());
        }
    }

    /**
     * Publishes one sample. Producer (owning loop) only; never blocks, never allocates.
     *
     * @return true if the sample was published, false if the ring was full and the sample was dropped
     */
    public boolean offer(long streamId, int upstreamTag, MediaSampleKind kind, double value, long timeNs) {
        Sample sample = spare;
        spare = null;
        if (sample == null) {
            sample = free.poll();
        }
        if (sample == null) {
            counters.increment(MediaCounter.SAMPLES_DROPPED_RING_FULL);
            return false;
        }
        sample.streamId = streamId;
        sample.upstreamTag = upstreamTag;
        sample.kind = kind;
        sample.value = value;
        sample.timeNs = timeNs;
        if (!published.offer(sample)) {
            spare = sample;
            counters.increment(MediaCounter.SAMPLES_DROPPED_RING_FULL);
            return false;
        }
        return true;
    }

    /**
     * Hands up to {@code limit} samples to {@code handler}, oldest first. Consumer thread only.
     *
     * @return the number of samples handed over
     */
    public int drain(MediaSampleHandler handler, int limit) {
        int drained = 0;
        while (drained < limit) {
            final Sample sample = published.poll();
            if (sample == null) {
                break;
            }
            try {
                handler.onSample(sample.streamId, sample.upstreamTag, sample.kind, sample.value, sample.timeNs);
            } finally {
                free.offer(sample);
            }
            drained++;
        }
        return drained;
    }

    /** Returns the samples dropped because the ring was full. Any thread. */
    public long droppedSamples() {
        return counters.get(MediaCounter.SAMPLES_DROPPED_RING_FULL);
    }

    /** Returns the number of published samples not yet drained (an estimate when read concurrently). */
    public int size() {
        return published.size();
    }

    /** Returns the number of samples the ring holds. */
    public int capacity() {
        return capacity;
    }

    /** One preallocated sample record; its fields are handed over through the queues' release/acquire. */
    private static final class Sample {
        private long streamId;
        private int upstreamTag;
        private MediaSampleKind kind;
        private double value;
        private long timeNs;
    }
}
