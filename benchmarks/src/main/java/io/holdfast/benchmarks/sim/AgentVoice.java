package io.holdfast.benchmarks.sim;

import io.holdfast.rtp.prompt.EncodedPrompt;
import io.holdfast.rtp.prompt.Prompt;
import io.holdfast.rtp.prompt.PromptAudio;
import io.holdfast.rtp.prompt.PromptCodec;
import io.holdfast.rtp.prompt.ShippedPrompt;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a simulated party says, pre-encoded in G.711 µ-law and A-law as 20 ms frames, played in a loop: a
 * sine tone or one of holdfast's shipped prompts. A tone at a multiple of 50 Hz fits whole periods into
 * every frame, so all its frames are the same bytes and a listener can tell which region it hears from
 * one packet ({@link #isFrameOf}). Immutable; safe on any thread.
 */
public final class AgentVoice {
    /** Amplitude of a tone: about -10 dBFS. */
    private static final double TONE_AMPLITUDE = 10_000;
    private static final int TONE_SECONDS = 1;

    private final String name;
    private final byte[][][] frames;
    private final List<Set<ByteBuffer>> frameSets;

    private AgentVoice(String name, Prompt prompt) {
        this.name = name;
        PromptCodec[] codecs = PromptCodec.values();
        this.frames = new byte[codecs.length][][];
        List<Set<ByteBuffer>> sets = new ArrayList<>(codecs.length);
        for (PromptCodec codec : codecs) {
            EncodedPrompt encoded = prompt.encoded(codec);
            byte[][] codecFrames = new byte[encoded.frameCount()][];
            Set<ByteBuffer> set = new HashSet<>();
            for (int i = 0; i < codecFrames.length; i++) {
                ByteBuf frame = encoded.frame(i);
                try {
                    codecFrames[i] = ByteBufUtil.getBytes(frame);
                } finally {
                    frame.release();
                }
                set.add(ByteBuffer.wrap(codecFrames[i]));
            }
            frames[codec.ordinal()] = codecFrames;
            sets.add(Set.copyOf(set));
        }
        this.frameSets = List.copyOf(sets);
    }

    /**
     * A sine tone of {@code frequencyHz} (one second, looped). Pick a multiple of 50 Hz to make every frame
     * identical.
     */
    public static AgentVoice tone(int frequencyHz) {
        if (frequencyHz < 50 || frequencyHz > PromptCodec.SAMPLE_RATE_HZ / 2 - 50) {
            throw new IllegalArgumentException("a tone is 50 to 3950 Hz at 8000 Hz sampling, was " + frequencyHz);
        }
        short[] samples = new short[PromptCodec.SAMPLE_RATE_HZ * TONE_SECONDS];
        for (int n = 0; n < samples.length; n++) {
            samples[n] = (short) Math.round(TONE_AMPLITUDE
                    * Math.sin(2 * Math.PI * frequencyHz * n / PromptCodec.SAMPLE_RATE_HZ));
        }
        String name = "tone " + frequencyHz + " Hz";
        return new AgentVoice(name, Prompt.encode(PromptAudio.ofSamples(name, samples)));
    }

    /** One of holdfast's shipped prompts (the same WAVs holdfast plays to callers on hold). */
    public static AgentVoice of(ShippedPrompt prompt) {
        return new AgentVoice(prompt.name(), prompt.load());
    }

    /** An already encoded prompt. */
    public static AgentVoice of(Prompt prompt) {
        return new AgentVoice(prompt.name(), Objects.requireNonNull(prompt, "prompt"));
    }

    public String name() {
        return name;
    }

    /** Frames in one pass. */
    public int frameCount() {
        return frames[0].length;
    }

    /** Frame {@code index} modulo {@link #frameCount()} in {@code codec}; the voice's own array, not to be changed. */
    byte[] frame(PromptCodec codec, long index) {
        byte[][] codecFrames = frames[codec.ordinal()];
        return codecFrames[(int) Math.floorMod(index, (long) codecFrames.length)];
    }

    /** True when {@code payload} is one of this voice's frames in {@code codec}. */
    public boolean isFrameOf(PromptCodec codec, byte[] payload) {
        return frameSets.get(codec.ordinal()).contains(ByteBuffer.wrap(payload));
    }

    @Override
    public String toString() {
        return "AgentVoice[" + name + ", " + frameCount() + " frames]";
    }
}
