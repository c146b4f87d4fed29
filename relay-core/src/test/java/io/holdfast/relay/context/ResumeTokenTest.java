package io.holdfast.relay.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResumeTokenTest {
    @Test
    void shouldDrawDistinctUrlSafeTokensWhenDrawnManyTimes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = ResumeToken.random().value();
            assertThat(token).matches("[A-Za-z0-9_-]{22}");
            seen.add(token);
        }

        assertThat(seen).hasSize(1000);
    }

    @Test
    void shouldRefuseAValueWhenItIsNotOfTheTokenForm() {
        assertThatThrownBy(() -> new ResumeToken("+4930123456"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a resume token is 22 base64url characters");
        assertThatThrownBy(() -> new ResumeToken("abc\r\nX-Injected: 1abcdefgh"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
