package io.holdfast.benchmarks.rtp;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * What one run of the media load measured, over its measurement window. Latencies are one-way, from the generator's
 * send syscall to the receiver's read, through the relay and two loopback hops (or one hop without relay); CPU is the
 * relay process's.
 *
 * @param label what the first column says (the offered rate, "flat out", "(no relay)")
 * @param offeredPps the rate asked for, 0 in flat-out mode
 * @param streams the number of streams (sessions)
 * @param windowNs the length of the measurement window
 * @param sent packets sent in the window
 * @param received packets of the window received (after a drain)
 * @param sequenceGaps packets received out of sequence (a gap or a reorder) over the whole run
 * @param relayDropped packets the relay dropped (not writable, no target, malformed, foreign), whole run
 * @param relayForwarded RTP packets the relay forwarded in the window
 * @param relayLoopCpuNs CPU time of the relay's event-loop threads in the window
 * @param relayProcessCpuNs CPU time of the whole relay process in the window (GC and JIT included)
 * @param relayGcs garbage collections in the relay in the window
 * @param latencyNs the one-way latency of every packet of the window, from its send syscall
 * @param scheduleLatencyNs the one-way latency of every packet of the window from the time it was due (the
 *     generator's lag included; empty in flat-out mode)
 * @param generatorMaxLagNs the largest delay of a send behind its schedule
 * @param generatorLateSends sends more than 1 ms behind schedule
 * @param relaySyscalls system calls of the relay process in the window (perf stat), or -1
 * @param relayContextSwitches context switches of the relay process in the window (perf stat), or -1
 * @param relayFellBehind times the relay's loops fell behind in the window (then they read ports until empty), or -1
 * @param relayRunQueueWaitNs how long the relay's event-loop threads waited, runnable, for a CPU in the window
 *     (Linux schedstat), or -1
 * @param harnessRunQueueWaitNs the same for the harness's generator and receiver threads, or -1
 * @param harnessCpuNs CPU time of the harness's generator and receiver threads in the window, or -1
 * @param relayJitMs compilation time the relay's JVM reports for the window (elapsed, so it grows when the compiler
 *     threads wait for a CPU; the compilers' CPU is in the process CPU, not in the loops'), or -1
 * @param relaySocketDrops datagrams the kernel dropped at the relay's full socket buffers from the window's start to
 *     the end of the drain (/proc/net/udp), or -1
 * @param harnessSocketDrops the same at the harness's sockets (its receiver fell behind), or -1
 * @param loadAverage the machine's load averages when the run started
 */
