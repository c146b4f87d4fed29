package io.holdfast.benchmarks.failover;

import io.holdfast.relay.config.FailoverMode;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.events.RouteChangeEvent;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The distributions of one mode's failovers, in HdrHistograms of nanoseconds (3 significant digits): what the caller
 * heard ({@link FailoverTrace}) and what holdfast reported (the route-change event), and the failovers that did not
 * complete, by what came of them. Rendered as a markdown table for {@code benchmarks/RESULTS.md}. Confined to the
 * benchmark's main thread.
 */
final class FailoverStats {
    /** One row of the table: what is measured, between which moments, and from which source. */
    enum Measure {
        DEATH_TO_DETECTION("detection", "region death → holdfast detects (caller's last frame + event detection)"),
        EVENT_DETECTION("detection (event)", "last good packet → detection, as holdfast reports it"),
        DETECTION_TO_PROMPT("prompt start", "detection → first prompt frame at the caller"),
        EVENT_PROMPT_START("prompt start (event)", "detection → first prompt frame sent, as holdfast reports it"),
        DETECTION_TO_NEW_REGION("re-anchor", "detection → first new-region frame at the caller"),
        EVENT_REANCHOR("re-anchor (event)", "detection → media to the new region, as holdfast reports it"),
        GAP_TO_PROMPT("caller-heard gap to prompt", "last old-region frame → first prompt frame at the caller"),
        GAP_TO_NEW_REGION("caller-heard gap to new region", "last old-region frame → first new-region frame"),
        MAX_SILENCE("longest silence", "longest time between two packets the caller heard, during the failover"),
        EVENT_CALLER_HEARD_GAP("caller-heard gap (event)", "as holdfast reports it");

        private final String label;
        private final String meaning;

        Measure(String label, String meaning) {
            this.label = label;
            this.meaning = meaning;
        }
    }

    private static final long MAX_NS = Duration.ofMinutes(1).toNanos();
    private static final int SIGNIFICANT_DIGITS = 3;

    private final FailoverMode mode;
    private final Map<Measure, Histogram> histograms = new EnumMap<>(Measure.class);
    private final Map<String, Integer> misses = new TreeMap<>();
    private final Map<CauseTag, Integer> causes = new EnumMap<>(CauseTag.class);
    private int completed;

    FailoverStats(FailoverMode mode) {
        this.mode = mode;
        for (Measure measure : Measure.values()) {
            histograms.put(measure, new Histogram(MAX_NS, SIGNIFICANT_DIGITS));
        }
    }

    /** Records a failover that completed ({@link FailoverTrace#isComplete()}). */
    void record(FailoverTrace trace) {
        completed++;
        RouteChangeEvent event = trace.event().orElseThrow();
        causes.merge(event.cause(), 1, Integer::sum);
        add(Measure.DEATH_TO_DETECTION, trace.deathToDetectionNs());
        add(Measure.EVENT_DETECTION, event.detection());
        add(Measure.DETECTION_TO_PROMPT, trace.detectionToPromptNs());
        add(Measure.EVENT_PROMPT_START, event.promptStart());
        add(Measure.DETECTION_TO_NEW_REGION, trace.detectionToNewRegionNs());
        add(Measure.EVENT_REANCHOR, event.reanchor());
        add(Measure.GAP_TO_PROMPT, trace.gapToPromptNs());
        add(Measure.GAP_TO_NEW_REGION, trace.gapToNewRegionNs());
        add(Measure.MAX_SILENCE, trace.maxSilenceNs());
        add(Measure.EVENT_CALLER_HEARD_GAP, event.callerHeardGap());
    }

    /** Counts a failover that did not complete, by what came of it ({@code released}, {@code no answer}...). */
    void miss(String what) {
        misses.merge(what, 1, Integer::sum);
    }

    int completed() {
        return completed;
    }

    int missed() {
        return misses.values().stream().mapToInt(Integer::intValue).sum();
    }

    private void add(Measure measure, Duration duration) {
        if (duration != null) {
            add(measure, duration.toNanos());
        }
    }

    private void add(Measure measure, long ns) {
        if (ns != FailoverTrace.NEVER) {
            histograms.get(measure).recordValue(Math.min(ns, MAX_NS));
        }
    }

    /** The mode's section: a heading line, the causes, the misses and the table. */
    String markdown() {
        StringBuilder out = new StringBuilder(2048);
        out.append("#### ").append(mode.name().toLowerCase(Locale.ROOT)).append(": ").append(completed)
                .append(" failovers completed, ").append(missed()).append(" missed").append('\n').append('\n');
        if (!causes.isEmpty()) {
            out.append("- detected as: ");
            causes.forEach((cause, count) -> out.append(cause.name()).append(' ').append(count).append("; "));
            out.setLength(out.length() - 2);
            out.append('\n');
        }
        if (!misses.isEmpty()) {
            out.append("- missed: ");
            misses.forEach((what, count) -> out.append(what).append(' ').append(count).append("; "));
            out.setLength(out.length() - 2);
            out.append('\n');
        }
        out.append('\n');
        out.append("| measure | between | count | p50 ms | p99 ms | max ms |\n");
        out.append("|---|---|---:|---:|---:|---:|\n");
        for (Measure measure : Measure.values()) {
            Histogram histogram = histograms.get(measure);
            out.append("| ").append(measure.label).append(" | ").append(measure.meaning).append(" | ")
                    .append(histogram.getTotalCount()).append(" | ");
            if (histogram.getTotalCount() == 0) {
                out.append("- | - | - |\n");
            } else {
                out.append(ms(histogram.getValueAtPercentile(50))).append(" | ")
                        .append(ms(histogram.getValueAtPercentile(99))).append(" | ")
                        .append(ms(histogram.getMaxValue())).append(" |\n");
            }
        }
        return out.toString();
    }

    private static String ms(long ns) {
        return String.format(Locale.ROOT, "%.1f", ns / 1e6);
    }
}
