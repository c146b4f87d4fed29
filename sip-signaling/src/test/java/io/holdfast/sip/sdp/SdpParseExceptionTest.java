package io.holdfast.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed descriptions and the exact line, type and reason each is rejected with. */
class SdpParseExceptionTest {
    private static final String[] BASE = {
        "v=0",
        "o=caller 100 200 IN IP4 192.0.2.10",
        "s=-",
        "c=IN IP4 192.0.2.10",
        "t=0 0",
        "m=audio 20000 RTP/AVP 0 8 101",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:101 telephone-event/8000",
        "a=fmtp:101 0-16",
        "a=sendrecv",
    };

    /** BASE with line {@code number} (1-based) replaced by {@code line}. */
    private static String replace(int number, String line) {
        String[] lines = BASE.clone();
        lines[number - 1] = line;
        return SdpTexts.crlf(lines);
    }

    /** BASE with {@code line} inserted so that it becomes line {@code number}. */
    private static String insert(int number, String line) {
        List<String> lines = new ArrayList<>(Arrays.asList(BASE));
        lines.add(number - 1, line);
        return SdpTexts.crlf(lines.toArray(new String[0]));
    }

    /** BASE without line {@code number}. */
    private static String remove(int number) {
        List<String> lines = new ArrayList<>(Arrays.asList(BASE));
        lines.remove(number - 1);
        return SdpTexts.crlf(lines.toArray(new String[0]));
    }

