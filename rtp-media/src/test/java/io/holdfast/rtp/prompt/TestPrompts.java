package io.holdfast.rtp.prompt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;

/** Prompts whose frames can be told apart: every sample of frame {@code k} is {@code 1000 * (k + 1)}. */
final class TestPrompts {
    private TestPrompts() {
    }

    static EncodedPrompt distinctFrames(int frames, PromptCodec codec) {
        return EncodedPrompt.encode(distinctFrameAudio(frames), codec);
    }

    static PromptAudio distinctFrameAudio(int frames) {
        short[] samples = new short[frames * EncodedPrompt.FRAME_SAMPLES];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (1000 * (i / EncodedPrompt.FRAME_SAMPLES + 1));
        }
        return PromptAudio.ofSamples("distinct-frames", samples);
    }

    /** The bytes of frame {@code index}. */
    static byte[] frameBytes(EncodedPrompt prompt, int index) {
        ByteBuf frame = prompt.frame(index);
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    static int indexOf(EncodedPrompt prompt, byte[] payload) {
        for (int i = 0; i < prompt.frameCount(); i++) {
            if (Arrays.equals(frameBytes(prompt, i), payload)) {
                return i;
            }
        }
        return -1;
    }
}
