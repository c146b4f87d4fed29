package io.holdfast.benchmarks.rtp;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What the C load generator ({@code benchmarks/loadgen/rtp-loadgen.c}) reports at the end of a run: its
 * machine-readable summary line ({@code @gen summary key=value ...}) and its latency histograms
 * ({@code @gen hist NAME VALUE_NS:COUNT ...}, the middle of each of its log-linear buckets). Counts are those of the
 * measured window unless named {@code _total}. Immutable; parsed on the harness's main thread.
 *
 * @param streams streams of the run
 * @param windowNs the measured window on the generator's clock
 * @param sent packets of the window sent (successful send calls)
 * @param received packets of the window received, duplicates excluded
 * @param reordered packets that arrived after a later one of their stream (whole run)
 * @param duplicates packets received twice (whole run)
 * @param foreign datagrams that were not the generator's packets (whole run)
 * @param sendErrors send calls that failed (whole run; a full send buffer, or an ICMP error on a connected socket)
 * @param maxLagNs the largest delay of a send behind its schedule in the window (0 flat out)
 * @param lateSends sends of the window more than 1 ms behind their schedule
 * @param cpuNs the generator process's CPU time in the window (sender and receiver threads)
 */
record GeneratorSummary(int streams, long windowNs, long sent, long received, long reordered, long duplicates,
        long foreign, long sendErrors, long maxLagNs, long lateSends, long cpuNs) {

    /** Prefix of every line the generator writes for the harness. */
    static final String PREFIX = "@gen";

    private static final long HIGHEST_LATENCY_NS = TimeUnit.SECONDS.toNanos(60);

    /**
     * Parses a summary line.
     *
     * @throws IllegalArgumentException if it is not a summary line or lacks a field
     */
    static GeneratorSummary parse(String line) {
        final String[] words = line.trim().split(" ");
        if (words.length < 2 || !words[0].equals(PREFIX) || !words[1].equals("summary")) {
            throw new IllegalArgumentException("not a generator summary: " + line);
        }
        final Map<String, Long> fields = new HashMap<>();
        for (int i = 2; i < words.length; i++) {
            final int equals = words[i].indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("not key=value: " + words[i] + " in: " + line);
            }
            fields.put(words[i].substring(0, equals), parseLong(words[i].substring(equals + 1), line));
        }
        return new GeneratorSummary((int) field(fields, "streams", line), field(fields, "window_ns", line),
                field(fields, "sent", line), field(fields, "received", line), field(fields, "reordered", line),
                field(fields, "duplicates", line), field(fields, "foreign", line), field(fields, "send_errors", line),
                field(fields, "max_lag_ns", line), field(fields, "late_sends", line), field(fields, "cpu_ns", line));
    }

    /**
     * Parses a histogram line ({@code @gen hist NAME V:C ...}) into an HdrHistogram (values above 60 s are
     * recorded as 60 s).
     *
     * @throws IllegalArgumentException if it is not a histogram line or a pair is malformed
     */
    static Histogram histogram(String line) {
        final String[] words = line.trim().split(" ");
        if (words.length < 3 || !words[0].equals(PREFIX) || !words[1].equals("hist")) {
            throw new IllegalArgumentException("not a generator histogram: " + line);
        }
        final Histogram histogram = new Histogram(HIGHEST_LATENCY_NS, 3);
        for (int i = 3; i < words.length; i++) {
            final int colon = words[i].indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("not value:count: " + words[i] + " in: " + line);
            }
            final long value = parseLong(words[i].substring(0, colon), line);
            final long count = parseLong(words[i].substring(colon + 1), line);
            if (value < 0 || count <= 0) {
                throw new IllegalArgumentException("negative value or count: " + words[i] + " in: " + line);
            }
            histogram.recordValueWithCount(Math.min(value, HIGHEST_LATENCY_NS), count);
        }
        return histogram;
    }

    private static long field(Map<String, Long> fields, String name, String line) {
        final Long value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name + " in: " + line);
        }
        return value;
    }

    private static long parseLong(String number, String line) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + number + " in: " + line, e);
        }
    }
}
