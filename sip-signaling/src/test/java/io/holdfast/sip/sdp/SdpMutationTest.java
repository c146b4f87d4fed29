package io.holdfast.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.holdfast.sip.ByteMutator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of valid descriptions: the parser either accepts the result or throws
 * {@link SdpParseException}, never anything else; what it accepts writes back to an equal description
 * and survives every rewrite. A failure prints the seed and case to reproduce it.
 */
class SdpMutationTest {
    private static final long RUN_SEED = 0x5D9_2026L;
    private static final int MUTANTS = 10_000;
    private static final int ARBITRARY_BODIES = 1_000;
    private static final InetAddress ANCHOR = InetAddress.getLoopbackAddress();
    private static final byte[] HOSTILE_BYTES = {
        ' ', '\t', '\r', '\n', 0, '=', ':', '/', '.', '-', '0', '9', 'a', 'z', 'A', 'm', 'c', 't', 0x7F,
        (byte) 0x80, (byte) 0xC3, (byte) 0xFF,
    };
    private static final List<String> TOKENS = List.of(
        " ", "  ", "//", "::", ":::", "99999999999999999999", "-1", "65536", "128", "IN IP6 ", "IN IP4 ", "IP5",
        "a=rtpmap:", "a=fmtp:", "a=rtcp:", "a=sendonly", "\r\n", "\n", "=", "/0", "/127", "0.0.0.0", "224.0.0.1",
        "ff02::1", "::ffff:1.2.3.4", ".", "\u00e9", "m=audio 0 RTP/AVP 0\r\n", "c=IN IP4 1.2.3.4\r\n", "t=0 0\r\n");

    private static ByteMutator mutator() {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : SdpTexts.CORPUS) {
            seeds.add(SdpTexts.corpusCrlf(name));
            seeds.add(SdpTexts.corpusLf(name));
        }
        seeds.add(SdpTexts.BASIC.getBytes(StandardCharsets.US_ASCII));
        return new ByteMutator(seeds, HOSTILE_BYTES, TOKENS);
    }

    /** Also checks that both outcomes stay common, so the mutations keep exercising both paths. */
    @Test
    void shouldThrowOnlySdpParseExceptionWhenValidDescriptionIsMutated() {
        ByteMutator mutator = mutator();
        int accepted = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] sdp = mutator.mutant(RUN_SEED, i);
            if (parsesAndSurvives(sdp, ByteMutator.describe(RUN_SEED, i, sdp))) {
                accepted++;
            }
        }
        assertThat(accepted).as("accepted mutants").isBetween(MUTANTS * 3 / 100, MUTANTS / 2);
    }

    @Test
    void shouldThrowOnlySdpParseExceptionWhenBytesAreArbitrary() {
        byte[][] prefixes = {
            new byte[0],
            "v=0\r\n".getBytes(StandardCharsets.US_ASCII),
            "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n".getBytes(StandardCharsets.US_ASCII),
        };
        SplittableRandom random = new SplittableRandom(RUN_SEED);
        for (int i = 0; i < ARBITRARY_BODIES; i++) {
            byte[] prefix = prefixes[random.nextInt(prefixes.length)];
            byte[] sdp = new byte[prefix.length + random.nextInt(201)];
            System.arraycopy(prefix, 0, sdp, 0, prefix.length);
            for (int b = prefix.length; b < sdp.length; b++) {
                sdp[b] = (byte) random.nextInt(256);
            }
            parsesAndSurvives(sdp, ByteMutator.describe(RUN_SEED, i, sdp));
        }
    }

    /** True when accepted (and then checked); false when refused with a proper exception. */
    private static boolean parsesAndSurvives(byte[] sdp, String description) {
        SessionDescription parsed;
        try {
            parsed = SessionDescription.parse(sdp);
        } catch (SdpParseException e) {
            assertThat(e.lineNumber()).as(description).isPositive();
            assertThat(e.reason()).as(description).isNotBlank();
            return false;
        } catch (RuntimeException | Error e) {
            fail("unexpected " + e + " for " + description, e);
            return false;
        }
        try {
            assertSurvivesRewrites(parsed);
        } catch (RuntimeException e) {
            fail("rewrite failed with " + e + " for " + description, e);
        }
        return true;
    }

    private static void assertSurvivesRewrites(SessionDescription sd) {
        SessionDescription again = SdpTexts.parse(sd.toBytes());
        assertThat(again).isEqualTo(sd);
        assertThat(again.toBytes()).isEqualTo(sd.toBytes());
        SessionDescription rewritten = sd.withConnectionAddress(ANCHOR).withOriginVersionIncremented();
        for (MediaDescription m : sd.media()) {
            rewritten = rewritten.withMediaAddress(m.index(), new InetSocketAddress(ANCHOR, 40000 + 2 * m.index()))
                    .withDirection(m.index(), Direction.INACTIVE);
            assertThat(rewritten.rtpAddressFor(rewritten.media(m.index())).getPort()).isEqualTo(40000 + 2 * m.index());
        }
        assertThat(rewritten.media()).hasSameSizeAs(sd.media());
    }
}
