package io.holdfast.sip.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.holdfast.sip.ByteMutator;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMessageWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mutated corpus messages (bit flips, hostile and random insertions, deletions, truncation, line
 * duplication, deletion and swaps), 100 000 cases in all: the parser and the framer only ever refuse
 * with a {@link SipParseException} (any other exception fails the test, with the seed and case that
 * reproduce it), nothing leaks (every buffer is a leak-tracked pooled one), and whatever they accept
 * survives write and parse again.
 */
class SipParserMutationTest {
    private static final long RUN_SEED = 0x51B_2026L;
    private static final int DATAGRAM_CASES = 60_000;
    private static final int STREAM_CASES = 40_000;
    private static final byte[] HOSTILE = {'\r', '\n', 0, ' ', '\t', ':', ';', ',', '"', '<', '>', '%', '\\', '@',
        '[', ']', '=', '/', '?', (byte) 0x7f, (byte) 0x80, (byte) 0xc3, (byte) 0xff, '0', '9'};
    private static final List<String> TOKENS = List.of("4294967296", "-1", "99999999999999999999", "SIP/2.0",
            "SIP/3.0", "\r\n\r\n", ";branch=", ";tag=", "<sip:", "%00", "%", "\"", "Content-Length: 0\r\n",
            "Content-Length: 99999\r\n", "Call-ID: x\r\n", "To: <sip:a@b>\r\n", "Via: SIP/2.0/UDP [::1]\r\n",
            " \r\n ", "\u00e9", "sip:[::1]:5060");

    private static final ByteMutator MUTATOR = new ByteMutator(
            SipCorpus.valid().stream().map(SipCorpus.Valid::bytes).toList(), HOSTILE, TOKENS);

    private final SipParser parser = new SipParser();

    @Test
    void shouldOnlyRefuseWithSipParseExceptionWhenADatagramIsMutated() {
        int accepted = 0;
        for (int i = 0; i < DATAGRAM_CASES; i++) {
            byte[] bytes = MUTATOR.mutant(RUN_SEED, i);
            String description = ByteMutator.describe(RUN_SEED, i, bytes);
            try {
                if (parseDatagram(bytes, (i & 1) == 0, description)) {
                    accepted++;
                }
            } catch (SipParseException | RuntimeException | Error e) {
                fail("unexpected " + e + " for " + description, e);
            }
        }
        assertThat(accepted).as("accepted mutants, so the round trip is exercised").isPositive();
    }

    /** True when the datagram was accepted (and its round trip checked). */
    private boolean parseDatagram(byte[] bytes, boolean direct, String description) throws SipParseException {
        ByteBuf buf = direct ? PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length + 1)
                : PooledByteBufAllocator.DEFAULT.heapBuffer(bytes.length + 1);
        SipMessage message;
        try {
            buf.writeBytes(bytes);
            message = parser.parse(buf, SipParser.Framing.DATAGRAM);
        } catch (SipParseException refused) {
            assertThat(refused.offset()).as(description)
                    .isBetween(0, Math.max(bytes.length, parser.limits().maxMessageBytes()));
            return false;
        } finally {
            buf.release();
        }
        byte[] written = SipMessageWriter.toByteArray(message);
        SipMessage again = parser.parse(written, 0, written.length, SipParser.Framing.STREAM);
        MessageComparison.assertEquivalent(again, message);
        return true;
    }

    @Test
    void shouldOnlyFrameOrRefuseWhenAStreamIsMutated() {
        for (int i = 0; i < STREAM_CASES; i++) {
            byte[] bytes = MUTATOR.mutant(RUN_SEED + 1, i);
            try {
                frame(bytes);
            } catch (RuntimeException | Error e) {
                fail("unexpected " + e + " for " + ByteMutator.describe(RUN_SEED + 1, i, bytes), e);
            }
        }
    }

    private void frame(byte[] bytes) {
        SipFramer framer = new SipFramer(parser.limits());
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length + 1).writeBytes(bytes);
        try {
            for (int frames = 0; frames < 64 && in.isReadable(); frames++) {
                SipFramer.Outcome outcome = framer.decode(in);
                if (outcome == SipFramer.Outcome.NEED_MORE) {
                    return;
                }
                if (outcome == SipFramer.Outcome.ERROR) {
                    assertThat(framer.error()).isNotNull();
                    return;
                }
                if (outcome == SipFramer.Outcome.MESSAGE) {
                    parseFrame(in, framer.frameLength());
                }
                assertThat(framer.frameLength()).isPositive();
                in.skipBytes(framer.frameLength());
            }
        } finally {
            in.release();
        }
    }

    private void parseFrame(ByteBuf in, int length) {
        try {
            parser.parse(in, in.readerIndex(), length, SipParser.Framing.STREAM);
        } catch (SipParseException refused) {
            assertThat(refused.rule()).isNotNull();
        }
    }
}
