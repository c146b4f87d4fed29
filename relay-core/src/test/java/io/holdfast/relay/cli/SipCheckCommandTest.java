package io.holdfast.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SipCheckCommandTest {
    private static final String SDP = "v=0\r\no=- 7 7 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0 8\r\n";

    @TempDir
    Path dir;

    private static String invite(String sdp) {
        return "INVITE sip:agent@192.0.2.10 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-check-1;rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: \"Caller\" <sip:caller@192.0.2.1>;tag=from-1\r\n"
                + "To: <sip:agent@192.0.2.10>\r\n"
                + "Call-ID: check-call-1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "User-Agent: test-sbc\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n"
                + "\r\n"
                + sdp;
    }

    private Path write(String message) throws IOException {
        return Files.write(dir.resolve("message.sip"), message.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldPrintTypedHeadersAndSdpAndExitZeroWhenMessageIsAccepted() throws IOException {
        CommandRun run = CommandRun.of("sip", "check", write(invite(SDP)).toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).contains(
                "OK: request INVITE sip:agent@192.0.2.10",
                "  Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-check-1;rport",
                "  From: \"Caller\" <sip:caller@192.0.2.1>;tag=from-1",
                "  Call-ID: check-call-1",
                "  CSeq: 1 INVITE",
                "  Max-Forwards: 70",
                "  Content-Length: " + SDP.length(),
                "  (passed through) User-Agent: test-sbc",
                "    m=audio 192.0.2.1:4000 RTP/AVP formats [0, 8], sendrecv");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldPrintRuleHeaderAndOffsetAndExitOneWhenMessageIsRejected() throws IOException {
        String message = invite(SDP).replace("CSeq: 1 INVITE", "CSeq: 1 BYE");

        CommandRun run = CommandRun.of("sip", "check", write(message).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("REJECTED: CSEQ_METHOD_MISMATCH at byte ")
                .contains("in CSeq")
                .contains("holdfast answers: 400 Bad Request - CSeq method does not match the request method");
    }

    @Test
    void shouldRejectWhenInviteSdpIsMalformed() throws IOException {
        CommandRun run = CommandRun.of("sip", "check", write(invite(SDP.replace("IP4 192.0.2.1\r\nt", "IP9 x\r\nt")))
                .toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Malformed SDP").contains("holdfast answers: 400 Bad Request - Malformed SDP");
    }

    @Test
    void shouldSayItDropsWhenNoResponseCanBeFormed() throws IOException {
        CommandRun run = CommandRun.of("sip", "check", write("garbage\u0000\r\n\r\n").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("holdfast drops it and counts it");
    }

    @Test
    void shouldExitTwoWhenFileCannotBeRead() {
        CommandRun run = CommandRun.of("sip", "check", dir.resolve("missing.sip").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot read");
    }

    @Test
    void shouldExitTwoWhenFileArgumentIsMissing() {
        CommandRun run = CommandRun.of("sip", "check");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter");
    }
}
