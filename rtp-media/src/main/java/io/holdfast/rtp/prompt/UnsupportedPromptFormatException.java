package io.holdfast.rtp.prompt;

import java.io.IOException;

/**
 * A readable audio file that holdfast cannot play as it is: not 8000 Hz mono 16-bit signed PCM, or
 * longer than {@link PromptAudio#MAX_DURATION}. The message names the file, what was found and how to
 * convert it.
 */
public final class UnsupportedPromptFormatException extends IOException {
    public UnsupportedPromptFormatException(String message) {
        super(message);
    }
}
