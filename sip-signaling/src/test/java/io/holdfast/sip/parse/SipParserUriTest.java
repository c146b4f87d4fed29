package io.holdfast.sip.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.parse.SipParseException.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SipParser#parseUri}: a whole string read as one URI with the message grammar. */
class SipParserUriTest {

    private static SipParseException refusal(String text) {
        return catchThrowableOfType(SipParseException.class, () -> SipParser.parseUri(text));
    }

    @Test
    void shouldReadUserHostAndPortWhenTheUriIsASipUri() throws Exception {
        SipUri uri = SipParser.parseUri("sip:alice@example.com:5080");

        assertThat(uri.scheme()).isEqualTo(SipUri.Scheme.SIP);
        assertThat(uri.user()).isEqualTo("alice");
        assertThat(uri.password()).isNull();
        assertThat(uri.host()).isEqualTo("example.com");
        assertThat(uri.port()).isEqualTo(5080);
        assertThat(uri.parameters().isEmpty()).isTrue();
        assertThat(uri.headers()).isNull();
        assertThat(uri).hasToString("sip:alice@example.com:5080");
    }

    @Test
    void shouldReadSchemeInAnyCaseIpv6AndParametersWhenTheUriIsASipsUri() throws Exception {
        SipUri uri = SipParser.parseUri("SIPS:Bob@[2001:db8::10]:5061;transport=tcp;lr");

        assertThat(uri.scheme()).isEqualTo(SipUri.Scheme.SIPS);
        assertThat(uri.user()).isEqualTo("Bob");
        assertThat(uri.host()).isEqualTo("[2001:db8::10]");
        assertThat(uri.port()).isEqualTo(5061);
        assertThat(uri.transport()).isEqualTo("tcp");
        assertThat(uri.looseRouting()).isTrue();
        assertThat(SipParser.parseUri("sip:[::ffff:192.0.2.1]").host()).isEqualTo("[::ffff:192.0.2.1]");
        assertThat(SipParser.parseUri("sip:192.0.2.1").host()).isEqualTo("192.0.2.1");
    }

    @Test
    void shouldReadTheNumberAndParametersWhenTheUriIsATelUri() throws Exception {
        SipUri uri = SipParser.parseUri("tel:7042;phone-context=example.com");

        assertThat(uri.scheme()).isEqualTo(SipUri.Scheme.TEL);
        assertThat(uri.user()).isEqualTo("7042");
        assertThat(uri.host()).isNull();
        assertThat(uri.parameters().get("phone-context")).isEqualTo("example.com");
        assertThat(SipParser.parseUri("tel:+1-201-555-0123").user()).isEqualTo("+1-201-555-0123");
    }

    @Test
    void shouldDecodeEscapesOnceAndKeepPasswordPortZeroAndHeadersWhenTheGrammarAllowsThem() throws Exception {
        SipUri uri = SipParser.parseUri("sip:queue%20one:pa%2540ss@10.0.0.1:0;maddr=10.0.0.2?subject=hi&priority=urgent");

        assertThat(uri.user()).isEqualTo("queue one");
        assertThat(uri.password()).isEqualTo("pa%40ss");
        assertThat(uri.port()).isZero();
        assertThat(uri.parameters().get("maddr")).isEqualTo("10.0.0.2");
        assertThat(uri.headers()).isEqualTo("subject=hi&priority=urgent");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``|BAD_URI|0|expected scheme ':' at the start of a URI",
        "sip|BAD_URI|0|expected scheme ':' at the start of a URI",
        "<sip:example.com>|BAD_URI|0|expected scheme ':' at the start of a URI",
        "` sip:example.com`|BAD_URI|0|expected scheme ':' at the start of a URI",
        "http://example.com|UNSUPPORTED_URI_SCHEME|0|URI scheme 'http' is not sip, sips or tel",
        "sip:alice@|BAD_URI|10|missing host",
        "sip:alice@:5060|BAD_URI|10|missing host",
        "sip:@example.com|BAD_URI|4|empty user in SIP URI",
        "sip:alice@@example.com|BAD_URI|10|second '@' in SIP URI",
        "sip:a b@example.com|BAD_URI|5|character 0x20 not allowed in user",
        "sip:%zz@example.com|BAD_URI|4|malformed %-escape",
        "sip:%C3@example.com|BAD_URI|4|user does not unescape to UTF-8",
        "sip:alice@exa_mple.com|BAD_URI|13|unexpected character '_' in SIP URI",
        "sip:alice@300.1.1.1|BAD_URI|10|malformed host '300.1.1.1'",
        "sip:alice@example.com:65536|BAD_URI|22|port out of range (max 65535)",
        "sip:alice@example.com:x|BAD_URI|22|expected digits for port",
        "sip:[::1|BAD_URI|4|malformed IPv6 reference",
        "sip:[::zz]:5060|BAD_URI|4|malformed IPv6 reference",
        "sip:[1:2:3:4:5:6:7:8:9]|BAD_URI|4|malformed IPv6 reference",
        "sip:example.com;=x|BAD_URI|16|empty URI parameter name",
        "sip:example.com;a=|BAD_URI|18|empty URI parameter value",
        "sip:example.com?subject|BAD_URI|23|malformed URI header (expected hname=hvalue)",
        "`sip:example.com `|BAD_URI|15|unexpected character 0x20 in SIP URI",
        "tel:|BAD_URI|4|tel URI without digits",
        "tel:+1x|BAD_URI|6|character 'x' not allowed in a tel number",
    })
    void shouldNameTheRuleOffsetAndFaultWhenTheTextIsNotAUri(String text, Rule rule, int offset, String detail) {
        SipParseException e = refusal(text);

        assertThat(e).isNotNull();
        assertThat(e.rule()).isEqualTo(rule);
        assertThat(e.offset()).isEqualTo(offset);
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(e.headerName()).isNull();
        assertThat(e.canRespond()).isFalse();
    }

    @Test
    void shouldCountOffsetsInUtf8BytesWhenTheTextHoldsNonAsciiCharacters() {
        SipParseException e = refusal("sip:é@example.com");

        assertThat(e.offset()).isEqualTo(4);
        assertThat(e.detail()).isEqualTo("character 0xC3 not allowed in user");
        assertThat(refusal("sip:bücher.example").offset()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sips:queue%20one:secret@[2001:db8::10]:5061;transport=tcp;lr?subject=hi&priority=urgent",
        "sip:agent@voice-east.example.com.:65535;maddr=192.0.2.1",
        "tel:+1-201-555-0123;phone-context=example.com",
    })
    void shouldRefuseOnlyWithSipParseExceptionWhenAValidUriIsCutShortAtAnyCharacter(String valid) throws Exception {
        SipParser.parseUri(valid);
        for (int length = 0; length < valid.length(); length++) {
            String prefix = valid.substring(0, length);
            try {
                SipParser.parseUri(prefix);
            } catch (SipParseException e) {
                assertThat(e.offset()).as(prefix).isBetween(0, length);
            }
        }
    }

    @Test
    void shouldGiveTheSameUriWhenItsTextIsParsedAgain() throws Exception {
        for (String text : List.of("sip:alice@example.com:5080;transport=udp", "sips:[::1]:5061;lr",
                "sip:queue%20one@10.0.0.1", "tel:7042;phone-context=example.com")) {
            SipUri uri = SipParser.parseUri(text);
            assertThat(SipParser.parseUri(uri.toString())).as(text).isEqualTo(uri);
        }
    }
}
