package io.holdfast.sip.transport;

import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.parse.SipParseException;
import io.holdfast.sip.parse.SipParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message forms SIPp sends (and most UAs: a port in every URI, an unquoted display name) must keep
 * their header parameters, or no dialog, CANCEL or ACK can ever match. Guards the interop ITs' premise.
 */
class SippMessageFormsTest {
    private static final String SIPP_INVITE = "INVITE sip:service@127.0.0.1:5060 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:46261;branch=z9hG4bK-20800-1-0\r\n"
            + "From: sipp <sip:sipp@127.0.0.1:46261>;tag=20800SIPpTag001\r\n"
            + "To: service <sip:service@127.0.0.1:5060>;tag=remote1\r\n"
            + "Call-ID: 1-20800@127.0.0.1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: sip:sipp@127.0.0.1:46261;expires=60\r\n"
            + "Max-Forwards: 70\r\n"
            + "Content-Length: 0\r\n\r\n";

    @Test
    void shouldKeepTagsWhenUrisCarryPorts() throws SipParseException {
        byte[] bytes = SIPP_INVITE.getBytes(StandardCharsets.US_ASCII);

        SipRequest invite = (SipRequest) new SipParser().parse(bytes, 0, bytes.length, SipParser.Framing.DATAGRAM);

        assertThat(invite.from().tag()).isEqualTo("20800SIPpTag001");
        assertThat(invite.from().uri().port()).isEqualTo(46261);
        assertThat(invite.to().tag()).isEqualTo("remote1");
        assertThat(invite.contacts().get(0).parameters().get("expires")).isEqualTo("60");
    }
}
