package io.holdfast.relay.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The post-incident summary of a route-change event log: calls and route changes by category
 * (infrastructure failures, intent failures and normal ends kept apart) and by cause, per region,
 * the distributions of detection, prompt-start, re-anchor and caller-heard-gap times, and the
 * escalations with their reasons. Lines that are not events are counted and listed, never fatal.
 * Build one with {@link #read(Path)} or a {@link Builder}; {@link #render()} gives the text a person
 * reads. Immutable once built.
 */
public final class IncidentReport {
    /** Malformed lines listed one by one; the rest are only counted. */
    public static final int MAX_LISTED_MALFORMED_LINES = 20;

    /** The times a route change measures, in the order a failover takes them. */
    public enum Measure {
        DETECTION("detection"),
        PROMPT_START("prompt start"),
        REANCHOR("re-anchor"),
        CALLER_HEARD_GAP("caller-heard gap");

        private final String label;

        Measure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        Duration of(RouteChangeEvent event) {
            return switch (this) {
                case DETECTION -> event.detection();
                case PROMPT_START -> event.promptStart();
                case REANCHOR -> event.reanchor();
                case CALLER_HEARD_GAP -> event.callerHeardGap();
            };
        }
    }

    /** A line of the log that is not an event. */
    public record MalformedLine(long lineNumber, String reason) {
    }

    /** Calls touched by a category and its events. */
    public record CategoryCount(CauseCategory category, int calls, long events) {
    }

    /** Calls touched by a cause, its events, and what came of them. */
    public record CauseCount(CauseTag cause, int calls, long events, Map<RouteOutcome, Long> outcomes) {
    }

    /**
     * What happened to and on one region.
     *
     * @param failures infrastructure failures charged to the region: events that left it, and
     *                 failed attempts to move to it
     * @param takeovers calls it took over from another region, mid-call or at set-up
     * @param intentReports intent failures it reported
     * @param callsEnded calls that ended on it
     */
    public record RegionCount(String region, long failures, long takeovers, long intentReports, long callsEnded) {
    }

    /** A distribution of one measure over the route changes that took it. */
    public record GapStats(Measure measure, long count, Duration p50, Duration p90, Duration p99, Duration max) {
    }

    /** Escalations (and releases) that share an outcome, a cause and a reason. */
    public record EscalationCount(RouteOutcome outcome, CauseTag cause, String reason, long count) {
    }

    private final String source;
    private final long eventCount;
    private final long malformedCount;
    private final List<MalformedLine> malformedLines;
    private final Instant first;
    private final Instant last;
    private final int callCount;
    private final int callsFailedOver;
    private final int callsEscalated;
    private final int callsReleased;
    private final List<CategoryCount> byCategory;
    private final List<CauseCount> byCause;
    private final List<RegionCount> byRegion;
    private final List<GapStats> gaps;
    private final List<EscalationCount> escalations;

    private IncidentReport(Builder b) {
        this.source = b.source;
        this.eventCount = b.eventCount;
        this.malformedCount = b.malformedCount;
        this.malformedLines = List.copyOf(b.malformedLines);
        this.first = b.firstMs == Long.MAX_VALUE ? null : Instant.ofEpochMilli(b.firstMs);
        this.last = b.lastMs == Long.MIN_VALUE ? null : Instant.ofEpochMilli(b.lastMs);
        this.callCount = b.callFlags.size();
        this.callsFailedOver = b.countCalls(Builder.REANCHORED);
        this.callsEscalated = b.countCalls(Builder.ESCALATED);
        this.callsReleased = b.countCalls(Builder.RELEASED);
        this.byCategory = b.categories();
        this.byCause = b.causes();
        this.byRegion = b.regions();
        this.gaps = b.gaps();
        this.escalations = b.escalations();
    }

    /**
     * Reads an events file (UTF-8 JSON lines). Blank lines are skipped; other lines that are not
     * events (bytes that are not UTF-8 included) are counted as malformed.
     *
     * @throws IOException when the file cannot be read
     */
    public static IncidentReport read(Path file) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            return read(reader, file.toString());
        }
    }

    /** As {@link #read(Path)}, from a reader; {@code source} names it in the report. */
    public static IncidentReport read(BufferedReader reader, String source) throws IOException {
        Builder builder = builder(source);
        long lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                builder.add(RouteChangeEventJson.fromJson(line));
            } catch (MalformedEventException e) {
                builder.addMalformed(lineNumber, e.getMessage());
            }
        }
        return builder.build();
    }

    public static Builder builder(String source) {
        return new Builder(source);
    }

    /** The text a person reads. */
    public String render() {
        return IncidentReportPrinter.render(this);
    }

    public String source() {
        return source;
    }

    public long eventCount() {
        return eventCount;
    }

    public long malformedCount() {
        return malformedCount;
    }

    /** The first {@value #MAX_LISTED_MALFORMED_LINES} malformed lines. */
    public List<MalformedLine> malformedLines() {
        return malformedLines;
    }

    /** The time of the earliest event; null when there is none. */
    public Instant first() {
        return first;
    }

    /** The time of the latest event; null when there is none. */
    public Instant last() {
        return last;
    }

    public int callCount() {
        return callCount;
    }

    /** Calls re-anchored on another region mid-call at least once. */
    public int callsFailedOver() {
        return callsFailedOver;
    }

    public int callsEscalated() {
        return callsEscalated;
    }

    public int callsReleased() {
        return callsReleased;
    }

    /** Infra, intent, normal: always all three, in that order. */
    public List<CategoryCount> byCategory() {
        return byCategory;
    }

    /** Causes seen, in the order of {@link CauseTag} (infra first, then intent, then normal). */
    public List<CauseCount> byCause() {
        return byCause;
    }

    /** Regions seen, by name. */
    public List<RegionCount> byRegion() {
        return byRegion;
    }

    /** One entry per {@link Measure}, in its order. */
    public List<GapStats> gaps() {
        return gaps;
    }

    /** Escalations and releases grouped by outcome, cause and reason, the most frequent first. */
    public List<EscalationCount> escalations() {
        return escalations;
    }

    /** Collects events one by one. Confined to the thread that builds the report. */
    public static final class Builder {
        static final int INFRA = 1;
        static final int REANCHORED = 1 << 1;
        static final int ESCALATED = 1 << 2;
        static final int RELEASED = 1 << 3;
        private static final long HIGHEST_MICROS = Duration.ofDays(1).toNanos() / 1_000;
        private static final int SIGNIFICANT_DIGITS = 3;

        private final String source;
        private long eventCount;
        private long malformedCount;
        private final List<MalformedLine> malformedLines = new ArrayList<>();
        private long firstMs = Long.MAX_VALUE;
        private long lastMs = Long.MIN_VALUE;
        private final Map<HashedCallId, Integer> callFlags = new HashMap<>();
        private final Map<CauseCategory, Set<HashedCallId>> categoryCalls = new EnumMap<>(CauseCategory.class);
        private final Map<CauseCategory, Long> categoryEvents = new EnumMap<>(CauseCategory.class);
        private final Map<CauseTag, Set<HashedCallId>> causeCalls = new EnumMap<>(CauseTag.class);
        private final Map<CauseTag, Map<RouteOutcome, Long>> causeOutcomes = new EnumMap<>(CauseTag.class);
        private final Map<String, long[]> regionCounts = new TreeMap<>();
        private final Map<Measure, Histogram> histograms = new EnumMap<>(Measure.class);
        private final Map<Measure, Duration> maxima = new EnumMap<>(Measure.class);
        private final Map<EscalationKey, Long> escalationCounts = new LinkedHashMap<>();

        private record EscalationKey(RouteOutcome outcome, CauseTag cause, String reason) {
        }

        private Builder(String source) {
            this.source = Objects.requireNonNull(source, "source");
            for (Measure measure : Measure.values()) {
                histograms.put(measure, new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS));
            }
        }

        public Builder add(RouteChangeEvent event) {
            eventCount++;
            firstMs = Math.min(firstMs, event.timeEpochMs());
            lastMs = Math.max(lastMs, event.timeEpochMs());
            CauseCategory category = event.category();
            callFlags.merge(event.callId(), flags(event), (a, b) -> a | b);
            categoryCalls.computeIfAbsent(category, c -> new HashSet<>()).add(event.callId());
            categoryEvents.merge(category, 1L, Long::sum);
            causeCalls.computeIfAbsent(event.cause(), c -> new HashSet<>()).add(event.callId());
            causeOutcomes.computeIfAbsent(event.cause(), c -> new EnumMap<>(RouteOutcome.class))
                    .merge(event.outcome(), 1L, Long::sum);
            countRegions(event);
            for (Measure measure : Measure.values()) {
                Duration value = measure.of(event);
                if (value != null) {
                    histograms.get(measure).recordValue(Math.min(HIGHEST_MICROS, value.toNanos() / 1_000));
                    maxima.merge(measure, value, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
            if (event.outcome() == RouteOutcome.ESCALATED || event.outcome() == RouteOutcome.RELEASED
                    || event.escalationReason() != null) {
                escalationCounts.merge(new EscalationKey(event.outcome(), event.cause(), event.escalationReason()),
                        1L, Long::sum);
            }
            return this;
        }

        /** Counts a line that is not an event; the first {@value #MAX_LISTED_MALFORMED_LINES} are kept. */
        public Builder addMalformed(long lineNumber, String reason) {
            malformedCount++;
            if (malformedLines.size() < MAX_LISTED_MALFORMED_LINES) {
                malformedLines.add(new MalformedLine(lineNumber, reason));
            }
            return this;
        }

        public IncidentReport build() {
            return new IncidentReport(this);
        }

        private static int flags(RouteChangeEvent event) {
            int flags = event.category() == CauseCategory.INFRA ? INFRA : 0;
            return flags | switch (event.outcome()) {
                case REANCHORED -> REANCHORED;
                case ESCALATED -> ESCALATED;
                case RELEASED -> RELEASED;
                default -> 0;
            };
        }

        private void countRegions(RouteChangeEvent event) {
            boolean infra = event.category() == CauseCategory.INFRA;
            if (infra) {
                String failed = event.outcome() == RouteOutcome.ATTEMPT_FAILED ? event.toRegion() : event.fromRegion();
                bump(failed, 0);
            }
            if (event.outcome() == RouteOutcome.REANCHORED || event.outcome() == RouteOutcome.ROUTED) {
                bump(event.toRegion(), 1);
            }
            if (event.category() == CauseCategory.INTENT) {
                bump(event.fromRegion(), 2);
            }
            if (event.outcome() == RouteOutcome.ENDED) {
                bump(event.fromRegion(), 3);
            }
        }

        private void bump(String region, int column) {
            if (region != null) {
                regionCounts.computeIfAbsent(region, r -> new long[4])[column]++;
            }
        }

        int countCalls(int flag) {
            int calls = 0;
            for (int flags : callFlags.values()) {
                if ((flags & flag) != 0) {
                    calls++;
                }
            }
            return calls;
        }

        private List<CategoryCount> categories() {
            List<CategoryCount> out = new ArrayList<>();
            for (CauseCategory category : CauseCategory.values()) {
                out.add(new CategoryCount(category, categoryCalls.getOrDefault(category, Set.of()).size(),
                        categoryEvents.getOrDefault(category, 0L)));
            }
            return List.copyOf(out);
        }

        private List<CauseCount> causes() {
            List<CauseCount> out = new ArrayList<>();
            for (Map.Entry<CauseTag, Map<RouteOutcome, Long>> entry : causeOutcomes.entrySet()) {
                long events = entry.getValue().values().stream().mapToLong(Long::longValue).sum();
                out.add(new CauseCount(entry.getKey(), causeCalls.get(entry.getKey()).size(), events,
                        Collections.unmodifiableMap(new EnumMap<>(entry.getValue()))));
            }
            return List.copyOf(out);
        }

        private List<RegionCount> regions() {
            List<RegionCount> out = new ArrayList<>();
            regionCounts.forEach((region, c) -> out.add(new RegionCount(region, c[0], c[1], c[2], c[3])));
            return List.copyOf(out);
        }

        private List<GapStats> gaps() {
            List<GapStats> out = new ArrayList<>();
            for (Measure measure : Measure.values()) {
                Histogram h = histograms.get(measure);
                Duration max = maxima.getOrDefault(measure, Duration.ZERO);
                out.add(new GapStats(measure, h.getTotalCount(), percentile(h, 50, max), percentile(h, 90, max),
                        percentile(h, 99, max), max));
            }
            return List.copyOf(out);
        }

        /**
         * A percentile as HdrHistogram gives it (the highest value of its bucket, within 0.1% of the
         * values recorded in it), never above the exact maximum.
         */
        private static Duration percentile(Histogram h, double percentile, Duration max) {
            if (h.getTotalCount() == 0) {
                return Duration.ZERO;
            }
            Duration value = Duration.ofNanos(h.getValueAtPercentile(percentile) * 1_000);
            return value.compareTo(max) > 0 ? max : value;
        }

        private List<EscalationCount> escalations() {
            List<EscalationCount> out = new ArrayList<>();
            escalationCounts.forEach((key, count) -> out.add(new EscalationCount(key.outcome(), key.cause(), key.reason(), count)));
            out.sort(Comparator.comparingLong(EscalationCount::count).reversed());
            return List.copyOf(out);
        }
    }
}
