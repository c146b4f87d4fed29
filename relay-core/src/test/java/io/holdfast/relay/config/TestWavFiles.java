package io.holdfast.relay.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes small WAV files for prompt tests: 100 ms of silence in the format asked for. */
final class TestWavFiles {
    private TestWavFiles() {
    }

    static Path write(Path file, float sampleRateHz, int channels) throws IOException {
        AudioFormat format = new AudioFormat(sampleRateHz, 16, channels, true, false);
        int frames = (int) (sampleRateHz / 10);
        byte[] pcm = new byte[frames * format.getFrameSize()];
        try (AudioInputStream audio = new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
            AudioSystem.write(audio, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }
}
