package io.holdfast.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** The small immutable values: Codec, RtpMap, Connection, Attribute, Bandwidth, Timing, RtcpAttribute. */
class ValueTypesTest {

    @Test
    void shouldParseCodecWhenFormatHasClockAndChannels() {
        assertThat(Codec.of("PCMU/8000")).isEqualTo(Codec.PCMU);
        assertThat(Codec.of("opus/48000/2")).isEqualTo(new Codec("opus", 48000, 2));
        assertThat(Codec.of("opus/48000/2").toString()).isEqualTo("OPUS/48000/2");
    }

    @Test
    void shouldRefuseCodecWhenFormatIsMalformed() {
        for (String bad : new String[] {"PCMU", "PCMU/", "PCMU/0", "PCMU/8000/0", "/8000", "PC MU/8000", "a/1/2/3"}) {
            assertThatThrownBy(() -> Codec.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldMatchRtpMapIgnoringCaseWhenClockAndChannelsAgree() {
        assertThat(Codec.PCMA.matches(new RtpMap(96, "pcma", 8000, 1))).isTrue();
        assertThat(Codec.PCMA.matches(new RtpMap(8, "PCMA", 16000, 1))).isFalse();
        assertThat(Codec.TELEPHONE_EVENT_8000.matches(new RtpMap(101, "Telephone-Event", 8000, 1))).isTrue();
        assertThat(new Codec("opus", 48000, 2).matches(new RtpMap(111, "opus", 48000, 1))).isFalse();
    }

    @Test
    void shouldKnowStaticPayloadTypesWhenRfc3551AssignsThem() {
        assertThat(RtpMap.ofStatic(0)).isEqualTo(new RtpMap(0, "PCMU", 8000, 1));
        assertThat(RtpMap.ofStatic(9)).isEqualTo(new RtpMap(9, "G722", 8000, 1));
        assertThat(RtpMap.ofStatic(10)).isEqualTo(new RtpMap(10, "L16", 44100, 2));
        assertThat(RtpMap.ofStatic(13).isComfortNoise()).isTrue();
        assertThat(RtpMap.ofStatic(34).encodingName()).isEqualTo("H263");
        assertThat(RtpMap.ofStatic(2)).isNull();
        assertThat(RtpMap.ofStatic(96)).isNull();
        assertThat(RtpMap.ofStatic(-1)).isNull();
    }

    @Test
    void shouldWriteRtpMapValueWhenChannelsAreOneOrMore() {
        assertThat(new RtpMap(0, "PCMU", 8000, 1).toSdpValue()).isEqualTo("0 PCMU/8000");
        assertThat(new RtpMap(111, "opus", 48000, 2).toSdpValue()).isEqualTo("111 opus/48000/2");
        assertThat(new RtpMap(111, "opus", 48000, 2).format()).isEqualTo("OPUS/48000/2");
        assertThat(new RtpMap(101, "telephone-event", 8000, 1).isVoiceCodec()).isFalse();
        assertThat(new RtpMap(8, "PCMA", 8000, 1).isVoiceCodec()).isTrue();
    }

    @Test
    void shouldRefuseRtpMapWhenValuesAreOutOfRange() {
        assertThatThrownBy(() -> new RtpMap(128, "X", 8000, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpMap(0, "X/Y", 8000, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpMap(0, "X", 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTellUnspecifiedAddressWhenConnectionIsOldStyleHold() throws UnknownHostException {
        Connection hold = new Connection(AddressType.IP4, "0.0.0.0", Connection.NO_TTL, 1);

        assertThat(hold.isUnspecified()).isTrue();
        assertThat(hold.isHostName()).isFalse();
        assertThat(hold.inetAddress()).isEqualTo(InetAddress.getByName("0.0.0.0"));
        assertThat(Connection.of(InetAddress.getByName("192.0.2.1")).isUnspecified()).isFalse();
        assertThat(new Connection(AddressType.IP4, "media.example.com", Connection.NO_TTL, 1).isUnspecified()).isFalse();
    }

    @Test
    void shouldWriteTtlAndCountWhenConnectionIsMulticast() {
        assertThat(new Connection(AddressType.IP4, "224.2.1.1", 127, 3).toSdpValue()).isEqualTo("IN IP4 224.2.1.1/127/3");
        assertThat(new Connection(AddressType.IP4, "224.2.1.1", 127, 1).toSdpValue()).isEqualTo("IN IP4 224.2.1.1/127");
    }

    @Test
    void shouldRefuseConnectionWhenValuesCannotBeWritten() {
        assertThatThrownBy(() -> new Connection(AddressType.IP4, "1.2.3.4/8", Connection.NO_TTL, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Connection(AddressType.IP4, "224.2.1.1", 256, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Connection(AddressType.IP4, "224.2.1.1", 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldWriteValuesWhenSmallRecordsAreFormatted() {
        assertThat(new Attribute("rtcp-mux", null).toSdpValue()).isEqualTo("rtcp-mux");
        assertThat(new Attribute("ptime", "20").toString()).isEqualTo("ptime:20");
        assertThat(new RtcpAttribute(5001, null).toSdpValue()).isEqualTo("5001");
        assertThatThrownBy(() -> new Attribute("a b", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bandwidth("AS", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Timing(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtcpAttribute(65536, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
