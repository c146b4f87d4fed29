package io.holdfast.sip.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;

/** Field-by-field equality of two messages (SipMessage keeps identity equality on purpose). */
public final class MessageComparison {
    private MessageComparison() {
    }

    public static void assertEquivalent(SipMessage actual, SipMessage expected) {
        assertThat(actual.getClass()).isEqualTo(expected.getClass());
        if (expected instanceof SipRequest e) {
            SipRequest a = (SipRequest) actual;
            assertThat(a.method()).isEqualTo(e.method());
            assertThat(a.methodToken()).isEqualTo(e.methodToken());
            assertThat(a.requestUri()).isEqualTo(e.requestUri());
        } else {
            SipResponse e = (SipResponse) expected;
            SipResponse a = (SipResponse) actual;
            assertThat(a.statusCode()).isEqualTo(e.statusCode());
            assertThat(a.reasonPhrase()).isEqualTo(e.reasonPhrase());
        }
        assertThat(actual.vias()).isEqualTo(expected.vias());
        assertThat(actual.from()).isEqualTo(expected.from());
        assertThat(actual.to()).isEqualTo(expected.to());
        assertThat(actual.callId()).isEqualTo(expected.callId());
        assertThat(actual.cseq()).isEqualTo(expected.cseq());
        assertThat(actual.maxForwards()).isEqualTo(expected.maxForwards());
        assertThat(actual.contacts()).isEqualTo(expected.contacts());
        assertThat(actual.contactWildcard()).isEqualTo(expected.contactWildcard());
        assertThat(actual.routes()).isEqualTo(expected.routes());
        assertThat(actual.recordRoutes()).isEqualTo(expected.recordRoutes());
        assertThat(actual.contentType()).isEqualTo(expected.contentType());
        assertThat(actual.reasons()).isEqualTo(expected.reasons());
        assertThat(actual.allow()).isEqualTo(expected.allow());
        assertThat(actual.supported()).isEqualTo(expected.supported());
        assertThat(actual.require()).isEqualTo(expected.require());
        assertThat(actual.sessionExpires()).isEqualTo(expected.sessionExpires());
        assertThat(actual.minSe()).isEqualTo(expected.minSe());
        assertThat(actual.otherHeaders()).isEqualTo(expected.otherHeaders());
        assertThat(actual.body()).isEqualTo(expected.body());
    }
}
