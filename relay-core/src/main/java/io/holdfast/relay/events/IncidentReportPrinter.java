package io.holdfast.relay.events;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Lays an {@link IncidentReport} out as plain text tables. Stateless. */
final class IncidentReportPrinter {
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private IncidentReportPrinter() {
    }

    static String render(IncidentReport report) {
        StringBuilder out = new StringBuilder(2048);
        out.append("holdfast incident report: ").append(report.source()).append('\n');
        if (report.first() != null) {
            out.append("  from ").append(TIME.format(report.first())).append(" to ").append(TIME.format(report.last()))
                    .append(" (").append(span(Duration.between(report.first(), report.last()))).append(")\n");
        }
        out.append("  ").append(plural(report.eventCount(), "event")).append(", ").append(plural(report.callCount(), "call"));
        if (report.malformedCount() > 0) {
            out.append(", ").append(plural(report.malformedCount(), "malformed line")).append(" (not counted, listed at the end)");
        }
        out.append('\n');
        if (report.eventCount() == 0) {
            out.append("\nNo route-change events.\n");
            malformed(report, out);
            return out.toString();
        }
        out.append("  ").append(plural(report.callsFailedOver(), "call")).append(" re-anchored on another region, ")
                .append(report.callsEscalated()).append(" escalated to a human, ")
                .append(report.callsReleased()).append(" released with no one to take them\n");

        out.append("\nBy category (infrastructure failures move calls; intent failures never do; normal ends)\n");
        Table categories = new Table("category", "calls", "events");
        for (IncidentReport.CategoryCount c : report.byCategory()) {
            categories.row(c.category().wireName(), c.calls(), c.events());
        }
        categories.appendTo(out);

        for (CauseCategory category : CauseCategory.values()) {
            Table causes = new Table("cause", "calls", "events", "outcomes", "meaning");
            for (IncidentReport.CauseCount c : report.byCause()) {
                if (c.cause().category() == category) {
                    causes.row(c.cause().name(), c.calls(), c.events(), outcomes(c.outcomes()), c.cause().description());
                }
            }
            if (!causes.isEmpty()) {
                out.append("\nBy cause: ").append(category.wireName()).append('\n');
                causes.appendTo(out);
            }
        }

        if (!report.byRegion().isEmpty()) {
            out.append("\nBy region (failed: infra failures charged to it; took over: calls it received from another)\n");
            Table regions = new Table("region", "failed", "took over", "intent reports", "calls ended");
            for (IncidentReport.RegionCount r : report.byRegion()) {
                regions.row(r.region(), r.failures(), r.takeovers(), r.intentReports(), r.callsEnded());
            }
            regions.appendTo(out);
        }

        out.append("\nTimes, milliseconds (over the route changes that measured them)\n");
        Table gaps = new Table("measure", "count", "p50", "p90", "p99", "max");
        for (IncidentReport.GapStats g : report.gaps()) {
            if (g.count() == 0) {
                gaps.row(g.measure().label(), 0, "-", "-", "-", "-");
            } else {
                gaps.row(g.measure().label(), g.count(), ms(g.p50()), ms(g.p90()), ms(g.p99()), ms(g.max()));
            }
        }
        gaps.appendTo(out);

        long escalationEvents = report.escalations().stream().mapToLong(IncidentReport.EscalationCount::count).sum();
        out.append("\nEscalations and releases: ").append(escalationEvents).append('\n');
        if (escalationEvents > 0) {
            Table escalations = new Table("count", "outcome", "cause", "reason");
            for (IncidentReport.EscalationCount e : report.escalations()) {
                escalations.row(e.count(), e.outcome().wireName(), e.cause().name(), e.reason() == null ? "-" : e.reason());
            }
            escalations.appendTo(out);
        }
        malformed(report, out);
        return out.toString();
    }

    private static void malformed(IncidentReport report, StringBuilder out) {
        if (report.malformedCount() == 0) {
            return;
        }
        out.append("\nMalformed lines: ").append(report.malformedCount()).append('\n');
        for (IncidentReport.MalformedLine line : report.malformedLines()) {
            out.append("  line ").append(line.lineNumber()).append(": ").append(line.reason()).append('\n');
        }
        long unlisted = report.malformedCount() - report.malformedLines().size();
        if (unlisted > 0) {
            out.append("  and ").append(unlisted).append(" more\n");
        }
    }

    private static String outcomes(Map<RouteOutcome, Long> outcomes) {
        StringJoiner joiner = new StringJoiner(", ");
        outcomes.forEach((outcome, count) -> joiner.add(count + " " + outcome.wireName()));
        return joiner.toString();
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** Milliseconds with one decimal, {@code 61.2}. */
    static String ms(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toNanos() / 1_000_000.0);
    }

    private static String span(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.3fs", duration.toMillis() / 1_000.0);
        }
        long hours = seconds / 3_600;
        long minutes = seconds % 3_600 / 60;
        return (hours > 0 ? hours + "h " : "") + minutes + "m " + seconds % 60 + "s";
    }

    /** Columns sized to their widest cell; numbers right-aligned, text left-aligned. */
    private static final class Table {
        private final String[] header;
        private final List<Object[]> rows = new ArrayList<>();

        Table(String... header) {
            this.header = header;
        }

        void row(Object... cells) {
            rows.add(cells);
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        void appendTo(StringBuilder out) {
            int[] widths = new int[header.length];
            boolean[] numeric = new boolean[header.length];
            for (int i = 0; i < header.length; i++) {
                widths[i] = header[i].length();
                numeric[i] = !rows.isEmpty();
            }
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], String.valueOf(row[i]).length());
                    numeric[i] &= row[i] instanceof Number || "-".equals(row[i]) || isDecimal(row[i]);
                }
            }
            line(out, header, widths, numeric);
            for (Object[] row : rows) {
                line(out, row, widths, numeric);
            }
        }

        private static boolean isDecimal(Object cell) {
            return cell instanceof String s && s.matches("\\d+\\.\\d");
        }

        private static void line(StringBuilder out, Object[] cells, int[] widths, boolean[] numeric) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < cells.length; i++) {
                String cell = String.valueOf(cells[i]);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(numeric[i] ? pad + cell : cell + (i == cells.length - 1 ? "" : pad));
                if (i < cells.length - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
