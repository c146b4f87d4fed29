package io.holdfast.benchmarks.failover;

import static io.holdfast.benchmarks.failover.FailoverTraceTest.EAST;
import static io.holdfast.benchmarks.failover.FailoverTraceTest.WEST;
import static io.holdfast.benchmarks.failover.FailoverTraceTest.failover;
import static io.holdfast.benchmarks.failover.FailoverTraceTest.ms;
import static io.holdfast.benchmarks.failover.FailoverTraceTest.reanchored;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.relay.config.FailoverMode;
import org.junit.jupiter.api.Test;

class FailoverStatsTest {
    @Test
    void shouldRenderATableRowPerMeasureWhenFailoversAreRecorded() {
        FailoverStats stats = new FailoverStats(FailoverMode.COLD);
        stats.record(FailoverTrace.of(failover().recording(), EAST, WEST, ms(1005), reanchored(60)));
        stats.miss("released");

        String markdown = stats.markdown();

        assertThat(markdown).startsWith("#### cold: 1 failovers completed, 1 missed")
                .contains("- detected as: MEDIA_TIMEOUT 1")
                .contains("- missed: released 1")
                .contains("| prompt start | detection → first prompt frame at the caller | 1 | 2.0 | 2.0 | 2.0 |")
                .contains("| caller-heard gap to new region | last old-region frame → first new-region frame | 1 | 100.0 |");
        assertThat(markdown.lines().filter(line -> line.startsWith("| ") && !line.startsWith("| measure")))
                .hasSize(FailoverStats.Measure.values().length);
    }

    @Test
    void shouldShowDashesWhenNoFailoverCompleted() {
        FailoverStats stats = new FailoverStats(FailoverMode.WARM);
        stats.miss("no event");

        assertThat(stats.completed()).isZero();
        assertThat(stats.missed()).isEqualTo(1);
        assertThat(stats.markdown()).startsWith("#### warm: 0 failovers completed, 1 missed")
                .contains("| detection (event) | last good packet → detection, as holdfast reports it | 0 | - | - | - |");
    }
}
