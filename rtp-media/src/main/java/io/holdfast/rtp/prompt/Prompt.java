package io.holdfast.rtp.prompt;

import java.time.Duration;
import java.util.Objects;

/**
 * One prompt pre-encoded in every {@link PromptCodec}, so that a call on hold can be served in the
 * codec it negotiated without encoding anything at failover time. Immutable: safe to share between
 * threads and event loops.
 */
public final class Prompt {
    private static final PromptCodec[] CODECS = PromptCodec.values();

    private final String name;
    private final EncodedPrompt[] encodings;

    private Prompt(String name, EncodedPrompt[] encodings) {
        this.name = name;
        this.encodings = encodings;
    }

    /** Encodes {@code audio} in every codec. */
    public static Prompt encode(PromptAudio audio) {
        Objects.requireNonNull(audio, "audio");
        EncodedPrompt[] encodings = new EncodedPrompt[CODECS.length];
        for (PromptCodec codec : CODECS) {
            encodings[codec.ordinal()] = EncodedPrompt.encode(audio, codec);
        }
        return new Prompt(audio.name(), encodings);
    }

    /** Where the prompt came from: a file path or a classpath resource name. */
    public String name() {
        return name;
    }

    /** The frames in {@code codec}. */
    public EncodedPrompt encoded(PromptCodec codec) {
        return encodings[codec.ordinal()];
    }

    /** Whole 20 ms frames in one pass (the same in every codec). */
    public int frameCount() {
        return encodings[0].frameCount();
    }

    /** The playing time of one pass. */
    public Duration duration() {
        return encodings[0].duration();
    }

    @Override
    public String toString() {
        return "Prompt[" + name + ", " + frameCount() + " frames]";
    }
}
