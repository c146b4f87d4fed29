package io.holdfast.relay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.parse.SipParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigSipUriTest {
    private static final String EXAMPLE = "sip:agent@127.0.0.1:5080";

    @Test
    void shouldReadUserHostAndPortWhenWellFormed() {
        SipUri uri = ConfigSipUri.parse("sip:agent@127.0.0.1:5080", EXAMPLE);

        assertThat(uri.scheme()).isEqualTo(SipUri.Scheme.SIP);
        assertThat(uri.user()).isEqualTo("agent");
        assertThat(uri.host()).isEqualTo("127.0.0.1");
        assertThat(uri.port()).isEqualTo(5080);
        assertThat(uri).hasToString("sip:agent@127.0.0.1:5080");
    }

    @Test
    void shouldReadSipsIpv6NamesAndParametersWhenWellFormed() {
        SipUri uri = ConfigSipUri.parse("SIPS:[::1]:5061;transport=tcp;lr", EXAMPLE);
        assertThat(uri.scheme()).isEqualTo(SipUri.Scheme.SIPS);
        assertThat(uri.user()).isNull();
        assertThat(uri.host()).isEqualTo("[::1]");
        assertThat(uri.transport()).isEqualTo("tcp");
        assertThat(uri.looseRouting()).isTrue();

        SipUri named = ConfigSipUri.parse("sip:agent.east@voice-east.example.com", EXAMPLE);
        assertThat(named.host()).isEqualTo("voice-east.example.com");
        assertThat(named.port()).isEqualTo(SipUri.NO_PORT);
        assertThat(named.user()).isEqualTo("agent.east");
    }

    @Test
    void shouldDecodeEscapesWhenTheUserHoldsThem() {
        assertThat(ConfigSipUri.parse("sip:queue%20one@127.0.0.1", EXAMPLE).user()).isEqualTo("queue one");
    }

    @Test
    void shouldIgnoreWhiteSpaceWhenItSurroundsTheUri() {
        assertThat(ConfigSipUri.parse("  sip:agent@127.0.0.1:5080 ", EXAMPLE)).hasToString("sip:agent@127.0.0.1:5080");
    }

    @Test
    void shouldKeepTheCauseWhenTheGrammarRefusesTheUri() {
        assertThatThrownBy(() -> ConfigSipUri.parse("sip:agent@bad_host", EXAMPLE))
                .hasCauseInstanceOf(SipParseException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://127.0.0.1:5080|\"http://127.0.0.1:5080\" is not a SIP URI (it must start with sip: or sips:); write it like sip:agent@127.0.0.1:5080",
        "agent@127.0.0.1|\"agent@127.0.0.1\" is not a SIP URI (it must start with sip: or sips:); write it like sip:agent@127.0.0.1:5080",
        "tel:+15551234|\"tel:+15551234\" is not a SIP URI (it must start with sip: or sips:); write it like sip:agent@127.0.0.1:5080",
        "sip:|\"sip:\" has no host; write it like sip:agent@127.0.0.1:5080",
        "sip:agent@|\"sip:agent@\" has no host; write it like sip:agent@127.0.0.1:5080",
        "sip:agent@:5080|\"sip:agent@:5080\" has no host; write it like sip:agent@127.0.0.1:5080",
        "sips:;transport=tcp|\"sips:;transport=tcp\" has no host; write it like sip:agent@127.0.0.1:5080",
        "sip:agent@127.0.0.1:0|\"sip:agent@127.0.0.1:0\" has an invalid port \"0\"; write a port from 1 to 65535, like sip:agent@127.0.0.1:5080",
        "sip:agent:secret@127.0.0.1|\"sip:agent:secret@127.0.0.1\" carries a password; remove it, holdfast sends no passwords in URIs; write it like sip:agent@127.0.0.1:5080",
        "sip:agent@127.0.0.1?subject=x|\"sip:agent@127.0.0.1?subject=x\" carries URI headers (after '?'); remove them; write it like sip:agent@127.0.0.1:5080",
        "sip:agent@bad_host|\"sip:agent@bad_host\" is not a valid SIP URI: unexpected character '_' in SIP URI; write it like sip:agent@127.0.0.1:5080",
        "sip:agent@300.1.1.1|\"sip:agent@300.1.1.1\" is not a valid SIP URI: malformed host '300.1.1.1'; write it like sip:agent@127.0.0.1:5080",
        "sip:agent@127.0.0.1:65536|\"sip:agent@127.0.0.1:65536\" is not a valid SIP URI: port out of range (max 65535); write it like sip:agent@127.0.0.1:5080",
        "sip:agent@127.0.0.1:x|\"sip:agent@127.0.0.1:x\" is not a valid SIP URI: expected digits for port; write it like sip:agent@127.0.0.1:5080",
        "sip:a b@127.0.0.1|\"sip:a b@127.0.0.1\" is not a valid SIP URI: character 0x20 not allowed in user; write it like sip:agent@127.0.0.1:5080",
        "sip:agent@127.0.0.1;=x|\"sip:agent@127.0.0.1;=x\" is not a valid SIP URI: empty URI parameter name; write it like sip:agent@127.0.0.1:5080",
        "sip:[::1|\"sip:[::1\" is not a valid SIP URI: malformed IPv6 reference; write it like sip:agent@127.0.0.1:5080",
        "sip:[::zz]:5080|\"sip:[::zz]:5080\" is not a valid SIP URI: malformed IPv6 reference; write it like sip:agent@127.0.0.1:5080",
    })
    void shouldExplainWhenNotAUsableSipUri(String text, String message) {
        assertThatThrownBy(() -> ConfigSipUri.parse(text, EXAMPLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
