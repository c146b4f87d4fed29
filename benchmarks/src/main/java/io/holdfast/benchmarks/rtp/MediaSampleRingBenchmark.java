package io.holdfast.benchmarks.rtp;

import io.holdfast.rtp.ring.MediaSampleHandler;
import io.holdfast.rtp.ring.MediaSampleKind;
import io.holdfast.rtp.ring.MediaSampleRing;
import io.holdfast.rtp.stats.MediaCounters;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The media sample ring: offer and drain on one thread (the cost of a sample, without contention), and a
 * producer and a consumer thread in one group (the event loop and the health agent). Zero allocation expected.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MediaSampleRingBenchmark {

    /** A ring used by one thread. */
    @State(Scope.Thread)
    public static class SingleThread {
        MediaSampleRing ring;
        Blackhole blackhole;
        MediaSampleHandler handler;
        long time;

        /** Creates the ring and a handler that feeds the blackhole. */
        @Setup
        public void setUp(Blackhole hole) {
            ring = new MediaSampleRing(1024, new MediaCounters());
            blackhole = hole;
            handler = (streamId, upstreamTag, kind, value, timeNs) -> blackhole.consume(value);
        }
    }

    /** A ring shared by a producer and a consumer thread. */
    @State(Scope.Group)
    public static class Shared {
        MediaSampleRing ring;

        /** Creates the ring. */
        @Setup
        public void setUp() {
            ring = new MediaSampleRing(MediaSampleRing.DEFAULT_CAPACITY, new MediaCounters());
        }
    }

    /** The consumer's handler, per consumer thread. */
    @State(Scope.Thread)
    public static class Consumer {
        Blackhole blackhole;
        MediaSampleHandler handler;

        /** Creates a handler that feeds the blackhole. */
        @Setup
        public void setUp(Blackhole hole) {
            blackhole = hole;
            handler = (streamId, upstreamTag, kind, value, timeNs) -> blackhole.consume(timeNs);
        }
    }

    /** Offer one sample, then drain it. */
    @Benchmark
    public int offerThenDrain(SingleThread state) {
        state.ring.offer(42L, 7, MediaSampleKind.JITTER_MS, 1.5, state.time++);
        return state.ring.drain(state.handler, 1);
    }

    /** Producer side: offer (a full ring drops and counts). */
    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public boolean offer(Shared shared) {
        return shared.ring.offer(42L, 7, MediaSampleKind.LOSS_FRACTION, 0.01, 1L);
    }

    /** Consumer side: drain up to 64 samples. */
    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public int drain(Shared shared, Consumer consumer) {
        return shared.ring.drain(consumer.handler, 64);
    }
}
