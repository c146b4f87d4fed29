package io.holdfast.relay.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskedCallerTest {
    @Test
    void shouldShowOnlyTheLastTwoCharactersWhenTheNumberIsLong() {
        assertThat(MaskedCaller.mask("+15551234567")).isEqualTo("**********67");
    }

    @Test
    void shouldMaskEverythingWhenTheUserIsShort() {
        assertThat(MaskedCaller.mask("alice")).isEqualTo("*****");
        assertThat(MaskedCaller.mask(null)).isEqualTo("anonymous");
        assertThat(MaskedCaller.mask("")).isEqualTo("anonymous");
    }
}
