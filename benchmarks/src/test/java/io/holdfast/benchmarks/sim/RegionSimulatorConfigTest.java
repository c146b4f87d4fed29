package io.holdfast.benchmarks.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegionSimulatorConfigTest {
    @Test
    void shouldUseFreeLoopbackPortsWhenBuiltForTests() {
        RegionSimulatorConfig config = RegionSimulatorConfig.loopback("east");

        assertThat(config.sipListen()).isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        assertThat(config.healthListen()).contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        assertThat(config.mediaAddress()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(config.voice().name()).isEqualTo("tone 400 Hz");
    }

    @Test
    void shouldListenWhereTheDefaultConfigurationSendsCallsWhenBuiltForTheDemo() {
        RegionSimulatorConfig east = RegionSimulatorConfig.demo("east", RegionSimulatorConfig.DEMO_EAST_SIP_PORT,
                AgentVoice.tone(400));
        RegionSimulatorConfig west = RegionSimulatorConfig.demo("west", RegionSimulatorConfig.DEMO_WEST_SIP_PORT,
                AgentVoice.tone(600));

        assertThat(east.sipListen().getPort()).isEqualTo(5080);
        assertThat(west.sipListen().getPort()).isEqualTo(5090);
        assertThat(west.sipListen().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void shouldRefuseTheNameWhenHoldfastsConfigurationWouldRefuseIt() {
        assertThatThrownBy(() -> RegionSimulatorConfig.loopback("East Coast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("region name must be 1 to 32 lower-case letters, digits and '-': East Coast");
    }

    @Test
    void shouldRefuseTheWildcardAddressWhenListening() {
        RegionSimulatorConfig config = RegionSimulatorConfig.loopback("east");

        assertThatThrownBy(() -> new RegionSimulatorConfig("east", new InetSocketAddress(5080), config.mediaAddress(),
                Optional.empty(), config.voice(), config.clock()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("region east must listen on a concrete address");
    }

    @Test
    void shouldChangeOnlyTheGivenPartWhenCopied() {
        RegionSimulatorConfig config = RegionSimulatorConfig.loopback("east").withSipPort(5080)
                .withHealthListen(Optional.empty()).withVoice(AgentVoice.tone(600));

        assertThat(config.sipListen().getPort()).isEqualTo(5080);
        assertThat(config.healthListen()).isEmpty();
        assertThat(config.voice().name()).isEqualTo("tone 600 Hz");
        assertThat(config.name()).isEqualTo("east");
    }
}
