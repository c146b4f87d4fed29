package io.holdfast.benchmarks.sip;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.parse.SipParseException;
import io.holdfast.sip.parse.SipParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link SipParserBenchmark}'s INVITE where the caller is never seen twice: before each parse the caller's number
 * (in From, Contact and P-Asserted-Identity) is overwritten with the next value of a counter, so no value cache can
 * hold it, as at a carrier edge where every call comes from another number. Branch, tag and Call-ID are unique per
 * variant as in {@link SipParserBenchmark}. {@code stampOnly} is the cost of the overwrite alone, to subtract.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SipParserNewCallerBenchmark {

    /** The caller's number in {@link SipParserBenchmark#INVITE}: "+49170" and five digits the counter rewrites. */
    private static final String CALLER = "+4917012345";
    private static final int DIGITS = 5;
    private static final int WRAP = 100_000;

    private final SipParser parser = new SipParser();
    private final byte[][] invites = new byte[SipParserBenchmark.VARIANTS][];
    private final int[][] callerDigits = new int[SipParserBenchmark.VARIANTS][];
    private ByteBuf[] buffers = new ByteBuf[SipParserBenchmark.VARIANTS];
    private int next;
    private int caller;

    @Setup
    public void setUp() {
        for (int n = 0; n < SipParserBenchmark.VARIANTS; n++) {
            final String text = SipParserBenchmark.variant(SipParserBenchmark.INVITE, n).replace("+49170"
                    + (12345 + n % 64), CALLER);
            invites[n] = text.getBytes(StandardCharsets.US_ASCII);
            callerDigits[n] = digitOffsets(text);
            buffers[n] = Unpooled.wrappedBuffer(invites[n]);
        }
    }

    @TearDown
    public void tearDown() {
        for (ByteBuf buffer : buffers) {
            buffer.release();
        }
        buffers = new ByteBuf[0];
    }

    @Benchmark
    public SipMessage parseInviteNewCaller() throws SipParseException {
        final int n = next++ & (SipParserBenchmark.VARIANTS - 1);
        stamp(n);
        return parser.parse(buffers[n], SipParser.Framing.DATAGRAM);
    }

    @Benchmark
    public int stampOnly() {
        final int n = next++ & (SipParserBenchmark.VARIANTS - 1);
        stamp(n);
        return invites[n][callerDigits[n][0]];
    }

    /** Writes the next caller number into every place variant {@code n} carries the caller. */
    private void stamp(int n) {
        int value = caller;
        caller = caller + 1 == WRAP ? 0 : caller + 1;
        final byte[] bytes = invites[n];
        final int[] offsets = callerDigits[n];
        for (int d = DIGITS - 1; d >= 0; d--) {
            final byte digit = (byte) ('0' + value % 10);
            value /= 10;
            for (int offset : offsets) {
                bytes[offset + d] = digit;
            }
        }
    }

    /** Returns where the caller's last five digits start, once per occurrence of the caller in {@code text}. */
    private static int[] digitOffsets(String text) {
        int count = 0;
        for (int at = text.indexOf(CALLER); at >= 0; at = text.indexOf(CALLER, at + 1)) {
            count++;
        }
        final int[] offsets = new int[count];
        int i = 0;
        for (int at = text.indexOf(CALLER); at >= 0; at = text.indexOf(CALLER, at + 1)) {
            offsets[i++] = at + CALLER.length() - DIGITS;
        }
        return offsets;
    }
}
