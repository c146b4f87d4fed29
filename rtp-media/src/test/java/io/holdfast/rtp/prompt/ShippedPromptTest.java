package io.holdfast.rtp.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The generated resources have the properties make-prompts.sh promises. */
class ShippedPromptTest {
    /** 200 ms at 8000 Hz. */
    private static final int PAD_SAMPLES = 1600;

    @Test
    void shouldCutReconnectPromptIntoWholeFramesWhenLoaded() {
        Prompt prompt = ShippedPrompt.PLEASE_HOLD_RECONNECT.load();

        assertThat(prompt.frameCount()).isEqualTo(135);
        assertThat(prompt.duration()).isEqualTo(Duration.ofMillis(2700));
        assertThat(prompt.encoded(PromptCodec.PCMU).sampleCount()).isEqualTo(21514);
    }

    @Test
    void shouldCutAgentPromptIntoWholeFramesWhenLoaded() {
        Prompt prompt = ShippedPrompt.PLEASE_HOLD_AGENT.load();

        assertThat(prompt.frameCount()).isEqualTo(175);
        assertThat(prompt.duration()).isEqualTo(Duration.ofMillis(3500));
        assertThat(prompt.encoded(PromptCodec.PCMA).sampleCount()).isEqualTo(27843);
    }

    @ParameterizedTest
    @EnumSource(ShippedPrompt.class)
    void shouldHoldNormalisedSpeechBetweenSilentPadsWhenGenerated(ShippedPrompt shipped) throws IOException {
        PromptAudio audio = WavPromptLoader.loadResource(shipped.resourceName());

        int peak = 0;
        for (int i = 0; i < audio.sampleCount(); i++) {
            peak = Math.max(peak, Math.abs(audio.sample(i)));
        }
        // norm -1 dBFS: 32767 * 10^(-1/20) = 29204
        assertThat(peak).isBetween(29000, 29300);
        for (int i = 0; i < PAD_SAMPLES; i++) {
            assertThat(audio.sample(i)).as("leading pad sample %d", i).isZero();
            assertThat(audio.sample(audio.sampleCount() - 1 - i)).as("trailing pad sample %d", i).isZero();
        }
        assertThat(audio.sample(PAD_SAMPLES + 40)).isNotZero();
        assertThat(shipped.text()).startsWith("Please hold");
    }
}
