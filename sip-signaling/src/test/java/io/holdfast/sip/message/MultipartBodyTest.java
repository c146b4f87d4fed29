package io.holdfast.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartBodyTest {
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0\r\n";
    private static final String JSON = "{\"customerRef\":\"c-1\"}";

    @Test
    void shouldReadPartsWhenBodyIsMultipartMixed() throws Exception {
        String body = "preamble is ignored\r\n"
                + "--unique-boundary-1\r\n"
                + "Content-Type: application/sdp\r\n"
                + "\r\n"
                + SDP
                + "\r\n--unique-boundary-1\r\n"
                + "Content-Type: application/vnd.holdfast.context+json\r\n"
                + "Content-Disposition: render;handling=optional\r\n"
                + "\r\n"
                + JSON
                + "\r\n--unique-boundary-1--\r\n"
                + "epilogue is ignored";
        MultipartBody parsed = MultipartBody.parse(MediaType.parse("multipart/mixed;boundary=unique-boundary-1"),
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.parts()).hasSize(2);
        assertThat(new String(parsed.firstOfType("application", "sdp").content(), StandardCharsets.UTF_8))
                .isEqualTo(SDP);
        MultipartBody.Part context = parsed.parts().get(1);
        assertThat(context.contentType()).isEqualTo("application/vnd.holdfast.context+json");
        assertThat(context.headers()).containsExactly(new SipHeader("Content-Disposition", "render;handling=optional"));
        assertThat(new String(context.content(), StandardCharsets.UTF_8)).isEqualTo(JSON);
    }

    @Test
    void shouldRoundTripWhenWrittenAndReadAgain() throws Exception {
        MultipartBody body = new MultipartBody("holdfast-b1", List.of(
                MultipartBody.Part.of("application/sdp", SDP.getBytes(StandardCharsets.US_ASCII)),
                MultipartBody.Part.of("application/vnd.holdfast.context+json", JSON.getBytes(StandardCharsets.UTF_8))));

        MultipartBody again = MultipartBody.parse(MediaType.parse(body.contentType()), body.toBytes());

        assertThat(again.boundary()).isEqualTo("holdfast-b1");
        assertThat(again.parts()).hasSize(2);
        assertThat(again.parts().get(0).content()).isEqualTo(SDP.getBytes(StandardCharsets.US_ASCII));
        assertThat(again.parts().get(1).contentType()).isEqualTo("application/vnd.holdfast.context+json");
    }

    @Test
    void shouldNotTakeBoundaryInsideContentAsDelimiterWhenNotAtLineStart() throws Exception {
        String body = "--b\r\nContent-Type: text/plain\r\n\r\nsee x--b here\r\n--b--\r\n";

        MultipartBody parsed = MultipartBody.parse(MediaType.parse("multipart/mixed; boundary=\"b\""),
                body.getBytes(StandardCharsets.US_ASCII));

        assertThat(new String(parsed.parts().get(0).content(), StandardCharsets.US_ASCII)).isEqualTo("see x--b here");
    }

    @Test
    void shouldRejectWhenBoundaryParameterIsMissing() {
        assertThatThrownBy(() -> MultipartBody.parse(MediaType.parse("multipart/mixed"), new byte[0]))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("boundary");
    }

    @Test
    void shouldRejectWhenClosingDelimiterIsMissing() {
        byte[] body = "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> MultipartBody.parse(MediaType.parse("multipart/mixed;boundary=b"), body))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("closing delimiter");
    }

    @Test
    void shouldRejectWhenPartHeadersAreNotTerminated() {
        byte[] body = "--b\r\nContent-Type: text/plain\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> MultipartBody.parse(MediaType.parse("multipart/mixed;boundary=b"), body))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("not terminated");
    }

    @Test
    void shouldRejectWhenNoDelimiterIsPresent() {
        assertThatThrownBy(() -> MultipartBody.parse(MediaType.parse("multipart/mixed;boundary=b"),
                "just text".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("without the delimiter");
    }
}
