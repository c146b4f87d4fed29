package io.holdfast.rtp.prompt;

import java.time.Duration;
import java.util.Objects;

/**
 * A prompt as linear PCM: 8000 Hz, mono, 16-bit signed samples, as loaded by
 * {@link WavPromptLoader}. Immutable: safe to share between threads.
 */
public final class PromptAudio {
    /** The longest prompt accepted: ten minutes, 4.8 MB of encoded frames per codec. */
    public static final Duration MAX_DURATION = Duration.ofMinutes(10);

    /** {@link #MAX_DURATION} in samples at 8000 Hz. */
    public static final int MAX_SAMPLES = (int) (MAX_DURATION.toSeconds() * PromptCodec.SAMPLE_RATE_HZ);

    private final String name;
    private final short[] samples;

    private PromptAudio(String name, short[] samples) {
        this.name = name;
        this.samples = samples;
    }

    /**
     * A prompt from samples at 8000 Hz; copies {@code samples}.
     *
     * @param name where the prompt came from (file or resource), for messages
     * @throws IllegalArgumentException when there are no samples or more than {@link #MAX_SAMPLES}
     */
    public static PromptAudio ofSamples(String name, short[] samples) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(samples, "samples");
        if (samples.length == 0) {
            throw new IllegalArgumentException("Prompt " + name + " has no samples");
        }
        if (samples.length > MAX_SAMPLES) {
            throw new IllegalArgumentException("Prompt " + name + " has " + samples.length
                    + " samples; the limit is " + MAX_SAMPLES + " (" + MAX_DURATION.toMinutes() + " minutes at 8000 Hz)");
        }
        return new PromptAudio(name, samples.clone());
    }

    /** Where the prompt came from: a file path or a classpath resource name. */
    public String name() {
        return name;
    }

    public int sampleCount() {
        return samples.length;
    }

    /** The sample at {@code index}, a 16-bit signed linear value. */
    public short sample(int index) {
        return samples[index];
    }

    /** The length of the audio at 8000 Hz, before any padding to whole frames. */
    public Duration duration() {
        return Duration.ofNanos(samples.length * (1_000_000_000L / PromptCodec.SAMPLE_RATE_HZ));
    }

    @Override
    public String toString() {
        return "PromptAudio[" + name + ", " + samples.length + " samples]";
    }
}
