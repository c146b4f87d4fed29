package io.holdfast.sip.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time line scan against a plain byte loop. */
class HeaderLinesTest {
    private static final byte[] ALPHABET = {'a', 'Z', ' ', '\t', 0, 0x0b, 0x0c, 0x0e, 0x7f, (byte) 0x80, (byte) 0x8d,
        (byte) 0xff, '\r', '\n'};

    private static int naive(byte[] a, int from, int to) {
        int i = from;
        while (i < to && a[i] != '\r' && a[i] != '\n') {
            i++;
        }
        return i;
    }

    @Test
    void shouldFindWhatAByteLoopFindsWhenControlCharactersAndHighBytesComeFirst() {
        Random random = new Random(0x11AE_2026L);
        for (int n = 0; n < 20_000; n++) {
            byte[] a = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < a.length; i++) {
                int pick = random.nextInt(ALPHABET.length + 20);
                a[i] = pick < ALPHABET.length ? ALPHABET[pick] : (byte) ('a' + pick % 26);
            }
            int from = random.nextInt(a.length);
            int to = from + random.nextInt(a.length - from + 1);

            assertThat(HeaderLines.firstCrOrLf(a, from, to)).as("case %d", n).isEqualTo(naive(a, from, to));
        }
    }

    @Test
    void shouldSkipTabsWhenTheyShareAWordWithTheCr() {
        byte[] a = "\t\t\tvalue\t\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(HeaderLines.firstCrOrLf(a, 0, a.length)).isEqualTo(9);
    }
}
