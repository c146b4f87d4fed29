package io.holdfast.relay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SocketAddressSyntaxTest {
    @Test
    void shouldReadIpv4AndPortWhenWellFormed() {
        InetSocketAddress address = SocketAddressSyntax.parseSocketAddress("127.0.0.1:5060", 5060);

        assertThat(address.getAddress()).isInstanceOf(Inet4Address.class);
        assertThat(address.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(address.getPort()).isEqualTo(5060);
        assertThat(address.isUnresolved()).isFalse();
        assertThat(SocketAddressSyntax.format(address)).isEqualTo("127.0.0.1:5060");
    }

    @Test
    void shouldReadIpv6InBracketsWhenWellFormed() {
        InetSocketAddress address = SocketAddressSyntax.parseSocketAddress("[::1]:5060", 5060);

        assertThat(address.getAddress()).isInstanceOf(Inet6Address.class);
        assertThat(address.getAddress().isLoopbackAddress()).isTrue();
        assertThat(SocketAddressSyntax.format(address)).isEqualTo("[0:0:0:0:0:0:0:1]:5060");
        assertThat(SocketAddressSyntax.parseSocketAddress(SocketAddressSyntax.format(address), 5060)).isEqualTo(address);
    }

    @Test
    void shouldAcceptPortZeroWhenAnyFreePortIsWanted() {
        assertThat(SocketAddressSyntax.parseSocketAddress("0.0.0.0:0", 8080).getPort()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1|\"127.0.0.1\" has no port; write it like 127.0.0.1:5060 or [::1]:5060",
        "localhost:5060|\"localhost:5060\" is not an IP address and port; write it like 127.0.0.1:5060 or [::1]:5060",
        "256.0.0.1:5060|\"256.0.0.1:5060\" is not an IP address and port; write it like 127.0.0.1:5060 or [::1]:5060",
        ":5060|\":5060\" is not an IP address and port; write it like 127.0.0.1:5060 or [::1]:5060",
        "127.0.0.1:70000|\"127.0.0.1:70000\" has a port out of range; write a port from 0 to 65535, like 127.0.0.1:5060",
        "127.0.0.1:http|\"127.0.0.1:http\" has a port out of range; write a port from 0 to 65535, like 127.0.0.1:5060",
        "::1:5060|\"::1:5060\" is not an IP address and port; write an IPv6 address in brackets, like [::1]:5060",
        "[::1|\"[::1\" has no closing ']'; write it like 127.0.0.1:5060 or [::1]:5060",
        "[::1]|\"[::1]\" has no port; write it like 127.0.0.1:5060 or [::1]:5060",
        "[::1]5060|\"[::1]5060\" is not an IP address and port; write it like 127.0.0.1:5060 or [::1]:5060",
        "[127.0.0.1]:5060|\"[127.0.0.1]:5060\" has an IPv4 address in brackets; write it like 127.0.0.1:5060",
        "[::g]:5060|\"[::g]:5060\" is not an IP address and port; write it like 127.0.0.1:5060 or [::1]:5060",
    })
    void shouldExplainWhenNotAnAddressAndPort(String text, String message) {
        assertThatThrownBy(() -> SocketAddressSyntax.parseSocketAddress(text, 5060))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void shouldReadBareAddressesWhenIpLiterals() {
        assertThat(SocketAddressSyntax.parseAddress("10.0.0.7").getHostAddress()).isEqualTo("10.0.0.7");
        assertThat(SocketAddressSyntax.parseAddress("::1").isLoopbackAddress()).isTrue();
        assertThat(SocketAddressSyntax.parseAddress("[::1]").isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> SocketAddressSyntax.parseAddress("example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"example.com\" is not an IP address; write it like 127.0.0.1 or ::1");
    }
}
