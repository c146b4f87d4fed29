package io.holdfast.rtp.prompt;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Loads a prompt from a WAV file with javax.sound. Only 8000 Hz mono 16-bit signed linear PCM is
 * accepted: anything else is refused with a message that names the file, the format found and the
 * {@code sox} command that converts it. (Other containers javax.sound reads, AIFF and AU, pass when
 * their samples are in that format.) Runs at start-up or on configuration reload, never on an event
 * loop; stateless and thread-safe.
 */
public final class WavPromptLoader {
    /** The conversion every refusal suggests. */
    public static final String CONVERSION_HINT = "sox in.wav -r 8000 -c 1 -b 16 -e signed-integer out.wav";

    private static final int BYTES_PER_SAMPLE = 2;

    private WavPromptLoader() {
    }

    /**
     * Loads a WAV file.
     *
     * @throws UnsupportedPromptFormatException when the audio is not 8000 Hz mono 16-bit signed PCM
     *         or is too long
     * @throws MalformedPromptFileException when the file is not a readable WAV file or is truncated
     * @throws IOException when the file cannot be read (for example {@link NoSuchFileException})
     */
    public static PromptAudio load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, file.toString());
        }
    }

    /**
     * Loads a WAV file from the classpath, for example
     * {@code io/holdfast/rtp/prompt/please-hold-reconnect.wav} (a leading {@code /} is ignored).
     *
     * @throws NoSuchFileException when no such resource is on the classpath
     * @throws UnsupportedPromptFormatException as {@link #load(Path)}
     * @throws MalformedPromptFileException as {@link #load(Path)}
     */
    public static PromptAudio loadResource(String resourceName) throws IOException {
        Objects.requireNonNull(resourceName, "resourceName");
        String name = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
        InputStream raw = WavPromptLoader.class.getClassLoader().getResourceAsStream(name);
        if (raw == null) {
            throw new NoSuchFileException(name, null, "no such prompt resource on the classpath");
        }
        try (InputStream in = new BufferedInputStream(raw)) {
            return read(in, "classpath:" + name);
        }
    }

    /** Reads a WAV stream that supports mark/reset; {@code name} appears in every message. */
    static PromptAudio read(InputStream in, String name) throws IOException {
        AudioInputStream audio;
        try {
            audio = AudioSystem.getAudioInputStream(in);
        } catch (UnsupportedAudioFileException e) {
            throw new MalformedPromptFileException("Prompt " + name + " is not a readable WAV file, or its header is cut"
                    + " short (" + e.getMessage() + "); holdfast plays 8000 Hz mono 16-bit signed PCM WAV files", e);
        } catch (EOFException e) {
            throw new MalformedPromptFileException("Prompt " + name + " is truncated: its WAV header ends early", e);
        }
        try (audio) {
            AudioFormat format = audio.getFormat();
            if (!isPlayable(format)) {
                throw new UnsupportedPromptFormatException("Prompt " + name + " is " + format
                        + "; holdfast plays 8000 Hz mono 16-bit signed PCM WAV files only. Convert it, for example: "
                        + CONVERSION_HINT);
            }
            return PromptAudio.ofSamples(name, readSamples(audio, format, name));
        }
    }

    private static boolean isPlayable(AudioFormat format) {
        return AudioFormat.Encoding.PCM_SIGNED.equals(format.getEncoding())
                && format.getSampleRate() == PromptCodec.SAMPLE_RATE_HZ
                && format.getChannels() == 1
                && format.getSampleSizeInBits() == 16;
    }

    private static short[] readSamples(AudioInputStream audio, AudioFormat format, String name) throws IOException {
        long declared = audio.getFrameLength();
        if (declared > PromptAudio.MAX_SAMPLES) {
            throw tooLong(name, declared);
        }
        boolean lengthKnown = declared != AudioSystem.NOT_SPECIFIED;
        int wanted = lengthKnown ? (int) declared : PromptAudio.MAX_SAMPLES + 1;
        byte[] pcm = audio.readNBytes(wanted * BYTES_PER_SAMPLE);
        int samples = pcm.length / BYTES_PER_SAMPLE;
        if (lengthKnown && samples < declared) {
            throw new MalformedPromptFileException("Prompt " + name + " is truncated: its header declares "
                    + declared + " samples but the file holds only " + samples);
        }
        if (samples > PromptAudio.MAX_SAMPLES) {
            throw tooLong(name, samples);
        }
        if (samples == 0) {
            throw new MalformedPromptFileException("Prompt " + name + " holds no samples");
        }
        short[] out = new short[samples];
        int high = format.isBigEndian() ? 0 : 1;
        for (int i = 0; i < samples; i++) {
            int at = i * BYTES_PER_SAMPLE;
            out[i] = (short) ((pcm[at + high] << 8) | (pcm[at + 1 - high] & 0xFF));
        }
        return out;
    }

    private static UnsupportedPromptFormatException tooLong(String name, long samples) {
        return new UnsupportedPromptFormatException("Prompt " + name + " holds " + samples
                + " samples; the limit is " + PromptAudio.MAX_SAMPLES + " (" + PromptAudio.MAX_DURATION.toMinutes()
                + " minutes at 8000 Hz). Shorten it, for example: sox in.wav out.wav trim 0 "
                + PromptAudio.MAX_DURATION.toSeconds());
    }
}
