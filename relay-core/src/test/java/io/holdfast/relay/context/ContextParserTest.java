package io.holdfast.relay.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.relay.events.CauseTag;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipUri;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContextParserTest {
    private static final String TYPE = ContextSchema.MEDIA_TYPE;

    private static ContextParseResult parse(String json) {
        return ContextParser.parse(TYPE, json.getBytes(StandardCharsets.UTF_8));
    }

    private static ContextReport accepted(String json) {
        ContextParseResult result = parse(json);
        assertThat(result).isInstanceOf(ContextParseResult.Accepted.class);
        return ((ContextParseResult.Accepted) result).report();
    }

    private static String refusal(String json) {
        ContextParseResult result = parse(json);
        assertThat(result).isInstanceOf(ContextParseResult.BadRequest.class);
        assertThat(result.statusCode()).isEqualTo(400);
        return ((ContextParseResult.BadRequest) result).reason();
    }

    @Test
    void shouldReadEveryFieldWhenTheBodyIsAFullContext() {
        ContextReport report = accepted("{\"customerRef\":\"c-7f3a\",\"lastIntent\":\"book_appointment\","
                + "\"crmResultRef\":\"crm-q-991\",\"summary\":\"Wants Friday.\\nAsked twice.\",\"language\":\"de-CH\","
                + "\"labels\":{\"tier\":\"gold\",\"channel\":\"phone\"}}");

        assertThat(report.context()).contains(new ResumeContext("c-7f3a", "book_appointment", "crm-q-991",
                "Wants Friday.\nAsked twice.", "de-CH", Map.of("tier", "gold", "channel", "phone")));
        assertThat(report.context().get().labels().keySet()).containsExactly("tier", "channel");
        assertThat(report.intent()).isEmpty();
        assertThat(report.escalation()).isEmpty();
        assertThat(parse("{\"customerRef\":\"c\"}").statusCode()).isEqualTo(200);
        assertThat(parse("{\"customerRef\":\"c\"}").reasonPhrase()).isEqualTo("OK");
    }

    @Test
    void shouldTreatNullAsAbsentWhenAFieldIsNull() {
        ContextReport report = accepted("{\"customerRef\":\"c-1\",\"summary\":null,\"labels\":null,\"intent\":null,"
                + "\"escalate\":null}");

        assertThat(report.context()).contains(ResumeContext.builder().customerRef("c-1").build());
        assertThat(report.intent()).isEmpty();
        assertThat(report.escalation()).isEmpty();
    }

    @Test
    void shouldAcceptTheBodyWhenItIsExactlyTheSizeLimit() {
        String json = "{\"customerRef\":\"c-1\"}";
        String padded = json + " ".repeat(ContextSchema.MAX_BODY_BYTES - json.length());
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(4096);

        assertThat(accepted(padded).context()).isPresent();
    }

    @Test
    void shouldRefuseTheBodyWhenItIsOneByteOverTheSizeLimit() {
        String json = "{\"customerRef\":\"c-1\"}";
        String padded = json + " ".repeat(ContextSchema.MAX_BODY_BYTES + 1 - json.length());

        assertThat(refusal(padded)).isEqualTo("context body is 4097 bytes, over the limit of 4096");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"customerRef\":\"c\"                | malformed JSON at line 1, column 19",
            "{\"customerRef\":\"c\"}\\n{}          | malformed JSON at line 2, column 1",
            "{\"customerRef\":\"c\",\"customerRef\":\"d\"} | duplicate field at line 1, column 33",
            "[1,2]                                 | context body must be a JSON object",
            "\"text\"                              | context body must be a JSON object",
            "{}                                    | context body carries no context, intent or escalation",
            "{\"customerRef\":null}                | context body carries no context, intent or escalation",
    })
    void shouldRefuseWithTheExactReasonWhenTheJsonIsNotOneObject(String json, String reason) {
        assertThat(refusal(json.replace("\\n", "\n"))).isEqualTo(reason);
    }

    @Test
    void shouldRefuseWhenTheBodyIsEmpty() {
        assertThat(refusal("")).isEqualTo("context body is empty");
    }

    @Test
    void shouldRefuseWithoutQuotingWhenTheBodyIsNotUtf8() {
        byte[] latin1 = "{\"summary\":\"Gr\u00fc\u00dfe\"}".getBytes(StandardCharsets.ISO_8859_1);

        ContextParseResult result = ContextParser.parse(TYPE, latin1);

        assertThat(result).isInstanceOf(ContextParseResult.BadRequest.class);
        assertThat(((ContextParseResult.BadRequest) result).reason()).startsWith("malformed JSON at line 1, column ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"customerRef\":42}                  | customerRef must be a string",
            "{\"lastIntent\":true}                 | lastIntent must be a string",
            "{\"crmResultRef\":[\"x\"]}            | crmResultRef must be a string",
            "{\"summary\":{\"a\":\"b\"}}           | summary must be a string",
            "{\"language\":\"english language\"}   | language must be a language tag (BCP 47) such as \"en\" or \"de-CH\", at most 35 characters",
            "{\"language\":7}                      | language must be a string",
            "{\"customerRef\":\"a\\u0007b\"}       | customerRef must not contain control characters",
            "{\"summary\":\"a\\u0000b\"}           | summary must not contain control characters other than line breaks and tabs",
            "{\"labels\":[\"a\"]}                  | labels must be an object of strings",
            "{\"labels\":{\"tier\":1}}             | labels.\"tier\" must be a string",
            "{\"labels\":{\"tier\":{\"x\":\"y\"}}} | labels.\"tier\" must be a string",
            "{\"labels\":{\"bad key\":\"v\"}}      | labels keys must be 1 to 64 letters, digits, '_', '.', ':' or '-'",
            "{\"labels\":{\"\":\"v\"}}             | labels keys must be 1 to 64 letters, digits, '_', '.', ':' or '-'",
            "{\"escalate\":\"yes\"}                | escalate must be true or false",
            "{\"escalate\":true}                   | \"escalate\": true needs a reason",
            "{\"reason\":\"r\",\"customerRef\":\"c\"} | reason is only allowed with \"escalate\": true",
            "{\"escalate\":false,\"reason\":\"r\"} | reason is only allowed with \"escalate\": true",
            "{\"intent\":\"INTENT_NOT_UNDERSTOOD\"} | intent must be an object",
            "{\"intent\":{}}                       | intent.status is required",
            "{\"intent\":{\"status\":5}}           | intent.status must be a string",
            "{\"intent\":{\"status\":\"MEDIA_TIMEOUT\"}} | intent.status must be an INTENT_* tag of upper-case letters, digits and '_', at most 64 characters, such as \"INTENT_NOT_UNDERSTOOD\"",
            "{\"intent\":{\"status\":\"intent_x\"}} | intent.status must be an INTENT_* tag of upper-case letters, digits and '_', at most 64 characters, such as \"INTENT_NOT_UNDERSTOOD\"",
            "{\"intent\":{\"status\":\"INTENT_OUT_OF_SCOPE\",\"confidence\":1.5}} | intent.confidence must be a number from 0 to 1",
            "{\"intent\":{\"status\":\"INTENT_OUT_OF_SCOPE\",\"confidence\":\"high\"}} | intent.confidence must be a number from 0 to 1",
            "{\"intent\":{\"status\":\"INTENT_OUT_OF_SCOPE\",\"detail\":\"x\"}} | unknown field \"intent.detail\"",
            "{\"customerRef\":\"c\",\"phone\":\"+4930123456\"} | unknown field \"phone\"",
            "{\"customer ref\":\"c\"}              | unknown field (its name is not 1 to 64 letters, digits, '_', '.', ':' or '-')",
    })
    void shouldRefuseWithTheExactReasonWhenAFieldBreaksTheSchema(String json, String reason) {
        assertThat(refusal(json)).isEqualTo(reason);
    }

    @Test
    void shouldReportTheFirstProblemInDocumentOrderWhenSeveralFieldsAreBad() {
        assertThat(refusal("{\"summary\":1,\"customerRef\":2}")).isEqualTo("summary must be a string");
        assertThat(refusal("{\"customerRef\":2,\"summary\":1}")).isEqualTo("customerRef must be a string");
    }

    @Test
    void shouldAcceptATextAtItsLimitAndRefuseItWhenOneCharacterLonger() {
        String ref = "r".repeat(ContextSchema.MAX_REF_CHARS);
        String summary = "\u20ac".repeat(ContextSchema.MAX_SUMMARY_CHARS);

        assertThat(accepted("{\"customerRef\":\"" + ref + "\",\"summary\":\"" + summary + "\"}").context()).isPresent();
        assertThat(refusal("{\"customerRef\":\"" + ref + "r\"}"))
                .isEqualTo("customerRef must be at most 128 characters, was 129");
        assertThat(refusal("{\"summary\":\"" + summary + "x\"}"))
                .isEqualTo("summary must be at most 1000 characters, was 1001");
    }

    @Test
    void shouldCountCharactersNotCharsWhenTheSummaryHasEmoji() {
        String emoji = "\uD83D\uDE00".repeat(ContextSchema.MAX_SUMMARY_CHARS);

        assertThat(accepted("{\"summary\":\"" + emoji + "\"}").context().get().summary()).isEqualTo(emoji);
    }

    @Test
    void shouldAcceptSixteenLabelsAndRefuseThemWhenSeventeen() {
        StringBuilder sixteen = new StringBuilder("{\"labels\":{");
        for (int i = 0; i < ContextSchema.MAX_LABELS; i++) {
            sixteen.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        String seventeen = sixteen + ",\"k16\":\"v\"}}";

        assertThat(accepted(sixteen + "}}").context().get().labels()).hasSize(16);
        assertThat(refusal(seventeen)).isEqualTo("labels must have at most 16 entries, was 17");
    }

    @Test
    void shouldRefuseALabelValueWhenItIsOverItsLimit() {
        String value = "v".repeat(ContextSchema.MAX_LABEL_VALUE_CHARS + 1);

        assertThat(refusal("{\"labels\":{\"note\":\"" + value + "\"}}"))
                .isEqualTo("labels.\"note\" must be at most 256 characters, was 257");
    }

    @Test
    void shouldReadAnEscalationRequestWhenEscalateIsTrueWithAReason() {
        ContextReport report = accepted("{\"escalate\":true,\"reason\":\"caller asked for a person\"}");

        assertThat(report.escalation()).contains(new EscalationRequest("caller asked for a person"));
        assertThat(report.context()).isEmpty();
    }

    @Test
    void shouldNotEscalateWhenEscalateIsFalse() {
        ContextReport report = accepted("{\"escalate\":false,\"customerRef\":\"c\"}");

        assertThat(report.escalation()).isEmpty();
    }

    @Test
    void shouldReadAnIntentReportWithItsTagWhenTheStatusIsKnown() {
        ContextReport report = accepted("{\"intent\":{\"status\":\"INTENT_NOT_UNDERSTOOD\",\"confidence\":0.25}}");

        assertThat(report.intent()).contains(new IntentReport(CauseTag.INTENT_NOT_UNDERSTOOD, "INTENT_NOT_UNDERSTOOD",
                OptionalDouble.of(0.25)));
        assertThat(report.context()).isEmpty();
    }

    @Test
    void shouldMapAnUnknownIntentStatusToOtherAndKeepItWhenTheRegionUsesItsOwnTag() {
        ContextReport report = accepted("{\"intent\":{\"status\":\"INTENT_PAYMENT_DECLINED\"},\"lastIntent\":\"pay\"}");

        assertThat(report.intent().get().tag()).isEqualTo(CauseTag.INTENT_OTHER);
        assertThat(report.intent().get().status()).isEqualTo("INTENT_PAYMENT_DECLINED");
        assertThat(report.intent().get().confidence()).isEmpty();
        assertThat(report.context().get().lastIntent()).isEqualTo("pay");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "application/vnd.holdfast.context+json",
            "Application/VND.Holdfast.Context+JSON",
            "application/vnd.holdfast.context+json;charset=utf-8",
            "application/vnd.holdfast.context+json; charset=\"UTF-8\"",
    })
    void shouldAcceptTheBodyWhenTheContentTypeIsTheContextType(String contentType) {
        ContextParseResult result = ContextParser.parse(contentType, "{\"customerRef\":\"c\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(result).isInstanceOf(ContextParseResult.Accepted.class);
        assertThat(ContextParser.isContextType(contentType)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "NULL", value = {
            "NULL                   | body without Content-Type where application/vnd.holdfast.context+json is expected",
            "application/json       | body of type application/json where application/vnd.holdfast.context+json is expected",
            "text/plain;charset=utf-8 | body of type text/plain where application/vnd.holdfast.context+json is expected",
            "json                   | malformed Content-Type where application/vnd.holdfast.context+json is expected",
            "application/vnd.holdfast.context+json;charset=iso-8859-1 | context body must be UTF-8",
    })
    void shouldAnswer415WhenTheContentTypeIsNotTheContextType(String contentType, String reason) {
        ContextParseResult result = ContextParser.parse(contentType, "{\"customerRef\":\"c\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(result).isEqualTo(new ContextParseResult.UnsupportedMediaType(reason));
        assertThat(result.statusCode()).isEqualTo(415);
        assertThat(result.reasonPhrase()).isEqualTo("Unsupported Media Type");
    }

    @Test
    void shouldCheckTheContentTypeBeforeTheSizeWhenBothAreWrong() {
        byte[] huge = new byte[ContextSchema.MAX_BODY_BYTES * 2];

        assertThat(ContextParser.parse("application/json", huge).statusCode()).isEqualTo(415);
    }

    @Test
    void shouldFormTheReasonPhraseLikeTheStackWhenTheBodyIsBad() {
        assertThat(parse("{\"customerRef\":1}").reasonPhrase()).isEqualTo("Bad Request - customerRef must be a string");
    }

    @Test
    void shouldMakeALegalReasonPhraseWhenTheReasonQuotesAName() {
        ContextParseResult result = parse("{\"tier\":\"gold\"}");

        assertThat(result).isEqualTo(new ContextParseResult.BadRequest("unknown field \"tier\""));
        assertThat(result.reasonPhrase()).isEqualTo("Bad Request - unknown field 'tier'");
        assertThat(new ContextParseResult.BadRequest("a <b> {c}").reasonPhrase()).isEqualTo("Bad Request - a ?b? ?c?");
    }

    @Test
    void shouldReadTheBodyOfAnInfoWhenGivenTheMessage() {
        SipRequest info = SipRequest.builder(SipMethod.INFO, SipUri.sip("holdfast", "127.0.0.1", 5060))
                .body(TYPE, "{\"lastIntent\":\"cancel\"}".getBytes(StandardCharsets.UTF_8)).build();

        ContextParseResult result = ContextParser.parse(info);

        assertThat(result).isEqualTo(new ContextParseResult.Accepted(
                ContextReport.of(ResumeContext.builder().lastIntent("cancel").build())));
    }

    @Test
    void shouldNeverQuoteAValueWhenRefusing() {
        String secret = "Erika Mustermann +4930123456";
        String[] bodies = {
            "{\"customerRef\":\"" + secret + "\u0001\"}",
            "{\"customerRef\":\"" + secret + "\"",
            "{\"customerRef\":\"" + secret + "\",\"x\":\"" + secret + "\"}",
            "{\"labels\":{\"k\":\"" + secret + "\u0002\"}}",
            "{\"summary\":\"" + secret + "\" \"" + secret + "\"}",
            "{\"language\":\"" + secret + "\"}",
            "{\"reason\":\"" + secret + "\"}",
            "{\"intent\":{\"status\":\"" + secret + "\"}}",
            "{\"" + secret + "\":1}",
        };
        for (String body : bodies) {
            assertThat(refusal(body)).doesNotContain("Erika").doesNotContain("4930123456");
        }
    }
}
