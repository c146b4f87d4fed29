package io.holdfast.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaTypeTest {
    @Test
    void shouldCompareTypeCaseInsensitivelyWhenParsed() {
        MediaType type = MediaType.parse("Application/SDP");

        assertThat(type.is("application", "sdp")).isTrue();
        assertThat(type).isEqualTo(MediaType.APPLICATION_SDP);
    }

    @Test
    void shouldUnquoteParameterValuesWhenQuoted() {
        MediaType type = MediaType.parse("multipart/mixed ; boundary=\"a b\" ; charset=utf-8");

        assertThat(type.isMultipart()).isTrue();
        assertThat(type.parameter("BOUNDARY")).isEqualTo("a b");
        assertThat(type.parameter("charset")).isEqualTo("utf-8");
        assertThat(type.toString()).isEqualTo("multipart/mixed;boundary=\"a b\";charset=utf-8");
    }

    @Test
    void shouldReturnNullWhenValueIsNotAMediaType() {
        assertThat(MediaType.parse("sdp")).isNull();
        assertThat(MediaType.parse("application/")).isNull();
        assertThat(MediaType.parse("application/sdp;boundary")).isNull();
        assertThat(MediaType.parse("multipart/mixed;boundary=\"open")).isNull();
        assertThat(MediaType.parse("text/plain;x=\"a\"junk")).isNull();
    }
}
