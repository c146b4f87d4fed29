package io.holdfast.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginTest {

    private static Origin withVersion(String version) {
        return new Origin("-", "1", version, AddressType.IP4, "192.0.2.1");
    }

    @ParameterizedTest
    @CsvSource({
        "0, 1",
        "9, 10",
        "199, 200",
        "1715683200, 1715683201",
        "9223372036854775807, 9223372036854775808",
        "99999999999999999999, 100000000000000000000",
        "007, 008",
    })
    void shouldAddOneInDecimalWhenVersionIsIncremented(String before, String after) {
        assertThat(withVersion(before).withVersionIncremented().sessionVersion()).isEqualTo(after);
    }

    @Test
    void shouldWriteOriginLineWhenBuiltForAnAddress() throws UnknownHostException {
        Origin origin = Origin.of("holdfast", 1234, 5, InetAddress.getByName("2001:db8:0:0:0:0:0:1"));

        assertThat(origin.toSdpValue()).isEqualTo("holdfast 1234 5 IN IP6 2001:db8::1");
        assertThat(origin.withAddress(InetAddress.getByName("192.0.2.5")).toSdpValue())
                .isEqualTo("holdfast 1234 5 IN IP4 192.0.2.5");
    }

    @Test
    void shouldRefuseValuesThatCannotBeWrittenWhenConstructed() {
        assertThatThrownBy(() -> new Origin("a b", "1", "1", AddressType.IP4, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Origin("-", "1a", "1", AddressType.IP4, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Origin("-", "1", "", AddressType.IP4, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Origin("-", "1", "1", AddressType.IP4, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Origin.of("-", -1, 1, InetAddress.getLoopbackAddress()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
