package io.holdfast.rtp.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromptAudioTest {

    @Test
    void shouldKeepOwnCopyWhenCallerChangesSamples() {
        short[] samples = {1, 2, 3};
        PromptAudio audio = PromptAudio.ofSamples("copy", samples);

        samples[0] = 99;

        assertThat(audio.sample(0)).isEqualTo((short) 1);
    }

    @Test
    void shouldMeasureDurationAtEightKilohertzWhenBuilt() {
        assertThat(PromptAudio.ofSamples("one second", new short[8000]).duration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(PromptAudio.ofSamples("one sample", new short[1]).duration()).isEqualTo(Duration.ofNanos(125_000));
    }

    @Test
    void shouldRefuseWhenThereAreNoSamples() {
        assertThatThrownBy(() -> PromptAudio.ofSamples("nothing", new short[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing");
    }

    @Test
    void shouldRefuseWhenLongerThanTenMinutes() {
        assertThat(PromptAudio.ofSamples("limit", new short[PromptAudio.MAX_SAMPLES]).sampleCount())
                .isEqualTo(4_800_000);
        assertThatThrownBy(() -> PromptAudio.ofSamples("too long", new short[PromptAudio.MAX_SAMPLES + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long")
                .hasMessageContaining("10 minutes");
    }
}