record LoadResult(String label, int offeredPps, int streams, long windowNs, long sent, long received,
        long sequenceGaps, long relayDropped, long relayForwarded, long relayLoopCpuNs, long relayProcessCpuNs,
        long relayGcs, Histogram latencyNs, Histogram scheduleLatencyNs, long generatorMaxLagNs,
        long generatorLateSends, long relaySyscalls, long relayContextSwitches, long relayFellBehind,
        long relayRunQueueWaitNs, long harnessRunQueueWaitNs, long harnessCpuNs, long relayJitMs,
        long relaySocketDrops, long harnessSocketDrops, String loadAverage) {

    /** Share of the offered rate that must arrive for a run to count as carrying the rate. */
    static final double SUSTAINED_SHARE = 0.95;

    private static final double NANOS_PER_SECOND = 1e9;
    private static final double NANOS_PER_MICRO = 1e3;

    /** Header of {@link #markdownRow}. */
    static final String MARKDOWN_HEADER = """
            | offered pps | streams | achieved pps | lost | loss % | p50 µs | p99 µs | p99.9 µs | max µs \
            | p99 µs from schedule | relay CPU µs/pkt (loop threads) | relay CPU µs/pkt (process) | relay syscalls/pkt \
            | relay ctx switches/pkt | relay GCs | generator max lag ms | relay loop CPU wait ms/s \
            | harness CPU wait ms/s | harness CPU µs/pkt | socket drops relay / harness | load avg (1 5 15 min) |
            |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|""";

    long lost() {
        return sent - received;
    }

    double lossPercent() {
        return sent == 0 ? 0 : 100.0 * lost() / sent;
    }

    double achievedPps() {
        return received * NANOS_PER_SECOND / windowNs;
    }

    double percentileMicros(double percentile) {
        return latencyNs.getValueAtPercentile(percentile) / NANOS_PER_MICRO;
    }

    double scheduleP99Micros() {
        return scheduleLatencyNs.getTotalCount() == 0 ? -1
                : scheduleLatencyNs.getValueAtPercentile(99) / NANOS_PER_MICRO;
    }

    double maxMicros() {
        return latencyNs.getMaxValue() / NANOS_PER_MICRO;
    }

    double loopCpuMicrosPerPacket() {
        return relayForwarded == 0 ? 0 : relayLoopCpuNs / NANOS_PER_MICRO / relayForwarded;
    }

    double processCpuMicrosPerPacket() {
        return relayForwarded == 0 ? 0 : relayProcessCpuNs / NANOS_PER_MICRO / relayForwarded;
    }

    double syscallsPerPacket() {
        return relaySyscalls < 0 || relayForwarded == 0 ? -1 : (double) relaySyscalls / relayForwarded;
    }

    double contextSwitchesPerPacket() {
        return relayContextSwitches < 0 || relayForwarded == 0 ? -1 : (double) relayContextSwitches / relayForwarded;
    }

    /** Milliseconds per second of the window the relay's loop threads waited for a CPU, or -1. */
    double relayWaitMsPerS() {
        return relayRunQueueWaitNs < 0 ? -1 : relayRunQueueWaitNs / 1e6 / (windowNs / NANOS_PER_SECOND);
    }

    /** Milliseconds per second of the window the harness's threads waited for a CPU, or -1. */
    double harnessWaitMsPerS() {
        return harnessRunQueueWaitNs < 0 ? -1 : harnessRunQueueWaitNs / 1e6 / (windowNs / NANOS_PER_SECOND);
    }

    /** CPU time of the harness's generator and receiver threads per packet sent in the window, or -1. */
    double harnessCpuMicrosPerPacket() {
        return harnessCpuNs < 0 || sent == 0 ? -1 : harnessCpuNs / NANOS_PER_MICRO / sent;
    }

    /** Returns whether no packet was lost and the relay dropped nothing. */
    boolean lossless() {
        return lost() == 0 && relayDropped == 0;
    }

    /**
     * Returns whether the rate was carried: lossless, and at least {@link #SUSTAINED_SHARE} of the offered rate
     * arrived in the window (a generator that could not send the rate on a busy machine carried nothing new).
     */
    boolean sustained() {
        return lossless() && offeredPps > 0 && achievedPps() >= SUSTAINED_SHARE * offeredPps;
    }

    /** Returns one line for a terminal. */
    String summary() {
        return String.format(Locale.ROOT, "offered %s pps (%d streams): achieved %.0f pps, lost %d of %d (%.4f %%), "
                + "latency p50 %.1f p99 %.1f p99.9 %.1f max %.1f µs (p99 from schedule %.1f µs), "
                + "relay CPU %.2f µs/pkt (loops) %.2f µs/pkt (process), %.2f syscalls/pkt, "
                + "%.3f context switches/pkt, relay fell behind %d times, %d GCs, JIT compiling %d ms, "
                + "generator max lag %.2f ms (%d sends > 1 ms late), relay dropped %d, sequence gaps %d, "
                + "waited for a CPU: relay loops %.1f ms/s, harness %.1f ms/s, harness CPU %.2f µs/pkt, "
                + "socket drops: relay %d, harness %d, load %s",
                label, streams, achievedPps(), lost(), sent, lossPercent(), percentileMicros(50),
                percentileMicros(99), percentileMicros(99.9), maxMicros(), scheduleP99Micros(),
                loopCpuMicrosPerPacket(), processCpuMicrosPerPacket(), syscallsPerPacket(),
                contextSwitchesPerPacket(), relayFellBehind, relayGcs, relayJitMs, generatorMaxLagNs / 1e6,
                generatorLateSends,
                relayDropped, sequenceGaps, relayWaitMsPerS(), harnessWaitMsPerS(), harnessCpuMicrosPerPacket(),
                relaySocketDrops, harnessSocketDrops, loadAverage);
    }

    /** Returns this run as a row under {@link #MARKDOWN_HEADER}. */
    String markdownRow() {
        return row(label, streams, achievedPps(), lost(), lossPercent(), percentileMicros(50), percentileMicros(99),
                percentileMicros(99.9), maxMicros(), scheduleP99Micros(), loopCpuMicrosPerPacket(),
                processCpuMicrosPerPacket(), syscallsPerPacket(), contextSwitchesPerPacket(), relayGcs,
                generatorMaxLagNs / 1e6, relayWaitMsPerS(), harnessWaitMsPerS(), harnessCpuMicrosPerPacket(),
                drops(relaySocketDrops, harnessSocketDrops), loadAverage);
    }

    /** Returns a row of the medians of each column over several runs of one rate. */
    static String medianRow(List<LoadResult> runs) {
        final LoadResult first = runs.get(0);
        return row(first.label, first.streams, median(runs, LoadResult::achievedPps),
                (long) median(runs, r -> r.lost()), median(runs, LoadResult::lossPercent),
                median(runs, r -> r.percentileMicros(50)), median(runs, r -> r.percentileMicros(99)),
                median(runs, r -> r.percentileMicros(99.9)), median(runs, LoadResult::maxMicros),
                median(runs, LoadResult::scheduleP99Micros),
                median(runs, LoadResult::loopCpuMicrosPerPacket), median(runs, LoadResult::processCpuMicrosPerPacket),
                median(runs, LoadResult::syscallsPerPacket), median(runs, LoadResult::contextSwitchesPerPacket),
                (long) median(runs, r -> r.relayGcs), median(runs, r -> r.generatorMaxLagNs / 1e6),
                median(runs, LoadResult::relayWaitMsPerS), median(runs, LoadResult::harnessWaitMsPerS),
                median(runs, LoadResult::harnessCpuMicrosPerPacket),
                drops((long) median(runs, r -> r.relaySocketDrops), (long) median(runs, r -> r.harnessSocketDrops)),
                String.join(" / ", runs.stream().map(LoadResult::loadAverage).toList()));
    }

    private static String row(String label, int streams, double achieved, long lost, double lossPercent, double p50,
            double p99, double p999, double max, double scheduleP99, double loopCpu, double processCpu,
            double syscalls, double switches, long gcs, double lagMs, double relayWait, double harnessWait,
            double harnessCpu, String socketDrops, String load) {
        return String.format(Locale.ROOT, "| %s | %d | %.0f | %d | %.4f | %.1f | %.1f | %.1f | %.1f | %s | %.2f "
                + "| %.2f | %s | %s | %d | %.2f | %s | %s | %s | %s | %s |", label, streams, achieved, lost,
                lossPercent, p50, p99, p999, max, optional(scheduleP99, "%.1f"), loopCpu, processCpu, optional(syscalls, "%.2f"),
                optional(switches, "%.3f"), gcs, lagMs, optional(relayWait, "%.1f"), optional(harnessWait, "%.1f"),
                optional(harnessCpu, "%.2f"), socketDrops, load);
    }

    private static String drops(long relay, long harness) {
        return (relay < 0 ? "–" : Long.toString(relay)) + " / " + (harness < 0 ? "–" : Long.toString(harness));
    }

    private static String optional(double value, String format) {
        return value < 0 ? "–" : String.format(Locale.ROOT, format, value);
    }

    private static double median(List<LoadResult> runs, ToDoubleFunction<LoadResult> metric) {
        final double[] values = runs.stream().mapToDouble(metric).toArray();
        Arrays.sort(values);
        final int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
