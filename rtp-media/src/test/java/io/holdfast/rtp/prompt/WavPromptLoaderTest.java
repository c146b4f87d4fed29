package io.holdfast.rtp.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WavPromptLoaderTest {
    private static final AudioFormat PLAYABLE = new AudioFormat(8000, 16, 1, true, false);

    @TempDir
    Path dir;

    @Test
    void shouldLoadSamplesWhenWavIsEightKilohertzMonoSixteenBit() throws IOException {
        short[] samples = {0, 1, -1, 32767, -32768, 1234, -4321};
        Path file = write("ok.wav", AudioFileFormat.Type.WAVE, PLAYABLE, pcm(samples, false));

        PromptAudio audio = WavPromptLoader.load(file);

        assertThat(audio.sampleCount()).isEqualTo(samples.length);
        for (int i = 0; i < samples.length; i++) {
            assertThat(audio.sample(i)).isEqualTo(samples[i]);
        }
        assertThat(audio.name()).isEqualTo(file.toString());
    }

    @Test
    void shouldLoadSamplesWhenContainerIsBigEndianAiff() throws IOException {
        short[] samples = {0, 256, -2, 30000, -30000};
        AudioFormat bigEndian = new AudioFormat(8000, 16, 1, true, true);
        Path file = write("ok.aiff", AudioFileFormat.Type.AIFF, bigEndian, pcm(samples, true));

        PromptAudio audio = WavPromptLoader.load(file);

        assertThat(audio.sampleCount()).isEqualTo(samples.length);
        for (int i = 0; i < samples.length; i++) {
            assertThat(audio.sample(i)).isEqualTo(samples[i]);
        }
    }

    @Test
    void shouldLoadShippedPromptWhenGivenResourceName() throws IOException {
        PromptAudio audio = WavPromptLoader.loadResource(ShippedPrompt.PLEASE_HOLD_RECONNECT.resourceName());

        assertThat(audio.sampleCount()).isEqualTo(21514);
        assertThat(audio.name()).isEqualTo("classpath:io/holdfast/rtp/prompt/please-hold-reconnect.wav");
    }

    @Test
    void shouldIgnoreLeadingSlashWhenGivenResourceName() throws IOException {
        PromptAudio audio = WavPromptLoader.loadResource("/io/holdfast/rtp/prompt/please-hold-agent.wav");

        assertThat(audio.sampleCount()).isEqualTo(27843);
    }

    static Stream<Arguments> unplayableFormats() {
        return Stream.of(
                Arguments.of("16k.wav", new AudioFormat(16000, 16, 1, true, false), "16000.0 Hz"),
                Arguments.of("stereo.wav", new AudioFormat(8000, 16, 2, true, false), "stereo"),
                Arguments.of("8bit.wav", new AudioFormat(8000, 8, 1, false, false), "8 bit"),
                Arguments.of("24bit.wav", new AudioFormat(8000, 24, 1, true, false), "24 bit"),
                Arguments.of("ulaw.wav", new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false), "ULAW"),
                Arguments.of("float.wav", new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, 8000, 32, 1, 4, 8000, false),
                        "PCM_FLOAT"));
    }

    @ParameterizedTest
    @MethodSource("unplayableFormats")
    void shouldRefuseWithConversionHintWhenFormatIsNotPlayable(String fileName, AudioFormat format, String found)
            throws IOException {
        byte[] data = new byte[format.getFrameSize() * 800];
        Path file = write(fileName, AudioFileFormat.Type.WAVE, format, data);

        assertThatThrownBy(() -> WavPromptLoader.load(file))
                .isInstanceOf(UnsupportedPromptFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(found)
                .hasMessageContaining("8000 Hz mono 16-bit signed PCM")
                .hasMessageContaining("sox in.wav -r 8000 -c 1 -b 16 -e signed-integer out.wav");
    }

    @Test
    void shouldReportTruncationWhenSamplesEndBeforeDeclaredLength() throws IOException {
        Path whole = write("whole.wav", AudioFileFormat.Type.WAVE, PLAYABLE, pcm(new short[1000], false));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(bytes, bytes.length - 100));

        assertThatThrownBy(() -> WavPromptLoader.load(cut))
                .isInstanceOf(MalformedPromptFileException.class)
                .hasMessageContaining(cut.toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining("declares 1000 samples but the file holds only 950");
    }

    @Test
    void shouldReportMalformedFileWhenHeaderIsCutShort() throws IOException {
        Path whole = write("whole.wav", AudioFileFormat.Type.WAVE, PLAYABLE, pcm(new short[1000], false));
        Path cut = Files.write(dir.resolve("header.wav"), Arrays.copyOf(Files.readAllBytes(whole), 30));

        assertThatThrownBy(() -> WavPromptLoader.load(cut))
                .isInstanceOf(MalformedPromptFileException.class)
                .hasMessageContaining(cut.toString())
                .hasMessageContaining("header is cut short");
    }

    @Test
    void shouldReportMalformedFileWhenContentIsNotAudio() throws IOException {
        Path text = Files.write(dir.resolve("notes.wav"), "Please hold while we reconnect you.".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> WavPromptLoader.load(text))
                .isInstanceOf(MalformedPromptFileException.class)
                .hasMessageContaining(text.toString())
                .hasMessageContaining("not a readable WAV file");
    }

    @Test
    void shouldReportMalformedFileWhenFileIsEmpty() throws IOException {
        Path empty = Files.write(dir.resolve("empty.wav"), new byte[0]);

        assertThatThrownBy(() -> WavPromptLoader.load(empty))
                .isInstanceOf(MalformedPromptFileException.class)
                .hasMessageContaining(empty.toString());
    }

    @Test
    void shouldReportMalformedFileWhenWavHoldsNoSamples() throws IOException {
        Path file = write("silent.wav", AudioFileFormat.Type.WAVE, PLAYABLE, new byte[0]);

        assertThatThrownBy(() -> WavPromptLoader.load(file))
                .isInstanceOf(MalformedPromptFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("no samples");
    }

    @Test
    void shouldRefuseWhenHeaderDeclaresMoreThanTenMinutes() throws IOException {
        Path whole = write("long.wav", AudioFileFormat.Type.WAVE, PLAYABLE, pcm(new short[100], false));
        byte[] bytes = Files.readAllBytes(whole);
        int sizeField = indexOf(bytes, "data".getBytes(StandardCharsets.US_ASCII)) + 4;
        int declaredBytes = (PromptAudio.MAX_SAMPLES + 1) * 2;
        bytes[sizeField] = (byte) declaredBytes;
        bytes[sizeField + 1] = (byte) (declaredBytes >> 8);
        bytes[sizeField + 2] = (byte) (declaredBytes >> 16);
        bytes[sizeField + 3] = (byte) (declaredBytes >> 24);
        Path patched = Files.write(dir.resolve("patched.wav"), bytes);

        assertThatThrownBy(() -> WavPromptLoader.load(patched))
                .isInstanceOf(UnsupportedPromptFormatException.class)
                .hasMessageContaining(patched.toString())
                .hasMessageContaining("limit is 4800000");
    }

    @Test
    void shouldThrowNoSuchFileWhenPathIsMissing() {
        Path missing = dir.resolve("missing.wav");

        assertThatThrownBy(() -> WavPromptLoader.load(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void shouldThrowNoSuchFileWhenResourceIsMissing() {
        assertThatThrownBy(() -> WavPromptLoader.loadResource("io/holdfast/rtp/prompt/missing.wav"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("io/holdfast/rtp/prompt/missing.wav")
                .hasMessageContaining("classpath");
    }

    private Path write(String name, AudioFileFormat.Type type, AudioFormat format, byte[] data) throws IOException {
        Path file = dir.resolve(name);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), format,
                data.length / format.getFrameSize())) {
            AudioSystem.write(in, type, file.toFile());
        }
        return file;
    }

    private static byte[] pcm(short[] samples, boolean bigEndian) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            byte high = (byte) (samples[i] >> 8);
            byte low = (byte) samples[i];
            out[2 * i] = bigEndian ? high : low;
            out[2 * i + 1] = bigEndian ? low : high;
        }
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
