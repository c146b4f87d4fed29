package io.holdfast.benchmarks.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AiStackHealthTest {
    private static String json(AiStackHealth health) {
        return new String(health.toJson(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteTheContractsFieldsWhenHealthy() {
        assertThat(json(AiStackHealth.HEALTHY))
                .isEqualTo("{\"sttLatencyP95Ms\":420,\"ttsLatencyP95Ms\":310,\"llmErrorRate\":0.01,\"crmErrorRate\":0.0}");
    }

    @Test
    void shouldLeaveAbsentFieldsOutWhenNotReported() {
        assertThat(json(AiStackHealth.NOT_REPORTED)).isEqualTo("{}");
        assertThat(json(AiStackHealth.NOT_REPORTED.withLlmErrorRate(0.5))).isEqualTo("{\"llmErrorRate\":0.5}");
    }

    @Test
    void shouldChangeOneFieldWhenAValueIsSet() {
        AiStackHealth slow = AiStackHealth.HEALTHY.withSttLatencyP95Ms(2500).withTtsLatencyP95Ms(1800)
                .withCrmErrorRate(0.3);

        assertThat(json(slow))
                .isEqualTo("{\"sttLatencyP95Ms\":2500,\"ttsLatencyP95Ms\":1800,\"llmErrorRate\":0.01,\"crmErrorRate\":0.3}");
    }
}
