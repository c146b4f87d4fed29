package io.holdfast.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Real-world shaped descriptions: written back byte for byte, and rewritten with only the lines a
 * rewrite must change differing (a byte-level line diff proves every other line identical).
 */
class SdpCorpusTest {
    private static final List<String> CORPUS = SdpTexts.CORPUS;
    private static final InetAddress ANCHOR = ip("203.0.113.200");
    private static final int ANCHOR_PORT = 41000;

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @FieldSource("CORPUS")
    void shouldWriteBackEveryByteWhenNothingIsRewritten(String name) {
        byte[] input = SdpTexts.corpusCrlf(name);

        assertThat(SdpTexts.parse(input).toBytes()).isEqualTo(input);
    }

    @ParameterizedTest
    @FieldSource("CORPUS")
    void shouldKeepLineContentsAndEndLinesWithCrlfWhenInputUsesBareLf(String name) {
        byte[] input = SdpTexts.corpusLf(name);
        List<byte[]> expected = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                expected.add(Arrays.copyOfRange(input, start, i));
                start = i + 1;
            }
        }

        List<byte[]> written = LineDiff.splitCrlf(SdpTexts.parse(input).toBytes());

        assertThat(written).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(written.get(i)).as("line %d", i + 1).isEqualTo(expected.get(i));
        }
        assertThat(SdpTexts.parse(input).toBytes()).isEqualTo(SdpTexts.corpusCrlf(name));
    }

    @ParameterizedTest
    @FieldSource("CORPUS")
    void shouldParseToEqualDescriptionWhenWrittenBytesAreParsedAgain(String name) {
        SessionDescription sd = SdpTexts.parse(SdpTexts.corpusLf(name));

        assertThat(SdpTexts.parse(sd.toBytes())).isEqualTo(sd);
        assertThat(SdpTexts.parse(sd.toBytes()).media()).hasSameSizeAs(sd.media());
    }

    @ParameterizedTest
    @FieldSource("CORPUS")
    void shouldChangeOnlyPortConnectionAndRtcpLinesWhenEachStreamIsReanchored(String name) {
        SessionDescription sd = SdpTexts.parse(SdpTexts.corpusCrlf(name));
        for (MediaDescription m : sd.media()) {
            int i = m.index();
            InetSocketAddress rtp = new InetSocketAddress(ANCHOR, ANCHOR_PORT + 2 * i);

            SessionDescription rewritten = sd.withMediaAddress(i, rtp);

            LineDiff diff = LineDiff.of(sd, rewritten);
            assertThat(diff.removed()).as("%s stream %d removed", name, i)
                    .allMatch(line -> line.startsWith("c=") || line.startsWith("a=rtcp:") || line.equals(mLine(sd, i)));
            assertThat(diff.added()).as("%s stream %d added", name, i)
                    .allMatch(line -> line.equals("c=IN IP4 203.0.113.200") || line.startsWith("a=rtcp:")
                            || line.equals(mLine(sd, i).replaceFirst(" " + m.port(), " " + rtp.getPort())));
            assertThat(diff.common()).isEqualTo(sd.lineCount() - diff.removed().size());
            assertThat(rewritten.rtpAddressFor(rewritten.media(i))).isEqualTo(rtp);
            assertThat(rewritten.rtcpAddressFor(rewritten.media(i)).getAddress()).isEqualTo(ANCHOR);
            assertThat(rewritten.rtcpPortFor(rewritten.media(i))).isEqualTo(expectedRtcpPort(m, rtp.getPort()));
            for (MediaDescription other : sd.media()) {
                if (other.index() != i) {
                    MediaDescription after = rewritten.media(other.index());
                    assertThat(rewritten.rtpAddressFor(after)).isEqualTo(sd.rtpAddressFor(other));
                    assertThat(rewritten.rtcpAddressFor(after)).isEqualTo(sd.rtcpAddressFor(other));
                    assertThat(after.attributes()).isEqualTo(other.attributes());
                }
            }
            assertThat(rewritten.media(i).attributes().stream().filter(a -> !a.name().equals("rtcp")))
                    .containsExactlyElementsOf(m.attributes().stream().filter(a -> !a.name().equals("rtcp")).toList());
            assertThat(rewritten.origin()).isEqualTo(sd.origin());
        }
    }

    private static int expectedRtcpPort(MediaDescription m, int rtpPort) {
        if (m.rtcp() != null) {
            return m.rtcp().port() == m.port() ? rtpPort : rtpPort + 1;
        }
        return m.rtcpMux() ? rtpPort : rtpPort + 1;
    }

    private static String mLine(SessionDescription sd, int mediaIndex) {
        return new String(sd.line(sd.media(mediaIndex).firstLine()), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @FieldSource("CORPUS")
    void shouldChangeOnlyConnectionLinesWhenConnectionAddressIsRewritten(String name) {
        SessionDescription sd = SdpTexts.parse(SdpTexts.corpusCrlf(name));
        InetAddress v6 = ip("2001:db8::200");

        SessionDescription rewritten = sd.withConnectionAddress(v6);

        LineDiff diff = LineDiff.of(sd, rewritten);
        assertThat(diff.removed()).allMatch(line -> line.startsWith("c=") || line.startsWith("a=rtcp:"));
        assertThat(diff.added()).allMatch(line -> line.equals("c=IN IP6 2001:db8::200")
                || line.matches("a=rtcp:\\d+ IN IP6 2001:db8::200"));
        assertThat(diff.removed()).isNotEmpty();
        for (MediaDescription m : rewritten.media()) {
            assertThat(rewritten.connectionFor(m).inetAddress()).isEqualTo(v6);
            assertThat(rewritten.rtcpAddressFor(m).getAddress()).isEqualTo(v6);
            assertThat(m.port()).isEqualTo(sd.media(m.index()).port());
            assertThat(rewritten.rtcpPortFor(m)).isEqualTo(sd.rtcpPortFor(sd.media(m.index())));
        }
    }

    @ParameterizedTest
    @FieldSource("CORPUS")
    void shouldChangeOnlyDirectionLineWhenOneStreamIsMadeInactive(String name) {
        SessionDescription sd = SdpTexts.parse(SdpTexts.corpusCrlf(name));
        for (MediaDescription m : sd.media()) {
            SessionDescription rewritten = sd.withDirection(m.index(), Direction.INACTIVE);

            LineDiff diff = LineDiff.of(sd, rewritten);
            assertThat(diff.removed()).allMatch(line -> m.direction() != null && line.equals("a=" + m.direction().token()));
            assertThat(diff.added()).containsExactlyElementsOf(sd.direction(m) == Direction.INACTIVE
                    ? List.of() : List.of("a=inactive"));
            assertThat(rewritten.direction(rewritten.media(m.index()))).isEqualTo(Direction.INACTIVE);
            for (MediaDescription other : sd.media()) {
                assertThat(rewritten.direction(rewritten.media(other.index())))
                        .isEqualTo(other.index() == m.index() ? Direction.INACTIVE : sd.direction(other));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("CORPUS")
    void shouldLeaveNoOriginalAddressWhenOriginAndEveryStreamAreRewritten(String name) {
        SessionDescription sd = SdpTexts.parse(SdpTexts.corpusCrlf(name));
        Set<String> original = new HashSet<>();
        original.add(sd.origin().address());
        if (sd.connection() != null) {
            original.add(sd.connection().address());
        }
        for (MediaDescription m : sd.media()) {
            m.connections().forEach(c -> original.add(c.address()));
            if (m.rtcp() != null && m.rtcp().connection() != null) {
                original.add(m.rtcp().connection().address());
            }
        }

        SessionDescription rewritten = sd.withOrigin(Origin.of("holdfast", 1, 1, ANCHOR));
        for (MediaDescription m : sd.media()) {
            rewritten = rewritten.withMediaAddress(m.index(), new InetSocketAddress(ANCHOR, ANCHOR_PORT + 2 * m.index()));
        }

        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < rewritten.lineCount(); i++) {
            String line = new String(rewritten.line(i), StandardCharsets.UTF_8);
            if (!line.startsWith("a=candidate:")) {
                tokens.addAll(Arrays.asList(line.substring(2).split("[ /]")));
            }
        }
        assertThat(tokens).doesNotContainAnyElementsOf(original);
    }

    @ParameterizedTest
    @FieldSource("CORPUS")
    void shouldChangeOnlyOriginLineWhenVersionIsIncremented(String name) {
        SessionDescription sd = SdpTexts.parse(SdpTexts.corpusCrlf(name));

        SessionDescription rewritten = sd.withOriginVersionIncremented();

        LineDiff diff = LineDiff.of(sd, rewritten);
        assertThat(diff.removed()).containsExactly(new String(sd.line(1), StandardCharsets.UTF_8));
        assertThat(diff.added()).containsExactly("o=" + sd.origin().withVersionIncremented().toSdpValue());
        assertThat(rewritten.origin().sessionId()).isEqualTo(sd.origin().sessionId());
    }
}