    private static Arguments bad(String name, String sdp, int line, char type, String reason) {
        return Arguments.of(name, sdp, line, type, reason);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("empty body", "", 1, 'v', "empty session description"),
                bad("only blank lines", "\r\n\r\n", 1, 'v', "empty session description"),
                bad("missing v=", remove(1), 1, 'v', "expected v= as line 1, found o="),
                bad("unknown version", replace(1, "v=1"), 1, 'v', "unsupported SDP version '1' (only 0)"),
                bad("missing o=", remove(2), 2, 'o', "expected o= as line 2, found s="),
                bad("missing s=", remove(3), 3, 's', "expected s= as line 3, found c="),
                bad("body ends after o=", SdpTexts.crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1"), 3, 's', "missing s= line"),
                bad("missing t= before m=", remove(5), 5, 't', "no t= line before the first m= line"),
                bad("missing t= at end", SdpTexts.crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-"), 4, 't',
                        "missing t= line"),
                bad("no equals sign", replace(4, "c IN IP4 192.0.2.10"), 4, 'c', "expected '=' right after the type letter"),
                bad("space before equals", replace(3, "s =-"), 3, 's', "expected '=' right after the type letter"),
                bad("upper-case type", replace(4, "C=IN IP4 192.0.2.10"), 4, SdpParseException.NO_TYPE,
                        "line does not start with a lowercase type letter"),
                bad("unknown type letter", insert(5, "x=whatever"), 5, 'x', "unknown line type x="),
                bad("empty line inside", insert(4, ""), 4, SdpParseException.NO_TYPE, "empty line"),
                bad("single letter line", insert(4, "b"), 4, 'b', "expected '=' right after the type letter"),
                bad("second v=", insert(4, "v=0"), 4, 'v', "more than one v= line at session level"),
                bad("second session c=", insert(5, "c=IN IP4 192.0.2.11"), 5, 'c', "more than one c= line at session level"),
                bad("c= after t=", SdpTexts.crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0", "c=IN IP4 192.0.2.1"),
                        5, 'c', "c= line out of order: it must come before t="),
                bad("a= before t=", insert(5, "a=tool:x"), 6, 't', "t= line out of order: it must come before a="),
                bad("r= without t=", insert(5, "r=7d 1h 0"), 5, 'r', "r= line must follow a t= or r= line"),
                bad("z= after z=", SdpTexts.crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1",
                        "t=0 0", "z=2882844526 -1h", "z=2882844526 -1h"), 7, 'z', "z= line must follow a t= or r= line"),
                bad("t= in media", insert(7, "t=0 0"), 7, 't', "t= line not allowed in a media description"),
                bad("c= after a= in media", insert(8, "c=IN IP4 192.0.2.10"), 8, 'c',
                        "c= line out of order: it must come before a="),
                bad("two i= in media", insert(7, "i=one").replace("i=one\r\n", "i=one\r\ni=two\r\n"), 8, 'i',
                        "more than one i= line in a media description"),
                bad("o= with five fields", replace(2, "o=caller 100 200 IN IP4"), 2, 'o',
                        "expected <username> <sess-id> <sess-version> IN <addrtype> <address>, found 5 fields"),
                bad("o= session id not numeric", replace(2, "o=caller abc 200 IN IP4 192.0.2.10"), 2, 'o',
                        "session id 'abc' is not a decimal number"),
                bad("o= version not numeric", replace(2, "o=caller 100 -2 IN IP4 192.0.2.10"), 2, 'o',
                        "session version '-2' is not a decimal number"),
                bad("o= double space", replace(2, "o=caller 100  200 IN IP4 192.0.2.10"), 2, 'o',
                        "more than one space between fields"),
                bad("o= bad network type", replace(2, "o=caller 100 200 ATM IP4 192.0.2.10"), 2, 'o',
                        "unsupported network type 'ATM' (only IN)"),
                bad("c= bad address type", replace(4, "c=IN IP5 192.0.2.10"), 4, 'c', "bad address type 'IP5' (IP4 or IP6)"),
                bad("c= lower-case address type", replace(4, "c=IN ip4 192.0.2.10"), 4, 'c',
                        "bad address type 'ip4' (IP4 or IP6)"),
                bad("c= bad IPv4", replace(4, "c=IN IP4 192.0.2.300"), 4, 'c', "bad IPv4 address '192.0.2.300'"),
                bad("c= IPv6 under IP4", replace(4, "c=IN IP4 2001:db8::1"), 4, 'c', "bad IPv4 address '2001:db8::1'"),
                bad("c= bad IPv6", replace(4, "c=IN IP6 2001:db8:::1"), 4, 'c', "bad IPv6 address '2001:db8:::1'"),
                bad("c= leading zero", replace(4, "c=IN IP4 192.0.2.010"), 4, 'c', "bad IPv4 address '192.0.2.010'"),
                bad("c= ttl on unicast", replace(4, "c=IN IP4 192.0.2.10/127"), 4, 'c',
                        "TTL or address count on a unicast address '192.0.2.10/127'"),
                bad("c= multicast without ttl", replace(4, "c=IN IP4 224.2.1.1"), 4, 'c',
                        "an IPv4 multicast address needs /<ttl>[/<number of addresses>]"),
                bad("c= two fields", replace(4, "c=IN IP4"), 4, 'c', "expected IN <addrtype> <connection-address>, found 2 fields"),
                bad("c= empty", replace(4, "c="), 4, 'c', "empty value"),
                bad("m= port too big", replace(6, "m=audio 70000 RTP/AVP 0"), 6, 'm',
                        "bad port '70000' (0 to 65535, optionally /<number of ports>)"),
                bad("m= port not numeric", replace(6, "m=audio x RTP/AVP 0"), 6, 'm',
                        "bad port 'x' (0 to 65535, optionally /<number of ports>)"),
                bad("m= zero port count", replace(6, "m=audio 20000/0 RTP/AVP 0"), 6, 'm',
                        "bad port '20000/0' (0 to 65535, optionally /<number of ports>)"),
                bad("m= bad protocol", replace(6, "m=audio 20000 RTP//AVP 0"), 6, 'm', "bad transport protocol 'RTP//AVP'"),
                bad("m= no formats", replace(6, "m=audio 20000 RTP/AVP"), 6, 'm', "no media formats after the protocol"),
                bad("m= two fields", replace(6, "m=audio 20000"), 6, 'm', "expected <media> <port> <proto> <fmt>..., found 2 fields"),
                bad("m= payload type too big", replace(6, "m=audio 20000 RTP/AVP 0 128"), 6, 'm',
                        "RTP payload type '128' is not a number from 0 to 127"),
                bad("m= payload type not numeric", replace(6, "m=audio 20000 RTP/AVP 0 PCMA"), 6, 'm',
                        "RTP payload type 'PCMA' is not a number from 0 to 127"),
                bad("m= duplicate format", replace(6, "m=audio 20000 RTP/AVP 0 8 0"), 6, 'm', "media format '0' listed twice"),
                bad("no connection at any level", remove(4), 5, 'c', "no c= line in this media description nor at session level"),
                bad("rtpmap not in m=", replace(7, "a=rtpmap:96 opus/48000/2"), 7, 'a',
                        "rtpmap for payload type 96, which the m= line (line 6) does not list"),
                bad("rtpmap twice", insert(8, "a=rtpmap:0 PCMU/8000"), 8, 'a', "more than one rtpmap for payload type 0"),
                bad("rtpmap without clock rate", replace(7, "a=rtpmap:0 PCMU"), 7, 'a',
                        "bad rtpmap encoding 'PCMU' (<name>/<clock rate>[/<channels>])"),
                bad("rtpmap zero clock rate", replace(7, "a=rtpmap:0 PCMU/0"), 7, 'a',
                        "bad rtpmap clock rate or channels 'PCMU/0'"),
                bad("rtpmap no value", replace(7, "a=rtpmap"), 7, 'a', "a=rtpmap needs a value"),
                bad("rtpmap payload type", replace(7, "a=rtpmap:x PCMU/8000"), 7, 'a',
                        "rtpmap payload type 'x' is not a number from 0 to 127"),
                bad("fmtp not in m=", replace(9, "a=fmtp:102 0-16"), 9, 'a',
                        "fmtp for payload type 102, which the m= line (line 6) does not list"),
                bad("fmtp without parameters", replace(9, "a=fmtp:101"), 9, 'a', "fmtp for payload type 101 has no parameters"),
                bad("direction twice", insert(11, "a=inactive"), 11, 'a',
                        "more than one direction attribute in a media description"),
                bad("session direction twice", SdpTexts.crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1",
                        "t=0 0", "a=sendonly", "a=recvonly"), 7, 'a', "more than one direction attribute at session level"),
                bad("direction with value", replace(10, "a=sendrecv:yes"), 10, 'a', "a=sendrecv takes no value"),
                bad("rtcp-mux with value", insert(11, "a=rtcp-mux:1"), 11, 'a', "a=rtcp-mux takes no value"),
                bad("rtcp bad port", insert(11, "a=rtcp:99999"), 11, 'a', "bad RTCP port '99999'"),
                bad("rtcp bad address type", insert(11, "a=rtcp:20001 IN IPX 192.0.2.1"), 11, 'a',
                        "bad address type 'IPX' (IP4 or IP6)"),
                bad("rtcp three fields", insert(11, "a=rtcp:20001 IN IP4"), 11, 'a',
                        "expected rtcp:<port> [IN <addrtype> <address>], found 3 fields"),
                bad("ptime not numeric", insert(11, "a=ptime:twenty"), 11, 'a', "ptime 'twenty' is not a number of milliseconds"),
                bad("ptime zero", insert(11, "a=ptime:0"), 11, 'a', "ptime must be at least 1 ms, found '0'"),
                bad("ptime twice", insert(11, "a=ptime:20").replace("a=ptime:20\r\n", "a=ptime:20\r\na=ptime:30\r\n"),
                        12, 'a', "more than one a=ptime in a media description"),
                bad("bad attribute name", insert(11, "a=foo bar:1"), 11, 'a', "bad attribute name 'foo bar'"),
                bad("empty attribute", insert(11, "a="), 11, 'a', "bad attribute name ''"),
                bad("bandwidth not numeric", insert(5, "b=AS:lots"), 5, 'b', "bandwidth 'lots' is not a decimal number"),
                bad("bandwidth no colon", insert(5, "b=AS"), 5, 'b', "expected <bwtype>:<bandwidth>, found 'AS'"),
                bad("t= one field", replace(5, "t=0"), 5, 't', "expected <start-time> <stop-time>, found 1 fields"),
                bad("t= not numeric", replace(5, "t=now later"), 5, 't', "times must be decimal NTP seconds, found 'now later'"),
                bad("r= bad unit", insert(6, "r=7w 1h 0"), 6, 'r', "bad time '7w'"),
                bad("z= odd fields", insert(6, "z=2882844526"), 6, 'z', "expected pairs of <adjustment time> <offset>, found 1 fields"),
                bad("control character", replace(3, "s=a\u0001b"), 3, 's', "control character U+0001 at character 4"),
                bad("lone carriage return", replace(3, "s=a\rb"), 3, 's', "control character U+000D at character 4"),
                bad("DEL character", replace(3, "s=a\u007fb"), 3, 's', "control character U+007F at character 4"),
                bad("unsupported charset", insert(6, "a=charset:NO-SUCH-CHARSET"), 6, 'a',
                        "unsupported character set 'NO-SUCH-CHARSET'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void shouldNameLineTypeAndFaultWhenDescriptionIsMalformed(String name, String sdp, int line, char type, String reason) {
        SdpParseException e = catchThrowableOfType(SdpParseException.class,
                () -> SessionDescription.parse(sdp.getBytes(StandardCharsets.UTF_8)));

        assertThat(e).as(name).isNotNull();
        assertThat(e.reason()).as(name).isEqualTo(reason);
        assertThat(e.lineNumber()).as(name).isEqualTo(line);
        assertThat(e.lineType()).as(name).isEqualTo(type);
        assertThat(e.getMessage()).isEqualTo("SDP line " + line + " (" + type + "=): " + reason);
    }

