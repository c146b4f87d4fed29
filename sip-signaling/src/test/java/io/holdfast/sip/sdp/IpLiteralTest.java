package io.holdfast.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.0.2.1", "255.255.255.255", "10.0.0.10", "224.2.17.12"})
    void shouldParseIpv4WhenDottedQuadIsValid(String literal) throws UnknownHostException {
        assertThat(IpLiteral.parseIp4(literal)).isEqualTo(InetAddress.getByName(literal).getAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "1.2.3.4.", ".1.2.3.4",
        "a.b.c.d", "1.2.3.-4", "1.2.3.4/24", " 1.2.3.4"})
    void shouldRejectIpv4WhenLiteralIsMalformed(String literal) {
        assertThat(IpLiteral.parseIp4(literal)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "1::", "2001:db8::1", "2001:db8:0:0:1:0:0:1", "fe80::1:2:3:4",
        "1:2:3:4:5:6:7:8", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:1.2.3.4", "FF15::101",
        "1::8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8"})
    void shouldParseIpv6WhenLiteralIsValid(String literal) throws UnknownHostException {
        byte[] expected = InetAddress.getByName(literal).getAddress();
        byte[] parsed = IpLiteral.parseIp6(literal);

        assertThat(parsed).hasSize(16);
        if (expected.length == 16) {
            assertThat(parsed).isEqualTo(expected);
        } else {
            assertThat(parsed).endsWith(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", "12345::", "g::1",
        ":1", "1:", "::1:", "1.2.3.4::", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "[::1]", "fe80::1%eth0",
        "1:2:3:4:5:6:7:8::"})
    void shouldRejectIpv6WhenLiteralIsMalformed(String literal) {
        assertThat(IpLiteral.parseIp6(literal)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "1:0:0:0:0:0:0:0, 1::",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:DB8:AAAA:0:0:0:0:1, 2001:db8:aaaa::1",
        "1:0:2:0:0:3:0:0, 1:0:2::3:0:0",
        "192.0.2.7, 192.0.2.7",
    })
    void shouldFormatCanonicallyWhenWritingAnAddress(String input, String expected) throws UnknownHostException {
        assertThat(IpLiteral.format(InetAddress.getByName(input))).isEqualTo(expected);
    }
}
