package io.holdfast.rtp.prompt;

import javax.sound.sampled.AudioFormat;

/**
 * The codecs a prompt is pre-encoded in: G.711 µ-law and A-law (ITU-T G.711), at 8000 Hz, one byte
 * per sample, with their static RTP payload types (RFC 3551 §6, table 4). Encoding is done by the
 * JDK's javax.sound codecs; {@link #jdkSafeSample} keeps their input inside the range where they
 * follow G.711.
 */
public enum PromptCodec {
    /** G.711 µ-law, RTP payload type 0 (RFC 3551 §4.5.14). Silence (+0) is {@code 0xFF}. */
    PCMU(0, AudioFormat.Encoding.ULAW, (byte) 0xFF),
    /** G.711 A-law, RTP payload type 8 (RFC 3551 §4.5.14). Silence (+0) is {@code 0xD5}. */
    PCMA(8, AudioFormat.Encoding.ALAW, (byte) 0xD5);

    /** Sampling rate of both codecs and of the PCM prompts they are encoded from. */
    public static final int SAMPLE_RATE_HZ = 8000;

    /**
     * Largest magnitude the JDK's µ-law encoder handles: it adds the G.711 bias (0x84) to the sample
     * in 16-bit arithmetic, so anything beyond 32635 overflows and encodes as near-zero instead of
     * full scale. G.711 clips there anyway (32635 already encodes as the largest code).
     */
    static final int ULAW_JDK_CLIP = 32635;

    /**
     * Smallest negative sample the JDK's A-law encoder handles: it maps a negative sample to the
     * magnitude {@code -sample - 8}, which is negative for -7..-1 and then encodes as -248. -8 encodes
     * as the smallest negative code ({@code 0x55}), G.711's code for -1..-15 (13-bit magnitude 0 or 1).
     */
    static final int ALAW_JDK_SMALLEST_NEGATIVE = -8;

    private static final PromptCodec[] BY_PAYLOAD_TYPE = new PromptCodec[128];

    static {
        for (PromptCodec codec : values()) {
            BY_PAYLOAD_TYPE[codec.payloadType] = codec;
        }
    }

    private final int payloadType;
    private final AudioFormat.Encoding encoding;
    private final byte silence;

    PromptCodec(int payloadType, AudioFormat.Encoding encoding, byte silence) {
        this.payloadType = payloadType;
        this.encoding = encoding;
        this.silence = silence;
    }

    /**
     * The codec for a static RTP payload type, or {@code null} when holdfast has no prompt encoding
     * for it (the call then gets no prompt).
     */
    public static PromptCodec forPayloadType(int payloadType) {
        return payloadType >= 0 && payloadType < BY_PAYLOAD_TYPE.length ? BY_PAYLOAD_TYPE[payloadType] : null;
    }

    /** The static RTP payload type: 0 for PCMU, 8 for PCMA. */
    public int payloadType() {
        return payloadType;
    }

    /** The code of a zero sample, used to pad the last frame of a prompt. */
    public byte silence() {
        return silence;
    }

    /** The javax.sound format of this codec's encoded bytes: 8000 Hz, 8 bits, mono. */
    AudioFormat audioFormat() {
        return new AudioFormat(encoding, SAMPLE_RATE_HZ, 8, 1, 1, SAMPLE_RATE_HZ, false);
    }

    /**
     * The sample to hand to the JDK encoder in place of {@code sample} so that its output is the
     * G.711 code of {@code sample}: values the JDK mishandles are moved to a value of the same G.711
     * code (see {@link #ULAW_JDK_CLIP} and {@link #ALAW_JDK_SMALLEST_NEGATIVE}).
     */
    short jdkSafeSample(short sample) {
        if (this == PCMU) {
            return (short) Math.max(-ULAW_JDK_CLIP, Math.min(ULAW_JDK_CLIP, sample));
        }
        return sample < 0 && sample > ALAW_JDK_SMALLEST_NEGATIVE ? (short) ALAW_JDK_SMALLEST_NEGATIVE : sample;
    }
}
