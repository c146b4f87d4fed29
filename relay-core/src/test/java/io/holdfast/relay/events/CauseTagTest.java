package io.holdfast.relay.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CauseTagTest {
    @Test
    void shouldCategoriseEveryDetectionSignalOfTheDesignAsInfra() {
        Set<CauseTag> infra = EnumSet.of(CauseTag.MEDIA_TIMEOUT, CauseTag.MEDIA_UNREACHABLE, CauseTag.MEDIA_QUALITY,
                CauseTag.SIP_TIMEOUT, CauseTag.SIP_5XX, CauseTag.SIP_REMOTE_FAILURE, CauseTag.REGION_DOWN,
                CauseTag.STT_LATENCY, CauseTag.TTS_LATENCY, CauseTag.LLM_ERRORS, CauseTag.CRM_TIMEOUT,
                CauseTag.OPERATOR_DRAIN);

        for (CauseTag tag : CauseTag.values()) {
            assertThat(tag.category() == CauseCategory.INFRA).as(tag.name()).isEqualTo(infra.contains(tag));
        }
    }

    @Test
    void shouldCategoriseAsIntentExactlyTheIntentTags() {
        for (CauseTag tag : CauseTag.values()) {
            assertThat(tag.category() == CauseCategory.INTENT).as(tag.name()).isEqualTo(tag.name().startsWith("INTENT_"));
        }
        assertThat(CauseTag.INTENT_OTHER.category()).isEqualTo(CauseCategory.INTENT);
    }

    @Test
    void shouldCategoriseCallEndsAsNormal() {
        assertThat(EnumSet.of(CauseTag.NORMAL_CLEARING, CauseTag.CALLER_HANGUP, CauseTag.CALLER_CANCEL,
                CauseTag.DRAIN_TIMEOUT)).allMatch(tag -> tag.category() == CauseCategory.NORMAL);
    }

    @Test
    void shouldNeverYieldAnInfraCauseWhenARegionReportsAnIntent() {
        assertThat(CauseTag.fromIntentReport("INTENT_LOW_CONFIDENCE")).isEqualTo(CauseTag.INTENT_LOW_CONFIDENCE);
        assertThat(CauseTag.fromIntentReport("INTENT_SOMETHING_NEW")).isEqualTo(CauseTag.INTENT_OTHER);
        assertThat(CauseTag.fromIntentReport("MEDIA_TIMEOUT")).isEqualTo(CauseTag.INTENT_OTHER);
        assertThat(CauseTag.fromIntentReport("intent_not_understood")).isEqualTo(CauseTag.INTENT_OTHER);
        assertThat(CauseTag.fromIntentReport(null)).isEqualTo(CauseTag.INTENT_OTHER);
    }

    @Test
    void shouldReadBackEveryWireNameWhenRoundTripped() {
        for (CauseTag tag : CauseTag.values()) {
            assertThat(CauseTag.fromWireName(tag.name())).isEqualTo(tag);
            assertThat(tag.description()).isNotBlank();
        }
        for (CauseCategory category : CauseCategory.values()) {
            assertThat(CauseCategory.fromWireName(category.wireName())).isEqualTo(category);
        }
        for (RouteOutcome outcome : RouteOutcome.values()) {
            assertThat(RouteOutcome.fromWireName(outcome.wireName())).isEqualTo(outcome);
        }
        assertThat(CauseTag.fromWireName("media_timeout")).isNull();
        assertThat(CauseCategory.fromWireName("INFRA")).isNull();
        assertThat(RouteOutcome.ATTEMPT_FAILED.wireName()).isEqualTo("attempt-failed");
    }
}
