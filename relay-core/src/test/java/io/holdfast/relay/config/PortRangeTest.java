package io.holdfast.relay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortRangeTest {
    @Test
    void shouldReadFirstAndLastWhenWellFormed() {
        PortRange range = PortRange.parse(" 30000 - 30999 ");

        assertThat(range).isEqualTo(new PortRange(30000, 30999));
        assertThat(range.size()).isEqualTo(1000);
        assertThat(range.pairCount()).isEqualTo(500);
        assertThat(range).hasToString("30000-30999");
    }

    @Test
    void shouldAcceptTheSmallestRangeWhenFourPortsAtTheLimits() {
        assertThat(PortRange.parse("1024-1027").size()).isEqualTo(4);
        assertThat(PortRange.parse("65532-65535").pairCount()).isEqualTo(2);
    }

    @Test
    void shouldLetTheOperatingSystemChooseWhenZeroToZero() {
        PortRange range = PortRange.parse("0-0");

        assertThat(range).isEqualTo(PortRange.EPHEMERAL);
        assertThat(range.isEphemeral()).isTrue();
        assertThat(range.size()).isZero();
        assertThat(range.contains(0)).isFalse();
        assertThat(range.overlaps(new PortRange(30000, 30999))).isFalse();
        assertThat(new PortRange(30000, 30999).isEphemeral()).isFalse();
    }

    @Test
    void shouldLeaveTheLastPortUnpairedWhenTheRangeEndsEven() {
        assertThat(PortRange.parse("30000-30004").pairCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "30000|\"30000\" is not a port range; write it like 30000-30999",
        "a-b|\"a-b\" is not a port range; write it like 30000-30999",
        "30000-30999-31000|\"30000-30999-31000\" is not a port range; write it like 30000-30999",
        "31000-30000|\"31000-30000\" ends before it starts; write it like 30000-30999",
        "80-1000|\"80-1000\" is outside 1024-65535; write a range like 30000-30999",
        "65000-65536|\"65000-65536\" is outside 1024-65535; write a range like 30000-30999",
        "30001-30999|\"30001-30999\" starts on an odd port; start on an even port (RTP even, RTCP odd), like 30000-30999",
        "30000-30002|\"30000-30002\" holds 3 ports; write a range of at least 4 ports, like 30000-30999",
    })
    void shouldExplainWhenNotAUsableRange(String text, String message) {
        assertThatThrownBy(() -> PortRange.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void shouldRefuseInTheConstructorWhenUnusable() {
        assertThatThrownBy(() -> new PortRange(30001, 30999))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("port range 30001-30999 starts on an odd port");
    }

    @Test
    void shouldTellContainmentAndOverlapWhenAtTheEdges() {
        PortRange range = new PortRange(30000, 30999);

        assertThat(range.contains(29999)).isFalse();
        assertThat(range.contains(30000)).isTrue();
        assertThat(range.contains(30999)).isTrue();
        assertThat(range.contains(31000)).isFalse();
        assertThat(range.overlaps(new PortRange(30998, 31001))).isTrue();
        assertThat(range.overlaps(new PortRange(28996, 30000))).isTrue();
        assertThat(range.overlaps(new PortRange(31000, 31003))).isFalse();
        assertThat(range.overlaps(new PortRange(29994, 29999))).isFalse();
    }
}
