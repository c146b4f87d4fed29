package io.holdfast.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SipHeaderTest {
    @Test
    void shouldMatchTheNameWhenSpelledInAnotherCase() {
        assertThat(new SipHeader("user-AGENT", "x").hasName("User-Agent")).isTrue();
        assertThat(new SipHeader("User-Agent", "x").hasName("Server")).isFalse();
    }

    @Test
    void shouldMatchTheLongFormWhenTheHeaderUsesItsCompactForm() {
        assertThat(new SipHeader("s", "x").hasName("Subject")).isTrue();
        assertThat(new SipHeader("Event", "x").hasName("O")).isTrue();
        assertThat(new SipHeader("s", "x").hasName("e")).isFalse();
        assertThat(new SipHeader("q", "x").hasName("q")).isTrue();
    }

    @Test
    void shouldFindAndRemoveACompactHeaderWhenAskedByItsLongName() {
        SipRequest request = SipRequest.builder(SipMethod.OPTIONS, SipUri.sip("a", "example.com", SipUri.NO_PORT))
                .addHeader("o", "dialog").addHeader("Subject", "hi").build();

        assertThat(request.header("Event")).isEqualTo("dialog");
        assertThat(request.toBuilder().removeHeader("event").build().otherHeaders())
                .containsExactly(new SipHeader("Subject", "hi"));
    }
}
