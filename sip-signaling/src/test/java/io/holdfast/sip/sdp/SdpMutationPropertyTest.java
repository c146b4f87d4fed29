package io.holdfast.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Mutations of valid descriptions (bytes replaced, inserted, deleted; tokens spliced in; lines
 * duplicated, dropped, swapped; truncation): the parser either accepts the result or throws
 * {@link SdpParseException}, never anything else; what it accepts writes back to an equal
 * description and survives every rewrite.
 */
class SdpMutationPropertyTest {
    private static final InetAddress ANCHOR = InetAddress.getLoopbackAddress();
    private static final byte[] INTERESTING_BYTES = {
        ' ', '\t', '\r', '\n', 0, '=', ':', '/', '.', '-', '0', '9', 'a', 'z', 'A', 'm', 'c', 't', 0x7F,
        (byte) 0x80, (byte) 0xC3, (byte) 0xFF,
    };
    private static final String[] TOKENS = {
        " ", "  ", "//", "::", ":::", "99999999999999999999", "-1", "65536", "128", "IN IP6 ", "IN IP4 ", "IP5",
        "a=rtpmap:", "a=fmtp:", "a=rtcp:", "a=sendonly", "\r\n", "\n", "=", "/0", "/127", "0.0.0.0", "224.0.0.1",
        "ff02::1", "::ffff:1.2.3.4", ".", "\u00e9", "m=audio 0 RTP/AVP 0\r\n", "c=IN IP4 1.2.3.4\r\n", "t=0 0\r\n",
    };

    enum Kind { REPLACE_BYTE, INSERT_BYTE, DELETE_BYTES, INSERT_TOKEN, DUPLICATE_LINE, DELETE_LINE, SWAP_LINES, TRUNCATE }

    record Mutation(Kind kind, double at, double other, byte value, String token) {
    }

    /** Also checks that both outcomes stay common, so that the mutations keep exercising both paths. */
    @Property(tries = 10_000)
    void shouldThrowOnlySdpParseExceptionWhenValidDescriptionIsMutated(@ForAll("mutatedDescriptions") byte[] sdp) {
        SessionDescription parsed = null;
        try {
            parsed = SessionDescription.parse(sdp);
        } catch (SdpParseException e) {
            assertThat(e.lineNumber()).isPositive();
            assertThat(e.reason()).isNotBlank();
        }
        Statistics.label("outcome").collect(parsed == null ? "rejected" : "accepted");
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("accepted").percentage(p -> p >= 3);
            coverage.check("rejected").percentage(p -> p >= 50);
        });
        if (parsed != null) {
            assertSurvivesRewrites(parsed);
        }
    }

    @Property(tries = 1_000)
    void shouldThrowOnlySdpParseExceptionWhenBytesAreArbitrary(@ForAll("arbitraryBodies") byte[] sdp) {
        try {
            assertSurvivesRewrites(SessionDescription.parse(sdp));
        } catch (SdpParseException e) {
            assertThat(e.lineNumber()).isPositive();
        }
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

    @Provide
    Arbitrary<byte[]> mutatedDescriptions() {
        List<byte[]> bases = new ArrayList<>();
        for (String name : SdpTexts.CORPUS) {
            bases.add(SdpTexts.corpusCrlf(name));
            bases.add(SdpTexts.corpusLf(name));
        }
        bases.add(SdpTexts.BASIC.getBytes(StandardCharsets.US_ASCII));
        Arbitrary<Mutation> mutation = Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.oneOf(Arbitraries.of(interestingBytes()), Arbitraries.bytes()),
                Arbitraries.of(TOKENS))
                .as(Mutation::new);
        return Combinators.combine(Arbitraries.of(bases), mutation.list().ofMinSize(1).ofMaxSize(4))
                .as(SdpMutationPropertyTest::mutate);
    }

    private static List<Byte> interestingBytes() {
        List<Byte> values = new ArrayList<>();
        for (byte b : INTERESTING_BYTES) {
            values.add(b);
        }
        return values;
    }

    @Provide
    Arbitrary<byte[]> arbitraryBodies() {
        Arbitrary<byte[]> prefix = Arbitraries.of(
                "".getBytes(StandardCharsets.US_ASCII),
                "v=0\r\n".getBytes(StandardCharsets.US_ASCII),
                "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n".getBytes(StandardCharsets.US_ASCII));
        Arbitrary<byte[]> tail = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Combinators.combine(prefix, tail).as((p, t) -> {
            byte[] out = Arrays.copyOf(p, p.length + t.length);
            System.arraycopy(t, 0, out, p.length, t.length);
            return out;
        });
    }

    static byte[] mutate(byte[] base, List<Mutation> mutations) {
        byte[] sdp = base;
        for (Mutation m : mutations) {
            sdp = apply(sdp, m);
        }
        return sdp;
    }

    private static byte[] apply(byte[] sdp, Mutation m) {
        int at = (int) (m.at() * sdp.length);
        switch (m.kind()) {
            case REPLACE_BYTE -> {
                if (sdp.length == 0) {
                    return sdp;
                }
                byte[] out = sdp.clone();
                out[Math.min(at, sdp.length - 1)] = m.value();
                return out;
            }
            case INSERT_BYTE -> {
                return splice(sdp, at, at, new byte[] {m.value()});
            }
            case DELETE_BYTES -> {
                return splice(sdp, at, Math.min(sdp.length, at + 1 + (int) (m.other() * 8)), new byte[0]);
            }
            case INSERT_TOKEN -> {
                return splice(sdp, at, at, m.token().getBytes(StandardCharsets.UTF_8));
            }
            case TRUNCATE -> {
                return Arrays.copyOf(sdp, at);
            }
            default -> {
                return mutateLines(sdp, m);
            }
        }
    }

    private static byte[] mutateLines(byte[] sdp, Mutation m) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < sdp.length; i++) {
            if (sdp[i] == '\n') {
                lines.add(Arrays.copyOfRange(sdp, start, i + 1));
                start = i + 1;
            }
        }
        if (start < sdp.length) {
            lines.add(Arrays.copyOfRange(sdp, start, sdp.length));
        }
        if (lines.isEmpty()) {
            return sdp;
        }
        int i = Math.min(lines.size() - 1, (int) (m.at() * lines.size()));
        int j = Math.min(lines.size() - 1, (int) (m.other() * lines.size()));
        switch (m.kind()) {
            case DUPLICATE_LINE -> lines.add(j, lines.get(i));
            case DELETE_LINE -> lines.remove(i);
            default -> {
                byte[] swap = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, swap);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] splice(byte[] sdp, int from, int to, byte[] insert) {
        byte[] out = new byte[sdp.length - (to - from) + insert.length];
        System.arraycopy(sdp, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(sdp, to, out, from + insert.length, sdp.length - to);
        return out;
    }
}
