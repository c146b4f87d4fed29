package io.holdfast.rtp.prompt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * A prompt pre-encoded in one codec as whole 20 ms frames of {@link #FRAME_SAMPLES} samples
 * ({@link #FRAME_BYTES} bytes of G.711), laid out back to back in one contiguous read-only direct
 * buffer; the last frame is padded with the codec's {@linkplain PromptCodec#silence() silence} code.
 *
 * <p>Immutable and shared by every player on every event loop. The buffer belongs to the garbage
 * collector, not to a reference count: it is wrapped so that {@code release()} on it or on any view
 * of it does nothing, so no holder needs to release it and no stray release can break another call.
 * Players read it through their own view (see {@link #newView()}), never by moving its indices.
 */
public final class EncodedPrompt {
    /** Samples in one frame: 20 ms at 8000 Hz, the RTP timestamp increment per frame. */
    public static final int FRAME_SAMPLES = 160;

    /** Bytes in one frame: G.711 has one byte per sample. */
    public static final int FRAME_BYTES = FRAME_SAMPLES;

    /** Duration of one frame. */
    public static final long FRAME_DURATION_NS = 20_000_000L;

    private static final AudioFormat PCM_FORMAT = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED,
            PromptCodec.SAMPLE_RATE_HZ, 16, 1, 2, PromptCodec.SAMPLE_RATE_HZ, false);

    private final String name;
    private final PromptCodec codec;
    private final int sampleCount;
    private final int frameCount;
    private final ByteBuf content;

    private EncodedPrompt(String name, PromptCodec codec, int sampleCount, int frameCount, ByteBuf content) {
        this.name = name;
        this.codec = codec;
        this.sampleCount = sampleCount;
        this.frameCount = frameCount;
        this.content = content;
    }

    /**
     * Encodes {@code audio} with the JDK's G.711 codec for {@code codec} (javax.sound
     * {@link AudioSystem#getAudioInputStream(AudioFormat, AudioInputStream)}) and cuts it into frames.
     */
    public static EncodedPrompt encode(PromptAudio audio, PromptCodec codec) {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(codec, "codec");
        int samples = audio.sampleCount();
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short sample = codec.jdkSafeSample(audio.sample(i));
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        byte[] encoded;
        try (AudioInputStream linear = new AudioInputStream(new ByteArrayInputStream(pcm), PCM_FORMAT, samples);
             AudioInputStream g711 = AudioSystem.getAudioInputStream(codec.audioFormat(), linear)) {
            encoded = g711.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding prompt " + audio.name() + " as " + codec + " failed", e);
        }
        if (encoded.length != samples) {
            throw new IllegalStateException("The JDK's " + codec + " encoder returned " + encoded.length
                    + " bytes for " + samples + " samples of prompt " + audio.name());
        }
        int frames = (samples + FRAME_SAMPLES - 1) / FRAME_SAMPLES;
        byte[] framed = Arrays.copyOf(encoded, frames * FRAME_BYTES);
        Arrays.fill(framed, samples, framed.length, codec.silence());
        ByteBuffer direct = ByteBuffer.allocateDirect(framed.length);
        direct.put(framed).flip();
        ByteBuf content = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct).asReadOnly());
        return new EncodedPrompt(audio.name(), codec, samples, frames, content);
    }

    /** Where the prompt came from: a file path or a classpath resource name. */
    public String name() {
        return name;
    }

    public PromptCodec codec() {
        return codec;
    }

    /** Samples of audio before padding. */
    public int sampleCount() {
        return sampleCount;
    }

    /** Whole frames, the last one padded with silence. */
    public int frameCount() {
        return frameCount;
    }

    /** The playing time of one pass over all frames. */
    public Duration duration() {
        return Duration.ofNanos(frameCount * FRAME_DURATION_NS);
    }

    /**
     * Frame {@code index} ({@code 0 <= index < frameCount()}). Returns a retained buffer: a read-only
     * slice of {@link #FRAME_BYTES} bytes that the caller releases (the release is a formality, see the
     * class comment). Allocates a slice per call: for inspection, not for playout.
     */
    public ByteBuf frame(int index) {
        Objects.checkIndex(index, frameCount);
        return content.retainedSlice(frameOffset(index), FRAME_BYTES);
    }

    /**
     * A fresh view of all frames for one player, with its own indices, which the player moves with
     * {@link #frameOffset(int)} on every tick instead of slicing. Read-only; needs no release.
     */
    ByteBuf newView() {
        return content.duplicate();
    }

    /** Offset of frame {@code index} in the content and in every view. */
    static int frameOffset(int index) {
        return index * FRAME_BYTES;
    }

    @Override
    public String toString() {
        return "EncodedPrompt[" + name + ", " + codec + ", " + frameCount + " frames]";
    }
}
