package io.holdfast.sip.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.sip.parse.SipLimits;
import io.holdfast.sip.parse.SipParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EdgeMessageCheckTest {
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";
    private static final String BAD_SDP = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP5 192.0.2.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0\r\n";

    private final EdgeMessageCheck check = new EdgeMessageCheck(SipLimits.DEFAULT);

    private static String request(String method, String contentType, String body) {
        return method + " sip:agent@192.0.2.10 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-edge-1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@192.0.2.1>;tag=from-1\r\n"
                + "To: <sip:agent@192.0.2.10>\r\n"
                + "Call-ID: edge-call-1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "\r\n"
                + body;
    }

    private EdgeVerdict check(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        return check.check(bytes, 0, bytes.length, SipParser.Framing.DATAGRAM);
    }

    @Test
    void shouldAcceptWithSdpWhenInviteCarriesValidSdp() {
        EdgeVerdict verdict = check(request("INVITE", "application/sdp", SDP));

        assertThat(verdict).isInstanceOf(EdgeVerdict.Accepted.class);
        EdgeVerdict.Accepted accepted = (EdgeVerdict.Accepted) verdict;
        assertThat(accepted.sdp()).isNotNull();
        assertThat(accepted.sdp().audio().port()).isEqualTo(4000);
    }

    @Test
    void shouldAcceptWithoutSdpWhenInviteHasNoBody() {
        EdgeVerdict verdict = check(request("INVITE", null, ""));

        assertThat(verdict).isInstanceOf(EdgeVerdict.Accepted.class);
        assertThat(((EdgeVerdict.Accepted) verdict).sdp()).isNull();
    }

    @Test
    void shouldAnswer400NamingTheSdpLineWhenInviteSdpIsMalformed() {
        EdgeVerdict verdict = check(request("INVITE", "application/sdp", BAD_SDP));

        assertThat(verdict).isInstanceOf(EdgeVerdict.Rejected.class);
        EdgeVerdict.Rejected rejected = (EdgeVerdict.Rejected) verdict;
        assertThat(rejected.fault()).contains("Malformed SDP").contains("line 4");
        assertThat(rejected.response().statusCode()).isEqualTo(400);
        assertThat(rejected.response().reasonPhrase()).isEqualTo("Bad Request - Malformed SDP");
        assertThat(rejected.response().callId()).isEqualTo("edge-call-1");
        assertThat(rejected.response().topVia().branch()).isEqualTo("z9hG4bK-edge-1");
    }

    @Test
    void shouldCheckTheSdpPartWhenInviteBodyIsMultipart() {
        String body = "--b1\r\nContent-Type: application/sdp\r\n\r\n" + BAD_SDP + "\r\n"
                + "--b1\r\nContent-Type: application/vnd.holdfast.context+json\r\n\r\n{}\r\n--b1--\r\n";

        EdgeVerdict verdict = check(request("INVITE", "multipart/mixed;boundary=b1", body));

        assertThat(verdict).isInstanceOf(EdgeVerdict.Rejected.class);
        assertThat(((EdgeVerdict.Rejected) verdict).response().statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAcceptSdpPartWhenMultipartIsValid() {
        String body = "--b1\r\nContent-Type: application/sdp\r\n\r\n" + SDP + "\r\n--b1--\r\n";

        EdgeVerdict verdict = check(request("INVITE", "multipart/mixed;boundary=b1", body));

        assertThat(verdict).isInstanceOf(EdgeVerdict.Accepted.class);
        assertThat(((EdgeVerdict.Accepted) verdict).sdp().audio().port()).isEqualTo(4000);
    }

    @Test
    void shouldAnswer415WithAcceptWhenInviteBodyIsNotSdp() {
        EdgeVerdict verdict = check(request("INVITE", "text/plain", "hello"));

        EdgeVerdict.Rejected rejected = (EdgeVerdict.Rejected) verdict;
        assertThat(rejected.response().statusCode()).isEqualTo(415);
        assertThat(rejected.response().header("Accept")).isEqualTo("application/sdp");
    }

    @Test
    void shouldLeaveBodyAloneWhenMethodCarriesNoSessionDescription() {
        EdgeVerdict verdict = check(request("INFO", "application/vnd.holdfast.context+json", "{\"a\":1}"));

        assertThat(verdict).isInstanceOf(EdgeVerdict.Accepted.class);
        assertThat(((EdgeVerdict.Accepted) verdict).sdp()).isNull();
    }

    @Test
    void shouldAnswer400NamingTheHeaderWhenCallIdIsMissing() {
        String message = request("OPTIONS", null, "").replace("Call-ID: edge-call-1\r\n", "");

        EdgeVerdict.Rejected rejected = (EdgeVerdict.Rejected) check(message);

        assertThat(rejected.fault()).contains("MISSING_HEADER").contains("Call-ID");
        assertThat(rejected.response().statusCode()).isEqualTo(400);
        assertThat(rejected.response().reasonPhrase()).isEqualTo("Bad Request - Missing Call-ID");
    }

    @Test
    void shouldDropWithoutAnswerWhenAckIsMalformed() {
        String message = request("ACK", "application/sdp", BAD_SDP);

        EdgeVerdict.Rejected rejected = (EdgeVerdict.Rejected) check(message);

        assertThat(rejected.canRespond()).isFalse();
        assertThat(rejected.fault()).contains("Malformed SDP");
    }

    @Test
    void shouldDropWithoutAnswerWhenStartLineIsGarbage() {
        EdgeVerdict.Rejected rejected = (EdgeVerdict.Rejected) check("\u0001\u0002 not sip at all\r\n\r\n");

        assertThat(rejected.canRespond()).isFalse();
    }

    @Test
    void shouldDropWithoutAnswerWhenResponseSdpIsMalformed() {
        String response = "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-edge-1\r\n"
                + "From: <sip:caller@192.0.2.1>;tag=from-1\r\n"
                + "To: <sip:agent@192.0.2.10>;tag=to-1\r\n"
                + "Call-ID: edge-call-1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + BAD_SDP.length() + "\r\n\r\n" + BAD_SDP;

        EdgeVerdict.Rejected rejected = (EdgeVerdict.Rejected) check(response);

        assertThat(rejected.canRespond()).isFalse();
    }
}
