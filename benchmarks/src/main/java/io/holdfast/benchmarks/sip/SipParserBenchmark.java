package io.holdfast.benchmarks.sip;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMessageWriter;
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
 * Parsing and writing a typical carrier INVITE with SDP and its 200 OK. The parse benchmarks cycle
 * through {@value #VARIANTS} variants of each message with a unique branch, tag and Call-ID and one of
 * 64 callers, as real traffic has, so that the parser's string cache only helps where it would in
 * production (hosts, peers' header values). Inputs are unpooled buffers that the parser only reads
 * (it never moves their indexes), so nothing is reset between operations; the writer's output buffer
 * is cleared before each operation. Run with {@code -prof gc} for B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SipParserBenchmark {
    static final String SDP = "v=0\r\n"
            + "o=- 3862211712 3862211712 IN IP4 198.51.100.7\r\n"
            + "s=-\r\n"
            + "c=IN IP4 198.51.100.7\r\n"
            + "t=0 0\r\n"
            + "m=audio 30000 RTP/AVP 0 8 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-16\r\n"
            + "a=ptime:20\r\n"
            + "a=sendrecv\r\n";

    static final String INVITE = "INVITE sip:+4930123456@voice.example.com;user=phone SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:+4930123456@voice.example.com;user=phone>\r\n"
            + "From: \"Alice Caller\" <sip:+4917012345@carrier.example.net;user=phone>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.carrier.example.net\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:+4917012345@198.51.100.7:5060;transport=udp>\r\n"
            + "Record-Route: <sip:sbc1.carrier.example.net;lr>\r\n"
            + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, PRACK\r\n"
            + "Supported: timer, 100rel, replaces\r\n"
            + "Session-Expires: 1800;refresher=uac\r\n"
            + "Min-SE: 90\r\n"
            + "P-Asserted-Identity: <sip:+4917012345@carrier.example.net;user=phone>\r\n"
            + "User-Agent: CarrierSBC/4.2\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + SDP.length() + "\r\n"
            + "\r\n"
            + SDP;

    static final String OK = "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds;received=198.51.100.7;rport=5060\r\n"
            + "Record-Route: <sip:sbc1.carrier.example.net;lr>\r\n"
            + "To: <sip:+4930123456@voice.example.com;user=phone>;tag=a6c85cf\r\n"
            + "From: \"Alice Caller\" <sip:+4917012345@carrier.example.net;user=phone>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.carrier.example.net\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:agent@203.0.113.10:5060>\r\n"
            + "Require: timer\r\n"
            + "Session-Expires: 1800;refresher=uac\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + SDP.length() + "\r\n"
            + "\r\n"
            + SDP;

    static final int VARIANTS = 1024;

    private final SipParser parser = new SipParser();
    private final ByteBuf[] invites = new ByteBuf[VARIANTS];
    private final ByteBuf[] invitesDirect = new ByteBuf[VARIANTS];
    private final ByteBuf[] oks = new ByteBuf[VARIANTS];
    private int next;
    private ByteBuf out;
    private SipMessage inviteMessage;
    private SipMessage okMessage;

    /** The message with its per-call values made unique for variant {@code n}. */
    static String variant(String message, int n) {
        String unique = Integer.toHexString(0x5eed0000 + n * 7919);
        return message.replace("z9hG4bK776asdhds", "z9hG4bK" + unique + "a1")
                .replace("1928301774", "t" + unique)
                .replace("a84b4c76e66710", "c" + unique + "e667")
                .replace("+4917012345", "+49170" + (12345 + n % 64));
    }

    @Setup
    public void setUp() throws SipParseException {
        for (int n = 0; n < VARIANTS; n++) {
            byte[] invite = variant(INVITE, n).getBytes(StandardCharsets.US_ASCII);
            invites[n] = Unpooled.wrappedBuffer(invite);
            invitesDirect[n] = Unpooled.directBuffer(invite.length).writeBytes(invite);
            oks[n] = Unpooled.wrappedBuffer(variant(OK, n).getBytes(StandardCharsets.US_ASCII));
        }
        out = Unpooled.buffer(4096);
        inviteMessage = parser.parse(invites[0], SipParser.Framing.DATAGRAM);
        okMessage = parser.parse(oks[0], SipParser.Framing.DATAGRAM);
    }

    @TearDown
    public void tearDown() {
        for (int n = 0; n < VARIANTS; n++) {
            invites[n].release();
            invitesDirect[n].release();
            oks[n].release();
        }
        out.release();
    }

    @Benchmark
    public SipMessage parseInvite() throws SipParseException {
        return parser.parse(invites[next++ & (VARIANTS - 1)], SipParser.Framing.DATAGRAM);
    }

    /** The production path: a direct datagram is copied once into the parser's scratch array. */
    @Benchmark
    public SipMessage parseInviteFromDirectBuffer() throws SipParseException {
        return parser.parse(invitesDirect[next++ & (VARIANTS - 1)], SipParser.Framing.DATAGRAM);
    }

    @Benchmark
    public SipMessage parseOk() throws SipParseException {
        return parser.parse(oks[next++ & (VARIANTS - 1)], SipParser.Framing.DATAGRAM);
    }

    @Benchmark
    public int writeInvite() {
        out.clear();
        SipMessageWriter.write(inviteMessage, out);
        return out.writerIndex();
    }

    @Benchmark
    public int writeOk() {
        out.clear();
        SipMessageWriter.write(okMessage, out);
        return out.writerIndex();
    }
}
