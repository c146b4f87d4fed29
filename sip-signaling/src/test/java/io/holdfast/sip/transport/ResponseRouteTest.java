package io.holdfast.sip.transport;

import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.message.Via;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseRouteTest {
    private static final InetSocketAddress SOURCE = new InetSocketAddress("198.51.100.7", 40000);
    private static final SipParameters BRANCH = SipParameters.EMPTY.with("branch", "z9hG4bK1");

    private static Via via(String host, int port, SipParameters parameters) {
        return new Via("UDP", host, port, parameters);
    }

    @Test
    void shouldNotAddReceivedWhenSentByIsSourceAddress() {
        Via top = via("198.51.100.7", 5060, BRANCH);

        Via stamped = ResponseRoute.stamp(top, SOURCE);

        assertThat(stamped).isEqualTo(top);
        assertThat(ResponseRoute.unreliableTarget(stamped, SOURCE)).isEqualTo(new InetSocketAddress("198.51.100.7", 5060));
    }

    @Test
    void shouldAddReceivedWhenSentByHostDiffers() {
        Via stamped = ResponseRoute.stamp(via("10.0.0.5", 5062, BRANCH), SOURCE);

        assertThat(stamped.received()).isEqualTo("198.51.100.7");
        assertThat(stamped.hasRport()).isFalse();
        assertThat(ResponseRoute.unreliableTarget(stamped, SOURCE)).isEqualTo(new InetSocketAddress("198.51.100.7", 5062));
    }

    @Test
    void shouldAddReceivedWhenSentByIsHostName() {
        Via stamped = ResponseRoute.stamp(via("pc33.example.com", SipUri.NO_PORT, BRANCH), SOURCE);

        assertThat(stamped.received()).isEqualTo("198.51.100.7");
        assertThat(ResponseRoute.unreliableTarget(stamped, SOURCE)).isEqualTo(new InetSocketAddress("198.51.100.7", 5060));
    }

    @Test
    void shouldFillRportAndReceivedWhenRportEmpty() {
        Via stamped = ResponseRoute.stamp(via("198.51.100.7", 5060, BRANCH.with("rport", null)), SOURCE);

        assertThat(stamped.received()).isEqualTo("198.51.100.7");
        assertThat(stamped.rport()).isEqualTo(40000);
        assertThat(ResponseRoute.unreliableTarget(stamped, SOURCE)).isEqualTo(SOURCE);
    }

    @Test
    void shouldKeepRportValueWhenAlreadySet() {
        Via stamped = ResponseRoute.stamp(via("10.0.0.5", 5060, BRANCH.with("rport", "41000")), SOURCE);

        assertThat(stamped.rport()).isEqualTo(41000);
        assertThat(ResponseRoute.unreliableTarget(stamped, SOURCE)).isEqualTo(new InetSocketAddress("198.51.100.7", 41000));
    }

    @Test
    void shouldSendToMaddrWithSentByPortWhenMaddrPresent() {
        Via stamped = ResponseRoute.stamp(via("10.0.0.5", 5070, BRANCH.with("maddr", "239.255.255.1")), SOURCE);

        assertThat(ResponseRoute.unreliableTarget(stamped, SOURCE)).isEqualTo(new InetSocketAddress("239.255.255.1", 5070));
    }

    @Test
    void shouldIgnoreMaddrWhenItIsAHostName() {
        Via stamped = ResponseRoute.stamp(via("10.0.0.5", 5070, BRANCH.with("maddr", "mc.example.com")), SOURCE);

        assertThat(ResponseRoute.unreliableTarget(stamped, SOURCE)).isEqualTo(new InetSocketAddress("198.51.100.7", 5070));
    }

    @Test
    void shouldIgnoreRportWhenValueIsGarbage() {
        Via top = via("10.0.0.5", 5070, BRANCH.with("received", "198.51.100.7").with("rport", "x1"));

        assertThat(ResponseRoute.unreliableTarget(top, SOURCE)).isEqualTo(new InetSocketAddress("198.51.100.7", 5070));
    }

    @Test
    void shouldCompareIpv6WhenSentByBracketed() {
        InetSocketAddress v6 = new InetSocketAddress("2001:db8::1", 5060);

        Via same = ResponseRoute.stamp(via("[2001:db8:0::1]", 5060, BRANCH), v6);
        Via other = ResponseRoute.stamp(via("[2001:db8::2]", 5060, BRANCH), v6);

        assertThat(same.received()).isNull();
        assertThat(other.received()).isEqualTo("2001:db8::1");
        assertThat(ResponseRoute.unreliableTarget(same, v6)).isEqualTo(v6);
    }

    @Test
    void shouldUseReceivedAndSentByPortWhenReliableConnectionGone() {
        Via stamped = ResponseRoute.stamp(new Via("TCP", "client.example.com", 5099, BRANCH.with("rport", null)), SOURCE);

        assertThat(ResponseRoute.reliableFallbackTarget(stamped, SOURCE))
                .isEqualTo(new InetSocketAddress("198.51.100.7", 5099));
    }
}
