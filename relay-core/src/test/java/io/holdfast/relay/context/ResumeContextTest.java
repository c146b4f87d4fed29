package io.holdfast.relay.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.relay.events.CauseTag;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ResumeContextTest {
    static final ResumeContext FULL = ResumeContext.builder()
            .customerRef("cust-SECRET-1").lastIntent("intent-SECRET-2").crmResultRef("crm-SECRET-3")
            .summary("Erika Mustermann wants SECRET-4").language("de-CH").label("tier", "SECRET-5").build();

    @Test
    void shouldNameThePresentFieldsAndNoValueWhenPrinted() {
        String printed = FULL.toString();

        assertThat(printed).isEqualTo("ResumeContext[customerRef=<redacted>, lastIntent=<redacted>, "
                + "crmResultRef=<redacted>, summary=<redacted>, language=<redacted>, labels=<1 redacted>]");
        assertThat(printed).doesNotContain("SECRET").doesNotContain("Erika").doesNotContain("de-CH")
                .doesNotContain("tier");
    }

    @Test
    void shouldPrintOnlyThePresentFieldsWhenTheContextIsPartial() {
        assertThat(ResumeContext.builder().summary("s").build().toString()).isEqualTo("ResumeContext[summary=<redacted>]");
    }

    @Test
    void shouldNotPrintTheValueWhenTheReportCarryingItIsPrinted() {
        ContextReport report = new ContextReport(Optional.of(FULL),
                Optional.of(IntentReport.of("INTENT_LOW_CONFIDENCE", OptionalDouble.of(0.1))),
                Optional.of(new EscalationRequest("SECRET-6 asked for a person")));

        assertThat(report.toString()).doesNotContain("SECRET").doesNotContain("Erika");
    }

    @Test
    void shouldRefuseWithTheSchemaMessageWhenAValueBreaksTheSchema() {
        assertThatThrownBy(() -> ResumeContext.builder().customerRef("x".repeat(129)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("customerRef must be at most 128 characters, was 129");
        assertThatThrownBy(() -> ResumeContext.builder().language("de_CH").build())
                .hasMessageStartingWith("language must be a language tag");
        assertThatThrownBy(() -> ResumeContext.builder().label("a b", "v").build())
                .hasMessage("labels keys must be 1 to 64 letters, digits, '_', '.', ':' or '-'");
        assertThatThrownBy(() -> ResumeContext.builder().label("k", null).build())
                .hasMessage("labels.\"k\" must be a string");
    }

    @Test
    void shouldRefuseWhenNoFieldIsPresent() {
        assertThatThrownBy(() -> ResumeContext.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a resume context needs at least one field");
    }

    @Test
    void shouldKeepItsOwnLabelsWhenTheCallersMapChanges() {
        Map<String, String> labels = new HashMap<>();
        labels.put("tier", "gold");
        ResumeContext context = new ResumeContext(null, null, null, null, null, labels);

        labels.put("tier", "bronze");

        assertThat(context.labels()).containsEntry("tier", "gold");
        assertThatThrownBy(() -> context.labels().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldHaveEmptyLabelsWhenNoneAreGiven() {
        assertThat(new ResumeContext("c", null, null, null, null, null).labels()).isEmpty();
    }

    @Test
    void shouldRefuseAnIntentReportWhenItsTagDoesNotMatchItsStatus() {
        assertThatThrownBy(() -> new IntentReport(CauseTag.INTENT_OTHER,
                "INTENT_NOT_UNDERSTOOD", OptionalDouble.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tag INTENT_OTHER does not match status INTENT_NOT_UNDERSTOOD");
    }

    @Test
    void shouldRefuseAnEscalationReasonWhenItHasALineBreak() {
        assertThatThrownBy(() -> new EscalationRequest("a\r\nInjected: header"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reason must not contain control characters");
    }
}
