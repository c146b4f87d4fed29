package io.holdfast.relay.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.relay.config.RegionConfig;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutePolicyTest {
    private static Region region(String name, int port, int priority) throws UnknownHostException {
        return Region.resolve(RegionConfig.of(name, SipUri.sip("agent", "127.0.0.1", port), priority), priority - 1);
    }

    @Test
    void shouldPickTheBestPriorityWhenEveryRegionIsHealthy() throws Exception {
        RoutePolicy policy = new RoutePolicy(List.of(region("east", 5080, 1), region("west", 5090, 2)),
                RegionHealthView.allHealthy());

        assertThat(policy.next(Set.of()).name()).isEqualTo("east");
    }

    @Test
    void shouldSkipTriedRegionsAndReturnNullWhenNoneIsLeft() throws Exception {
        RoutePolicy policy = new RoutePolicy(List.of(region("east", 5080, 1), region("west", 5090, 2)),
                RegionHealthView.allHealthy());

        assertThat(policy.next(Set.of("east")).name()).isEqualTo("west");
        assertThat(policy.next(Set.of("east", "west"))).isNull();
    }

    @Test
    void shouldSkipUnhealthyRegionsWhenTheViewSaysSo() throws Exception {
        RoutePolicy policy = new RoutePolicy(List.of(region("east", 5080, 1), region("west", 5090, 2)),
                region -> !region.name().equals("east"));

        assertThat(policy.next(Set.of()).name()).isEqualTo("west");
    }

    @Test
    void shouldResolveTransportAndDefaultPortWhenTheUriGivesNone() throws Exception {
        SipUri uri = new SipUri(SipUri.Scheme.SIP, "agent", null, "127.0.0.1", SipUri.NO_PORT,
                SipParameters.EMPTY.with("transport", "tcp"), null);

        Region region = Region.resolve(RegionConfig.of("east", uri, 1), 0);

        assertThat(region.destination()).isEqualTo(new InetSocketAddress("127.0.0.1", 5060));
        assertThat(region.transport()).isEqualTo(Transport.TCP);
    }

    @Test
    void shouldRefuseATransportHoldfastDoesNotSpeak() {
        SipUri uri = new SipUri(SipUri.Scheme.SIP, "agent", null, "127.0.0.1", 5080,
                SipParameters.EMPTY.with("transport", "sctp"), null);

        assertThatThrownBy(() -> Region.resolve(RegionConfig.of("east", uri, 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sctp");
    }
}
