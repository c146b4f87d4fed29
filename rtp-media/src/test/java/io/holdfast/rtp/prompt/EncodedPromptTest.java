package io.holdfast.rtp.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import java.nio.ReadOnlyBufferException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EncodedPromptTest {

    @ParameterizedTest
    @EnumSource(PromptCodec.class)
    void shouldPadLastFrameWithCodecSilenceWhenSamplesDoNotFillIt(PromptCodec codec) {
        short[] samples = new short[EncodedPrompt.FRAME_SAMPLES + 1];
        Arrays.fill(samples, (short) 1000);

        EncodedPrompt prompt = EncodedPrompt.encode(PromptAudio.ofSamples("161", samples), codec);

        assertThat(prompt.frameCount()).isEqualTo(2);
        assertThat(prompt.sampleCount()).isEqualTo(161);
        byte sound = TestPrompts.frameBytes(prompt, 0)[0];
        assertThat(sound).isNotEqualTo(codec.silence());
        assertThat(TestPrompts.frameBytes(prompt, 0)).containsOnly(sound);
        byte[] last = TestPrompts.frameBytes(prompt, 1);
        assertThat(last).hasSize(EncodedPrompt.FRAME_BYTES);
        assertThat(last[0]).isEqualTo(sound);
        assertThat(Arrays.copyOfRange(last, 1, last.length)).containsOnly(codec.silence());
    }

    @ParameterizedTest
    @EnumSource(PromptCodec.class)
    void shouldNotPadWhenSamplesFillWholeFrames(PromptCodec codec) {
        short[] samples = new short[2 * EncodedPrompt.FRAME_SAMPLES];
        Arrays.fill(samples, (short) -2000);

        EncodedPrompt prompt = EncodedPrompt.encode(PromptAudio.ofSamples("320", samples), codec);

        assertThat(prompt.frameCount()).isEqualTo(2);
        assertThat(TestPrompts.frameBytes(prompt, 1)).doesNotContain(codec.silence());
    }

    @Test
    void shouldMakeOnePaddedFrameWhenPromptIsOneSample() {
        EncodedPrompt prompt = EncodedPrompt.encode(PromptAudio.ofSamples("one", new short[] {0}), PromptCodec.PCMA);

        assertThat(prompt.frameCount()).isEqualTo(1);
        assertThat(TestPrompts.frameBytes(prompt, 0)).containsOnly((byte) 0xD5);
    }

    @Test
    void shouldKeepFramesInOrderWhenEncoded() {
        EncodedPrompt prompt = TestPrompts.distinctFrames(3, PromptCodec.PCMU);
        EncodedPrompt single = EncodedPrompt.encode(
                PromptAudio.ofSamples("levels", new short[] {1000, 2000, 3000}), PromptCodec.PCMU);
        byte[] levels = Arrays.copyOf(TestPrompts.frameBytes(single, 0), 3);

        for (int k = 0; k < 3; k++) {
            assertThat(TestPrompts.frameBytes(prompt, k)).containsOnly(levels[k]);
        }
        assertThat(levels[0]).isNotEqualTo(levels[1]);
        assertThat(levels[1]).isNotEqualTo(levels[2]);
    }

    @Test
    void shouldLastTwentyMillisecondsPerFrameWhenPlayed() {
        EncodedPrompt prompt = TestPrompts.distinctFrames(3, PromptCodec.PCMU);

        assertThat(prompt.duration()).isEqualTo(Duration.ofMillis(60));
        assertThat(prompt.codec()).isEqualTo(PromptCodec.PCMU);
        assertThat(prompt.name()).isEqualTo("distinct-frames");
    }

    @Test
    void shouldHandReadOnlyDirectFrameWhenAsked() {
        EncodedPrompt prompt = TestPrompts.distinctFrames(2, PromptCodec.PCMU);
        ByteBuf frame = prompt.frame(1);
        try {
            assertThat(frame.readableBytes()).isEqualTo(EncodedPrompt.FRAME_BYTES);
            assertThat(frame.isReadOnly()).isTrue();
            assertThat(frame.isDirect()).isTrue();
            assertThatThrownBy(() -> frame.setByte(0, 1)).isInstanceOf(ReadOnlyBufferException.class);
        } finally {
            frame.release();
        }
    }

    @Test
    void shouldStayReadableWhenViewIsReleasedByMistake() {
        EncodedPrompt prompt = TestPrompts.distinctFrames(2, PromptCodec.PCMU);
        byte[] before = TestPrompts.frameBytes(prompt, 1);
        ByteBuf view = prompt.newView();

        view.release();
        view.release();

        assertThat(view.refCnt()).isPositive();
        assertThat(TestPrompts.frameBytes(prompt, 1)).isEqualTo(before);
    }

    @Test
    void shouldMoveOnlyOwnIndicesWhenViewSelectsFrame() {
        EncodedPrompt prompt = TestPrompts.distinctFrames(3, PromptCodec.PCMU);
        ByteBuf first = prompt.newView();
        ByteBuf second = prompt.newView();

        first.setIndex(EncodedPrompt.frameOffset(2), EncodedPrompt.frameOffset(2) + EncodedPrompt.FRAME_BYTES);
        first.skipBytes(10);

        assertThat(second.readerIndex()).isZero();
        assertThat(second.readableBytes()).isEqualTo(3 * EncodedPrompt.FRAME_BYTES);
        assertThat(prompt.newView().readableBytes()).isEqualTo(3 * EncodedPrompt.FRAME_BYTES);
    }

    @Test
    void shouldRefuseFrameIndexWhenOutOfRange() {
        EncodedPrompt prompt = TestPrompts.distinctFrames(2, PromptCodec.PCMU);

        assertThatThrownBy(() -> prompt.frame(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> prompt.frame(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldEncodeEveryCodecWithSameFrameCountWhenPromptIsBuilt() {
        Prompt prompt = Prompt.encode(TestPrompts.distinctFrameAudio(4));

        assertThat(prompt.frameCount()).isEqualTo(4);
        assertThat(prompt.duration()).isEqualTo(Duration.ofMillis(80));
        for (PromptCodec codec : PromptCodec.values()) {
            assertThat(prompt.encoded(codec).codec()).isEqualTo(codec);
            assertThat(prompt.encoded(codec).frameCount()).isEqualTo(4);
        }
    }
}
