package io.holdfast.benchmarks.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Parsing of the C load generator's summary and histogram lines (the generator itself needs gcc: not run here). */
class GeneratorSummaryTest {

    private static final String SUMMARY = "@gen summary streams=200 offered_pps=10000 window_ns=1985080108 "
            + "sent=20043 received=20041 reordered=3 duplicates=1 foreign=2 send_errors=4 p50_ns=12128 "
            + "p99_ns=4538368 p999_ns=8945664 max_ns=9637798 schedule_p99_ns=10518528 max_lag_ns=19418616 "
            + "late_sends=1633 cpu_ns=302518179 sent_total=25000 received_total=25000";

    @Test
    void shouldReadEveryFieldWhenTheLineIsComplete() {
        final GeneratorSummary summary = GeneratorSummary.parse(SUMMARY);

        assertThat(summary).isEqualTo(new GeneratorSummary(200, 1_985_080_108L, 20_043, 20_041, 3, 1, 2, 4,
                19_418_616L, 1633, 302_518_179L));
    }

    @Test
    void shouldIgnoreUnknownFieldsWhenTheGeneratorReportsMore() {
        final GeneratorSummary summary = GeneratorSummary.parse(SUMMARY + " future_field=7");

        assertThat(summary.sent()).isEqualTo(20_043);
    }

    @Test
    void shouldRejectTheLineWhenAFieldIsMissing() {
        assertThatThrownBy(() -> GeneratorSummary.parse(SUMMARY.replace(" cpu_ns=302518179", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no cpu_ns");
    }

    @Test
    void shouldRejectTheLineWhenAValueIsNotANumber() {
        assertThatThrownBy(() -> GeneratorSummary.parse(SUMMARY.replace("sent=20043", "sent=x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number: x");
    }

    @Test
    void shouldRejectTheLineWhenItIsNotASummary() {
        assertThatThrownBy(() -> GeneratorSummary.parse("@gen window-start"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratorSummary.parse(SUMMARY.replace(" sent=", " sent")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not key=value");
    }

    @Test
    void shouldRecordEveryBucketWhenTheHistogramLineIsWellFormed() {
        final Histogram histogram = GeneratorSummary.histogram("@gen hist latency 100:3 20000:96 5000000:1");

        assertThat(histogram.getTotalCount()).isEqualTo(100);
        assertThat(histogram.getValueAtPercentile(50)).isEqualTo(histogram.highestEquivalentValue(20_000));
        assertThat(histogram.getMaxValue()).isEqualTo(histogram.highestEquivalentValue(5_000_000));
        assertThat(histogram.getMinValue()).isEqualTo(100);
    }

    @Test
    void shouldGiveAnEmptyHistogramWhenTheGeneratorRecordedNothing() {
        assertThat(GeneratorSummary.histogram("@gen hist schedule").getTotalCount()).isZero();
    }

    @Test
    void shouldRejectTheHistogramWhenAPairIsMalformed() {
        assertThatThrownBy(() -> GeneratorSummary.histogram("@gen hist latency 100"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not value:count");
        assertThatThrownBy(() -> GeneratorSummary.histogram("@gen hist latency 100:0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratorSummary.histogram("@gen summary x=1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
