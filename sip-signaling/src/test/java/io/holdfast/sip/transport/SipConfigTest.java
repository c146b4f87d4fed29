package io.holdfast.sip.transport;

import io.holdfast.sip.parse.SipLimits;
import io.holdfast.sip.transaction.TransactionTimers;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SipConfigTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    @Test
    void shouldAdvertiseListenAddressWhenNoHostGiven() {
        SipConfig config = SipConfig.listeningOn(LOOPBACK);

        assertThat(config.advertisedHost()).isEqualTo("127.0.0.1");
        assertThat(config.eventLoops()).isEqualTo(SipConfig.DEFAULT_EVENT_LOOPS);
        assertThat(config.timers()).isEqualTo(TransactionTimers.DEFAULT);
    }

    @Test
    void shouldRequireAdvertisedHostWhenListeningOnWildcard() {
        assertThatThrownBy(() -> SipConfig.listeningOn(new InetSocketAddress(5060)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sip.advertisedHost");
    }

    @Test
    void shouldRejectWhenNoTransportEnabled() {
        assertThatThrownBy(() -> new SipConfig(null, null, "h", 1, IoMode.AUTO, TransactionTimers.DEFAULT,
                SipConfig.DEFAULT_TCP_CONNECT_TIMEOUT, SipLimits.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectWhenLoopsOrTimeoutInvalid() {
        assertThatThrownBy(() -> SipConfig.listeningOn(LOOPBACK).withEventLoops(0))
                .hasMessageContaining("sip.eventLoops");
        assertThatThrownBy(() -> new SipConfig(LOOPBACK, null, null, 1, IoMode.AUTO, TransactionTimers.DEFAULT,
                Duration.ZERO, SipLimits.DEFAULT)).hasMessageContaining("sip.tcpConnectTimeout");
    }

    @Test
    void shouldMapViaTokensWhenTransportNamed() {
        assertThat(Transport.ofViaToken("tcp")).isEqualTo(Transport.TCP);
        assertThat(Transport.ofViaToken("SCTP")).isNull();
        assertThat(Transport.TLS.reliable()).isTrue();
        assertThat(Transport.UDP.reliable()).isFalse();
        assertThat(Transport.TLS.defaultPort()).isEqualTo(5061);
    }
}
