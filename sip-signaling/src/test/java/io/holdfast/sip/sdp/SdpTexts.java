package io.holdfast.sip.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test descriptions: the corpus under {@code corpus/} and descriptions written inline. */
final class SdpTexts {
    /** The corpus: real-world shapes, stored with LF endings. */
    static final List<String> CORPUS = List.of(
            "asterisk-pjsip-offer.sdp",
            "freeswitch-offer.sdp",
            "kamailio-rtpengine-offer.sdp",
            "twilio-like-answer.sdp",
            "webrtc-chrome-offer.sdp",
            "ipv6-offer.sdp",
            "rfc8866-example.sdp",
            "rfc4566-multicast.sdp",
            "gateway-multi-stream.sdp",
            "sipjs-rtcp-mux-hold.sdp",
            "polycom-old-hold.sdp",
            "carrier-trailing-spaces.sdp");

    /** A small valid offer used as the base of most tests. */
    static final String BASIC = crlf(
            "v=0",
            "o=caller 100 200 IN IP4 192.0.2.10",
            "s=-",
            "c=IN IP4 192.0.2.10",
            "t=0 0",
            "m=audio 20000 RTP/AVP 0 8 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=ptime:20",
            "a=sendrecv");

    private SdpTexts() {
    }

    /** The lines joined and each ended with CRLF. */
    static String crlf(String... lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line).append("\r\n");
        }
        return out.toString();
    }

    /** A corpus file as stored (LF endings). */
    static byte[] corpusLf(String name) {
        try (InputStream in = SdpTexts.class.getResourceAsStream("corpus/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A corpus file with CRLF endings, as it would arrive in a SIP body. */
    static byte[] corpusCrlf(String name) {
        String text = new String(corpusLf(name), StandardCharsets.UTF_8);
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static SessionDescription parse(String text) {
        try {
            return SessionDescription.parse(text);
        } catch (SdpParseException e) {
            throw new AssertionError("expected valid SDP: " + e.getMessage(), e);
        }
    }

    static SessionDescription parse(byte[] bytes) {
        try {
            return SessionDescription.parse(bytes);
        } catch (SdpParseException e) {
            throw new AssertionError("expected valid SDP: " + e.getMessage(), e);
        }
    }
}
