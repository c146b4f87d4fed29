package io.holdfast.relay.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallerNumberMaskTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "+4930123456      | +49301****56",
            "+491701234567    | +49170****67",
            "+1 (415) 555-0100 | +14155****00",
            "030-123.456      | 0301****56",
            "0301234          | 03****34",
            "1234567          | 12****67",
            "123456           | 123****",
            "1234             | 1****",
            "112              | ****",
            "+                | +****",
            "``               | ****",
            "alice            | ****",
            "+49 30 alice     | ****",
            "anonymous        | ****",
    })
    void shouldKeepPrefixAndLastDigitsAndHideTheRestWhenMasking(String number, String masked) {
        assertThat(CallerNumberMask.mask(number)).isEqualTo(masked);
    }

    @Test
    void shouldHideThreeDigitsOrTheWholeNumberWhenMaskingAnyLength() {
        StringBuilder number = new StringBuilder();
        for (int digits = 1; digits <= 20; digits++) {
            number.append(digits % 10);
            String masked = CallerNumberMask.mask(number.toString());
            long kept = masked.chars().filter(Character::isDigit).count();
            assertThat(digits - kept).as("hidden digits of %d", digits).isGreaterThanOrEqualTo(Math.min(3, digits));
        }
    }

    @Test
    void shouldMaskTheUserAndDropParametersWhenAUriIsMasked() {
        SipUri uri = new SipUri(SipUri.Scheme.SIP, "+4930123456", null, "carrier.example", 5060,
                SipParameters.EMPTY.with("user", "phone"), null);

        assertThat(CallerNumberMask.mask(uri)).isEqualTo("sip:+49301****56@carrier.example");
    }

    @Test
    void shouldMaskTheNumberWhenATelUriIsMasked() {
        SipUri tel = new SipUri(SipUri.Scheme.TEL, "+4930123456", null, null, SipUri.NO_PORT, SipParameters.EMPTY, null);

        assertThat(CallerNumberMask.mask(tel)).isEqualTo("tel:+49301****56");
    }

    @Test
    void shouldLeaveTheDisplayNameOutWhenANameAddrIsMasked() {
        NameAddr from = new NameAddr("Erika Mustermann", SipUri.sip("+4930123456", "carrier.example", SipUri.NO_PORT),
                SipParameters.EMPTY.with("tag", "a1"));

        assertThat(CallerNumberMask.mask(from)).isEqualTo("sip:+49301****56@carrier.example");
    }

    @Test
    void shouldPrintADashWhenThereIsNothingToMask() {
        assertThat(CallerNumberMask.mask((String) null)).isEqualTo("-");
        assertThat(CallerNumberMask.mask((SipUri) null)).isEqualTo("-");
        assertThat(CallerNumberMask.mask((NameAddr) null)).isEqualTo("-");
        assertThat(CallerNumberMask.mask(SipUri.sip(null, "10.0.0.1", 5060))).isEqualTo("sip:10.0.0.1");
    }
}
