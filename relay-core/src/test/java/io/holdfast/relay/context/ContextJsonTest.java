package io.holdfast.relay.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ContextJsonTest {
    @Test
    void shouldWriteThePresentFieldsInSchemaOrderWhenAContextIsWritten() {
        ResumeContext context = ResumeContext.builder().label("tier", "gold").language("de-CH").summary("Wants \"Friday\".\n")
                .customerRef("c-7f3a").build();

        String json = new String(ContextJson.toBytes(context), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"customerRef\":\"c-7f3a\",\"summary\":\"Wants \\\"Friday\\\".\\n\","
                + "\"language\":\"de-CH\",\"labels\":{\"tier\":\"gold\"}}");
    }

    @Test
    void shouldReadBackTheSameContextWhenRoundTripped() {
        ResumeContext context = ResumeContextTest.FULL;

        ContextParseResult result = ContextParser.parse(ContextSchema.MEDIA_TYPE, ContextJson.toBytes(context));

        assertThat(result).isEqualTo(new ContextParseResult.Accepted(ContextReport.of(context)));
    }

    @Test
    void shouldReadBackTheSameReportWhenAnIntentAndAnEscalationAreWritten() {
        ContextReport report = new ContextReport(Optional.of(ResumeContext.builder().lastIntent("refund").build()),
                Optional.of(IntentReport.of("INTENT_HUMAN_REQUESTED", OptionalDouble.of(0.9))),
                Optional.of(new EscalationRequest("caller asked for a person")));

        byte[] json = ContextJson.toBytes(report);

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"lastIntent\":\"refund\",\"escalate\":true,"
                + "\"reason\":\"caller asked for a person\",\"intent\":{\"status\":\"INTENT_HUMAN_REQUESTED\","
                + "\"confidence\":0.9}}");
        assertThat(ContextParser.parse(ContextSchema.MEDIA_TYPE, json))
                .isEqualTo(new ContextParseResult.Accepted(report));
    }

    @Test
    void shouldStayUnderTheBodyLimitWhenAContextParsedFromAFullBodyIsWrittenAgain() {
        String summary = "\u00e9".repeat(ContextSchema.MAX_SUMMARY_CHARS);
        String json = "{ \"summary\" : \"" + summary.replace("\u00e9", "\\u00e9").substring(0, 3000) + "\" }";
        ContextParseResult parsed = ContextParser.parse(ContextSchema.MEDIA_TYPE, json.getBytes(StandardCharsets.UTF_8));
        ResumeContext context = ((ContextParseResult.Accepted) parsed).report().context().get();

        assertThat(ContextJson.toBytes(context).length).isLessThan(json.length());
    }
}
