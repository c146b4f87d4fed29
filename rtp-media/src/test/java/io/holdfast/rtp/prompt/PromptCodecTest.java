package io.holdfast.rtp.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks the JDK's G.711 encoders, as driven by {@link EncodedPrompt}, against decoders written from
 * the G.711 definition (ITU-T G.711 tables 1a/2a: sign, 3-bit segment, 4-bit step; µ-law inverted,
 * A-law with even bits inverted), scaled to 16-bit linear.
 */
class PromptCodecTest {

    @Test
    void shouldEncodeZeroAsFfWhenPcmu() {
        assertThat(encode(PromptCodec.PCMU, (short) 0)).containsExactly(0xFF);
        assertThat(PromptCodec.PCMU.silence()).isEqualTo((byte) 0xFF);
    }

    @Test
    void shouldEncodeZeroAsD5WhenPcma() {
        assertThat(encode(PromptCodec.PCMA, (short) 0)).containsExactly(0xD5);
        assertThat(PromptCodec.PCMA.silence()).isEqualTo((byte) 0xD5);
    }

    @Test
    void shouldEncodeFullScaleAsLargestCodesWhenPcmu() {
        assertThat(encode(PromptCodec.PCMU, Short.MAX_VALUE, (short) 32635, (short) 32124, Short.MIN_VALUE, (short) -32124))
                .containsExactly(0x80, 0x80, 0x80, 0x00, 0x00);
    }

    @Test
    void shouldEncodeFullScaleAsLargestCodesWhenPcma() {
        assertThat(encode(PromptCodec.PCMA, Short.MAX_VALUE, (short) 32256, Short.MIN_VALUE, (short) -32256))
                .containsExactly(0xAA, 0xAA, 0x2A, 0x2A);
    }

    @Test
    void shouldEncodeSmallestNegativeStepWhenPcmaSampleIsMinusOne() {
        assertThat(encode(PromptCodec.PCMA, (short) -1, (short) -7, (short) -8)).containsExactly(0x55, 0x55, 0x55);
    }

    @ParameterizedTest
    @EnumSource(PromptCodec.class)
    void shouldEncodeEveryReconstructionLevelAsItsOwnCodeWhenCodec(PromptCodec codec) {
        int[] codes = new int[256];
        short[] levels = new short[256];
        int n = 0;
        for (int code = 0; code < 256; code++) {
            if (codec == PromptCodec.PCMU && code == 0x7F) {
                continue; // µ-law's negative zero decodes to 0, whose code is the positive zero 0xFF
            }
            codes[n] = code;
            levels[n++] = (short) decode(codec, code);
        }
        short[] input = Arrays.copyOf(levels, n);
        assertThat(encode(codec, input)).containsExactly(Arrays.copyOf(codes, n));
    }

    @ParameterizedTest
    @EnumSource(PromptCodec.class)
    void shouldStayWithinOneStepAndMonotonicWhenEveryLinearSampleIsEncoded(PromptCodec codec) {
        short[] all = new short[65536];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) (Short.MIN_VALUE + i);
        }
        int[] codes = encode(codec, all);
        int largest = decode(codec, codec == PromptCodec.PCMU ? 0x80 : 0xAA);
        int previous = Integer.MIN_VALUE;
        for (int i = 0; i < all.length; i++) {
            int sample = all[i];
            int decoded = decode(codec, codes[i]);
            if (Math.abs(sample) > largest) {
                assertThat(Math.abs(decoded)).as("clipped sample %d", sample).isEqualTo(largest);
            } else {
                assertThat(Math.abs(decoded - sample)).as("error of sample %d, code %02X", sample, codes[i])
                        .isLessThanOrEqualTo(step(codec, codes[i]));
            }
            assertThat(decoded).as("monotonic at sample %d", sample).isGreaterThanOrEqualTo(previous);
            previous = decoded;
        }
    }

    @ParameterizedTest
    @EnumSource(PromptCodec.class)
    void shouldChangeOnlySamplesTheJdkMisencodesWhenMadeSafe(PromptCodec codec) {
        int changed = 0;
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            if (codec.jdkSafeSample((short) sample) != sample) {
                changed++;
            }
        }
        // µ-law: 32636..32767 and -32768..-32636; A-law: -7..-1
        assertThat(changed).isEqualTo(codec == PromptCodec.PCMU ? 132 + 133 : 7);
    }

    @Test
    void shouldFindCodecWhenPayloadTypeIsStatic() {
        assertThat(PromptCodec.forPayloadType(0)).isEqualTo(PromptCodec.PCMU);
        assertThat(PromptCodec.forPayloadType(8)).isEqualTo(PromptCodec.PCMA);
        assertThat(PromptCodec.PCMU.payloadType()).isZero();
        assertThat(PromptCodec.PCMA.payloadType()).isEqualTo(8);
    }

    @Test
    void shouldFindNoCodecWhenPayloadTypeHasNoPrompt() {
        assertThat(PromptCodec.forPayloadType(9)).isNull();
        assertThat(PromptCodec.forPayloadType(101)).isNull();
        assertThat(PromptCodec.forPayloadType(-1)).isNull();
        assertThat(PromptCodec.forPayloadType(128)).isNull();
    }

    /** G.711 µ-law / A-law code to 16-bit linear, from the definition. */
    private static int decode(PromptCodec codec, int code) {
        if (codec == PromptCodec.PCMU) {
            int inverted = ~code & 0xFF;
            int segment = (inverted >> 4) & 0x07;
            int step = inverted & 0x0F;
            int magnitude = (((step << 3) + 0x84) << segment) - 0x84;
            return (inverted & 0x80) != 0 ? -magnitude : magnitude;
        }
        int toggled = (code ^ 0x55) & 0xFF;
        int segment = (toggled >> 4) & 0x07;
        int step = toggled & 0x0F;
        int magnitude = segment == 0 ? (step << 4) + 8 : ((step << 4) + 0x108) << (segment - 1);
        return (toggled & 0x80) != 0 ? magnitude : -magnitude;
    }

    /** Width of the quantisation interval of {@code code}, in 16-bit linear units. */
    private static int step(PromptCodec codec, int code) {
        if (codec == PromptCodec.PCMU) {
            return 8 << ((~code >> 4) & 0x07);
        }
        int segment = ((code ^ 0x55) >> 4) & 0x07;
        return segment == 0 ? 16 : 16 << (segment - 1);
    }

    private static int[] encode(PromptCodec codec, short... samples) {
        EncodedPrompt prompt = EncodedPrompt.encode(PromptAudio.ofSamples("test", samples), codec);
        int[] codes = new int[samples.length];
        for (int i = 0; i < samples.length; i++) {
            ByteBuf frame = prompt.frame(i / EncodedPrompt.FRAME_SAMPLES);
            try {
                codes[i] = frame.getUnsignedByte(frame.readerIndex() + i % EncodedPrompt.FRAME_SAMPLES);
            } finally {
                frame.release();
            }
        }
        return codes;
    }
}
