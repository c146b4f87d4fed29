package io.holdfast.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.sip.parse.SipCorpus;
import io.holdfast.sip.parse.SipParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipMessageWriterTest {
    private static final Via VIA = new Via("UDP", "192.0.2.1", 5060,
            SipParameters.of(List.of(new SipParameters.Parameter("branch", "z9hG4bK1"),
                    new SipParameters.Parameter("rport", null))));

    private static SipRequest.Builder invite() {
        return SipRequest.builder(SipMethod.INVITE, SipUri.sip("bob", "example.com", SipUri.NO_PORT))
                .addVia(VIA)
                .maxForwards(70)
                .from(new NameAddr("Alice", SipUri.sip("alice", "example.org", SipUri.NO_PORT), SipParameters.EMPTY)
                        .withTag("a1"))
                .to(NameAddr.of(SipUri.sip("bob", "example.com", SipUri.NO_PORT)))
                .callId("c1@192.0.2.1")
                .cseq(CSeq.of(7, SipMethod.INVITE));
    }

    private static String text(SipMessage message) {
        return new String(SipMessageWriter.toByteArray(message), StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteTheCanonicalFormWhenGivenABuiltRequest() {
        SipRequest request = invite()
                .addContact(NameAddr.of(new SipUri(SipUri.Scheme.SIP, "alice", null, "192.0.2.1", 5060,
                        SipParameters.of(List.of(new SipParameters.Parameter("transport", "udp"))), null)))
                .addAllow("INVITE").addAllow("ACK")
                .addSupported("timer")
                .sessionExpires(new SessionExpires(1800, "uac"))
                .minSe(90)
                .addReason(new Reason("Q.850", 16, "Normal"))
                .addHeader("User-Agent", "holdfast")
                .body("application/sdp", "v=0\r\n".getBytes(StandardCharsets.US_ASCII))
                .build();

        assertThat(text(request)).isEqualTo("INVITE sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: \"Alice\" <sip:alice@example.org>;tag=a1\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: c1@192.0.2.1\r\n"
                + "CSeq: 7 INVITE\r\n"
                + "Contact: <sip:alice@192.0.2.1:5060;transport=udp>\r\n"
                + "Allow: INVITE, ACK\r\n"
                + "Supported: timer\r\n"
                + "Session-Expires: 1800;refresher=uac\r\n"
                + "Min-SE: 90\r\n"
                + "Reason: Q.850;cause=16;text=\"Normal\"\r\n"
                + "Content-Type: application/sdp\r\n"
                + "User-Agent: holdfast\r\n"
                + "Content-Length: 5\r\n"
                + "\r\n"
                + "v=0\r\n");
    }

    @Test
    void shouldWriteLongNamesForTypedHeadersAndRawNamesAsReceivedWhenTheInputUsedCompactForms() throws Exception {
        byte[] bytes = SipCorpus.valid("compact.sip").bytes();
        SipMessage parsed = new SipParser().parse(bytes, 0, bytes.length, SipParser.Framing.DATAGRAM);

        String written = text(parsed);

        assertThat(written).contains("\r\nVia: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9\r\n",
                "\r\nFrom: \"Alice\" <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n",
                "\r\nCall-ID: 3848276298220188511@atlanta.example.com\r\n", "\r\nSupported: timer\r\n",
                "\r\nSession-Expires: 1800\r\n", "\r\nContent-Type: application/sdp\r\n", "\r\ns: Compact forms\r\n",
                "\r\nContent-Length: 150\r\n\r\n");
        assertThat(written).doesNotContain("\r\ni: ", "\r\nf: ", "\r\nl: ");
    }

    @Test
    void shouldWriteTheStatusLineAndWildcardWhenGivenAResponse() {
        SipResponse response = SipResponse.builder(200, "OK").addVia(VIA).contactWildcard(true)
                .addReason(new Reason("SIP", Reason.NO_CAUSE, null)).build();

        assertThat(text(response)).isEqualTo("SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;rport\r\n"
                + "Contact: *\r\n"
                + "Reason: SIP\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    @Test
    void shouldEscapeUserAndPasswordWhenWritingAUri() {
        SipUri uri = new SipUri(SipUri.Scheme.SIPS, "sips:user@example.com", "p@ss word", "example.net",
                SipUri.NO_PORT, SipParameters.EMPTY, "Route=%3Csip:x%3E");
        ByteBuf out = Unpooled.buffer();
        try {
            SipUriWriter.write(uri, out);

            assertThat(out.toString(StandardCharsets.US_ASCII))
                    .isEqualTo("sips:sips%3Auser%40example.com:p%40ss%20word@example.net?Route=%3Csip:x%3E")
                    .isEqualTo(uri.toString());
        } finally {
            out.release();
        }
    }

    @Test
    void shouldEscapeNonAsciiUsersAsUtf8WhenWritingAUri() {
        SipUri uri = SipUri.sip("jürgen日", "example.com", SipUri.NO_PORT);
        ByteBuf out = Unpooled.buffer();
        try {
            SipUriWriter.write(uri, out);

            assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("sip:j%C3%BCrgen%E6%97%A5@example.com")
                    .isEqualTo(uri.toString());
        } finally {
            out.release();
        }
    }

    @Test
    void shouldQuoteControlCharactersAsQuotedPairsWhenADisplayNameHoldsThem() {
        SipRequest request = invite().from(new NameAddr("a\u0007b\"c\\d", SipUri.sip("a", "b.example", SipUri.NO_PORT),
                SipParameters.EMPTY)).build();

        assertThat(text(request)).contains("\r\nFrom: \"a\\\u0007b\\\"c\\\\d\" <sip:a@b.example>\r\n");
    }

    @Test
    void shouldRefuseValuesThatWouldBreakTheFramingWhenWriting() {
        assertThatThrownBy(() -> text(invite().addHeader("Subject", "x\r\nVia: evil").build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> text(invite().addHeader("Bad Name", "x").build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> text(invite().from(new NameAddr("a\nb", SipUri.sip("a", "b", SipUri.NO_PORT),
                SipParameters.EMPTY)).build())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> text(invite().callId("a\rb").build())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> text(SipResponse.builder(200, "O\nK").addVia(VIA).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> text(SipRequest.builder("IN VITE", SipUri.sip("a", "b", SipUri.NO_PORT)).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldEstimateAtLeastTheWrittenSizeWhenTheMessageIsTypical() throws Exception {
        byte[] bytes = SipCorpus.valid("invite-sdp.sip").bytes();
        SipMessage parsed = new SipParser().parse(bytes, 0, bytes.length, SipParser.Framing.DATAGRAM);

        assertThat(SipMessageWriter.estimatedSize(parsed))
                .isGreaterThanOrEqualTo(SipMessageWriter.toByteArray(parsed).length);
    }

    @Test
    void shouldNotShareTheBodyWithTheCallerWhenBuilt() {
        byte[] body = {1, 2, 3};
        SipRequest request = invite().body("application/octet-stream", body).build();
        body[0] = 9;

        assertThat(request.body()).containsExactly(1, 2, 3);
        byte[] copy = request.body();
        copy[1] = 9;
        assertThat(request.body()).containsExactly(1, 2, 3);
        assertThat(invite().body(new byte[] {5, 6, 7, 8}, 1, 2).build().body()).containsExactly(6, 7);
    }

    @Test
    void shouldReturnTheSameTokenWhenAskedTwice() {
        assertThat(SipMethod.INVITE.token()).isSameAs(SipMethod.INVITE.token()).isEqualTo("INVITE");
        assertThat(SipMethod.of("PRACK")).isEqualTo(SipMethod.PRACK);
        assertThat(SipMethod.of("invite")).isEqualTo(SipMethod.EXTENSION);
    }
}