    @Test
    void shouldNameByteOffsetWhenLineIsNotUtf8() {
        byte[] sdp = SdpTexts.crlf(BASE).getBytes(StandardCharsets.US_ASCII);
        byte[] broken = new byte[sdp.length + 2];
        int at = SdpTexts.crlf("v=0", "o=caller 100 200 IN IP4 192.0.2.10").length() + "s=".length();
        System.arraycopy(sdp, 0, broken, 0, at);
        broken[at] = (byte) 0xC3;
        broken[at + 1] = (byte) 0x28;
        System.arraycopy(sdp, at, broken, at + 2, sdp.length - at);

        SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse(broken));

        assertThat(e.lineNumber()).isEqualTo(3);
        assertThat(e.lineType()).isEqualTo('s');
        assertThat(e.reason()).isEqualTo("not valid UTF-8 at byte 3 of the line");
    }

    @Test
    void shouldRejectLatin1BytesWhenNoCharsetIsDeclared() {
        byte[] latin1 = SdpTexts.crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=Caf\u00e9", "c=IN IP4 192.0.2.1", "t=0 0")
                .getBytes(StandardCharsets.ISO_8859_1);

        SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse(latin1));

        assertThat(e.lineNumber()).isEqualTo(3);
        assertThat(e.reason()).isEqualTo("not valid UTF-8 at byte 6 of the line");
    }

    @Test
    void shouldRejectNonUtf8WhenOnAnAttributeLineEvenWithCharset() {
        byte[] sdp = SdpTexts.crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "a=charset:ISO-8859-1", "a=tool:Caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);

        SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse(sdp));

        assertThat(e.lineNumber()).isEqualTo(7);
        assertThat(e.lineType()).isEqualTo('a');
    }

    @Test
    void shouldShortenQuotedValueWhenItIsLong() {
        String longAddress = "a".repeat(100);
        SdpParseException e = catchThrowableOfType(SdpParseException.class,
                () -> SessionDescription.parse(replace(4, "c=IN IP4 " + longAddress + "!")));

        assertThat(e.reason()).isEqualTo("bad IPv4 address '" + "a".repeat(40) + "...'");
    }
}
