package io.holdfast.relay.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionTest {
    private static final List<String> FAILOVER_KEYS =
            List.of("mode", "media-timeout", "max-attempts", "budget", "prompt", "escalation-prompt");

    @Test
    void shouldSuggestTheKeyWhenATypo() {
        assertThat(KeySuggestion.closest("media-timout", FAILOVER_KEYS)).isEqualTo("media-timeout");
        assertThat(KeySuggestion.closest("max-atempts", FAILOVER_KEYS)).isEqualTo("max-attempts");
        assertThat(KeySuggestion.closest("bugdet", FAILOVER_KEYS)).isEqualTo("budget");
        assertThat(KeySuggestion.closest("Mode", FAILOVER_KEYS)).isEqualTo("mode");
    }

    @Test
    void shouldSuggestTheKeyWhenSpelledInAnotherCase() {
        assertThat(KeySuggestion.closest("mediaTimeout", FAILOVER_KEYS)).isEqualTo("media-timeout");
        assertThat(KeySuggestion.closest("media_timeout", FAILOVER_KEYS)).isEqualTo("media-timeout");
        assertThat(KeySuggestion.closest("ESCALATION_PROMPT", FAILOVER_KEYS)).isEqualTo("escalation-prompt");
    }

    @Test
    void shouldSuggestNothingWhenNoKeyIsClose() {
        assertThat(KeySuggestion.closest("colour", FAILOVER_KEYS)).isNull();
        assertThat(KeySuggestion.closest("timeout", FAILOVER_KEYS)).isNull();
        assertThat(KeySuggestion.closest("x", List.of())).isNull();
    }

    @Test
    void shouldCountASwapAsOneEditWhenMeasuringDistance() {
        assertThat(KeySuggestion.distance("abcd", "abdc")).isEqualTo(1);
        assertThat(KeySuggestion.distance("", "abc")).isEqualTo(3);
        assertThat(KeySuggestion.distance("kitten", "sitting")).isEqualTo(3);
    }
}
