package io.holdfast.sip.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time line scans against a plain byte loop, and the hash the scan takes on the way. */
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
    @Test
    void shouldFindWhatAByteLoopFindsWhenTheScanAlsoHashes() {
        HeaderLines lines = new HeaderLines(new SipScanner());
        Random random = new Random(0x5CA4_2026L);
        for (int n = 0; n < 20_000; n++) {
            byte[] a = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < a.length; i++) {
                int pick = random.nextInt(ALPHABET.length + 20);
                a[i] = pick < ALPHABET.length ? ALPHABET[pick] : (byte) ('a' + pick % 26);
            }
            int from = random.nextInt(a.length);
            int to = from + random.nextInt(a.length - from + 1);

            int found = lines.scanLine(a, from, to);

            assertThat(found).as("case %d", n).isEqualTo(naive(a, from, to));
            if (lines.hashed) {
                assertThat(found).as("case %d", n).isLessThan(to);
                assertThat(a[found] == '\r' || a[found] == '\n').as("case %d", n).isTrue();
            }
        }
    }

    @Test
    void shouldHashALineAlikeWhereverItStandsAndWhateverFollowsIt() {
        HeaderLines lines = new HeaderLines(new SipScanner());
        byte[] line = "Allow: INVITE, ACK, BYE".getBytes(StandardCharsets.US_ASCII);
        Long first = null;
        for (int offset = 0; offset < 20; offset++) {
            for (int after = 2; after < 12; after++) {
                byte[] a = new byte[offset + line.length + after];
                Arrays.fill(a, (byte) ('a' + offset % 7));
                System.arraycopy(line, 0, a, offset, line.length);
                a[offset + line.length] = '\r';
                a[offset + line.length + 1] = '\n';

                assertThat(lines.scanLine(a, offset, a.length)).isEqualTo(offset + line.length);
                assertThat(lines.hashed).isTrue();
                if (first == null) {
                    first = lines.lineHash;
                }
                assertThat(lines.lineHash).as("offset %d, %d bytes after", offset, after).isEqualTo(first);
            }
        }
    }

    @Test
    void shouldHashLinesApartWhenTheyDifferInOneByte() {
        HeaderLines lines = new HeaderLines(new SipScanner());
        byte[] a = "Contact: <sip:+4917012345@198.51.100.7:5060>\r\n".getBytes(StandardCharsets.US_ASCII);
        lines.scanLine(a, 0, a.length);
        long before = lines.lineHash;
        a[20] = '9';

        lines.scanLine(a, 0, a.length);

        assertThat(lines.lineHash).isNotEqualTo(before);
    }
}
