package io.holdfast.relay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigDurationTest {
    @ParameterizedTest
    @CsvSource({"60ms, 60", "8s, 8000", "2m, 120000", "1h, 3600000", "0s, 0", "' 20ms ', 20", "15 s, 15000"})
    void shouldParseWhenNumberAndUnit(String text, long expectedMs) {
        assertThat(ConfigDuration.parse(text)).isEqualTo(Duration.ofMillis(expectedMs));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc|\"abc\" is not a duration; write it like 60ms or 2s",
        "''|\"\" is not a duration; write it like 60ms or 2s",
        "ms|\"ms\" is not a duration; write it like 60ms or 2s",
        "+5s|\"+5s\" is not a duration; write it like 60ms or 2s",
        "60|\"60\" has no unit; write it like 60ms or 60s",
        "60sec|\"60sec\" has an unknown unit \"sec\"; use ms, s, m or h, like 60ms or 2s",
        "5 d|\"5 d\" has an unknown unit \"d\"; use ms, s, m or h, like 60ms or 2s",
        "-5s|\"-5s\" is negative; write a positive duration like 60ms or 2s",
        "1.5s|\"1.5s\" is not a whole number; write it in a smaller unit, like 1500ms for 1.5s",
        "1234567890s|\"1234567890s\" is too large; write at most 9 digits, like 8s",
    })
    void shouldExplainWhenNotADuration(String text, String message) {
        assertThatThrownBy(() -> ConfigDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"60ms, 60ms", "8000ms, 8s", "120000ms, 2m", "3600000ms, 1h", "1500ms, 1500ms", "0ms, 0s", "90000ms, 90s"})
    void shouldWriteTheLargestExactUnitWhenFormatting(String text, String expected) {
        assertThat(ConfigDuration.format(ConfigDuration.parse(text))).isEqualTo(expected);
    }

    @Test
    void shouldWriteSubMillisecondsWhenFormattingMeasuredDurations() {
        assertThat(ConfigDuration.format(Duration.ofNanos(250_000))).isEqualTo("250us");
        assertThat(ConfigDuration.format(Duration.ofNanos(10))).isEqualTo("10ns");
        assertThat(ConfigDuration.format(Duration.ofMillis(-60))).isEqualTo("-60ms");
    }

    @Test
    void shouldNameTheKeyWhenOutsideBounds() {
        assertThatThrownBy(() -> ConfigDuration.requireWithin("failover.budget", Duration.ZERO,
                Duration.ofMillis(100), Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failover.budget must be from 100ms to 5m, was 0s");
        assertThat(ConfigDuration.requireWithin("k", Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMinutes(5)))
                .isEqualTo(Duration.ofMillis(100));
    }
}
