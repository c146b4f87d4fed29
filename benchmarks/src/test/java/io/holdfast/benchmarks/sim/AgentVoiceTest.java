package io.holdfast.benchmarks.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.rtp.prompt.EncodedPrompt;
import io.holdfast.rtp.prompt.PromptCodec;
import io.holdfast.rtp.prompt.ShippedPrompt;
import org.junit.jupiter.api.Test;

class AgentVoiceTest {
    private static final AgentVoice EAST = AgentVoice.tone(400);
    private static final AgentVoice WEST = AgentVoice.tone(600);

    @Test
    void shouldMakeEveryFrameAlikeWhenTheToneIsAMultipleOfFiftyHertz() {
        for (PromptCodec codec : PromptCodec.values()) {
            byte[] first = EAST.frame(codec, 0);
            assertThat(first).hasSize(EncodedPrompt.FRAME_BYTES);
            for (int i = 1; i < EAST.frameCount(); i++) {
                assertThat(EAST.frame(codec, i)).isEqualTo(first);
            }
        }
        assertThat(EAST.frameCount()).isEqualTo(50);
    }

    @Test
    void shouldTellItsOwnFramesFromAnotherVoicesWhenAsked() {
        byte[] east = EAST.frame(PromptCodec.PCMU, 7);

        assertThat(EAST.isFrameOf(PromptCodec.PCMU, east)).isTrue();
        assertThat(WEST.isFrameOf(PromptCodec.PCMU, east)).isFalse();
        assertThat(EAST.isFrameOf(PromptCodec.PCMA, east)).isFalse();
        assertThat(EAST.isFrameOf(PromptCodec.PCMU, new byte[EncodedPrompt.FRAME_BYTES])).isFalse();
    }

    @Test
    void shouldLoopOverItsFramesWhenTheIndexRunsPastTheEnd() {
        AgentVoice prompt = AgentVoice.of(ShippedPrompt.PLEASE_HOLD_AGENT);

        assertThat(prompt.frame(PromptCodec.PCMA, prompt.frameCount() + 3)).isEqualTo(prompt.frame(PromptCodec.PCMA, 3));
        assertThat(prompt.isFrameOf(PromptCodec.PCMA, prompt.frame(PromptCodec.PCMA, 42))).isTrue();
        assertThat(prompt.name()).isEqualTo("PLEASE_HOLD_AGENT");
    }

    @Test
    void shouldRefuseWhenTheToneIsOutsideTheTelephoneBand() {
        assertThatThrownBy(() -> AgentVoice.tone(4000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a tone is 50 to 3950 Hz at 8000 Hz sampling, was 4000");
        assertThatThrownBy(() -> AgentVoice.tone(10)).isInstanceOf(IllegalArgumentException.class);
    }
}
