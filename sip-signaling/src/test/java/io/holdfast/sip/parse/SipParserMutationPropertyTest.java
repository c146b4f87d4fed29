package io.holdfast.sip.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMessageWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Mutated corpus messages (byte flips, insertions of plain and hostile bytes, deletions, truncation,
 * duplicated header lines), 100 000 tries in all: the parser and the framer only ever refuse with a
 * {@link SipParseException} (any other exception fails the property), nothing leaks (every buffer is
 * a leak-tracked pooled one), and whatever they accept survives write and parse again.
 */
class SipParserMutationPropertyTest {
    private static final List<byte[]> SEEDS = SipCorpus.valid().stream().map(SipCorpus.Valid::bytes).toList();
    private static final byte[] HOSTILE = {'\r', '\n', 0, ' ', '\t', ':', ';', ',', '"', '<', '>', '%', '\\', '@',
        '[', ']', '=', '/', '?', (byte) 0x7f, (byte) 0x80, (byte) 0xc3, (byte) 0xff, '0', '9'};

    /** One change to a message. */
    enum Kind { FLIP, INSERT, INSERT_HOSTILE, DELETE, TRUNCATE, DUPLICATE_LINE }

    record Mutation(Kind kind, double where, int value, int length) {
    }

    private final SipParser parser = new SipParser();

    @Property(tries = 60_000, shrinking = ShrinkingMode.BOUNDED)
    void shouldOnlyRefuseWithSipParseExceptionWhenADatagramIsMutated(@ForAll("mutated") byte[] bytes,
                                                                      @ForAll boolean direct) throws Exception {
        ByteBuf buf = direct ? PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length + 1)
                : PooledByteBufAllocator.DEFAULT.heapBuffer(bytes.length + 1);
        SipMessage message;
        try {
            buf.writeBytes(bytes);
            message = parser.parse(buf, SipParser.Framing.DATAGRAM);
        } catch (SipParseException refused) {
            assertThat(refused.offset()).isBetween(0, Math.max(bytes.length, parser.limits().maxMessageBytes()));
            return;
        } finally {
            buf.release();
        }
        byte[] written = SipMessageWriter.toByteArray(message);
        SipMessage again = parser.parse(written, 0, written.length, SipParser.Framing.STREAM);
        MessageComparison.assertEquivalent(again, message);
    }

    @Property(tries = 40_000, shrinking = ShrinkingMode.BOUNDED)
    void shouldOnlyFrameOrRefuseWhenAStreamIsMutated(@ForAll("mutated") byte[] bytes) {
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

    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Kind.class),
                Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(1, 48)).as(Mutation::new);
        return Combinators.combine(Arbitraries.integers().between(0, SEEDS.size() - 1),
                mutation.list().ofMinSize(1).ofMaxSize(4)).as((seed, changes) -> {
                    byte[] bytes = SEEDS.get(seed);
                    for (Mutation change : changes) {
                        bytes = apply(bytes, change);
                    }
                    return bytes;
                });
    }

    private static byte[] apply(byte[] in, Mutation m) {
        if (in.length == 0) {
            return new byte[] {(byte) m.value()};
        }
        int at = Math.min((int) (m.where() * in.length), in.length - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + m.length() + 64);
        switch (m.kind()) {
            case FLIP -> {
                byte[] copy = in.clone();
                copy[at] ^= (byte) (1 << (m.value() & 7));
                return copy;
            }
            case INSERT, INSERT_HOSTILE -> {
                out.write(in, 0, at);
                byte inserted = m.kind() == Kind.INSERT ? (byte) m.value() : HOSTILE[m.value() % HOSTILE.length];
                for (int i = 0; i < 1 + m.length() % 3; i++) {
                    out.write(inserted);
                }
                out.write(in, at, in.length - at);
            }
            case DELETE -> {
                int n = Math.min(m.length(), in.length - at);
                out.write(in, 0, at);
                out.write(in, at + n, in.length - at - n);
            }
            case TRUNCATE -> out.write(in, 0, at);
            case DUPLICATE_LINE -> {
                int start = at;
                while (start > 0 && in[start - 1] != '\n') {
                    start--;
                }
                int end = at;
                while (end < in.length && in[end] != '\n') {
                    end++;
                }
                end = Math.min(end + 1, in.length);
                out.write(in, 0, end);
                out.write(in, start, end - start);
                out.write(in, end, in.length - end);
            }
        }
        return out.toByteArray();
    }
}
