package io.holdfast.rtp.prompt;

import java.io.IOException;

/**
 * A prompt file that is not a readable WAV file: not RIFF/WAVE, a header cut short, fewer sample
 * bytes than the header declares, or no samples at all. The message names the file and the fault.
 */
public final class MalformedPromptFileException extends IOException {
    public MalformedPromptFileException(String message) {
        super(message);
    }

    public MalformedPromptFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
