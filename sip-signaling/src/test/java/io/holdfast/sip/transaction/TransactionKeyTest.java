package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.message.Via;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionKeyTest {
    private final SipRequest invite = TestMessages.request(SipMethod.INVITE);

    @Test
    void shouldMapAckToInviteWhenKeyingServerRequest() {
        SipRequest ack = TestMessages.request(SipMethod.ACK);

        assertThat(TransactionKey.ofServerRequest(ack)).isEqualTo(TransactionKey.ofServerRequest(invite));
    }

    @Test
    void shouldKeepCancelApartWhenKeyingServerRequest() {
        SipRequest cancel = TestMessages.request(SipMethod.CANCEL);

        assertThat(TransactionKey.ofServerRequest(cancel)).isNotEqualTo(TransactionKey.ofServerRequest(invite));
        assertThat(TransactionKey.ofCancelledInvite(cancel)).isEqualTo(TransactionKey.ofServerRequest(invite));
    }

    @Test
    void shouldIgnoreHostCaseAndDefaultPortWhenComparingSentBy() {
        Via upper = new Via("UDP", "HOST.example.com", SipUri.NO_PORT, invite.topVia().parameters());
        Via lower = new Via("UDP", "host.example.com", 5060, invite.topVia().parameters());

        TransactionKey a = TransactionKey.ofServerRequest(invite.toBuilder().vias(List.of(upper)).build());
        TransactionKey b = TransactionKey.ofServerRequest(invite.toBuilder().vias(List.of(lower)).build());

        assertThat(a).isEqualTo(b);
    }

    @Test
    void shouldDifferWhenBranchDiffers() {
        SipRequest other = TestMessages.request(SipMethod.INVITE, Via.MAGIC_COOKIE + "other", 1);

        assertThat(TransactionKey.ofServerRequest(other)).isNotEqualTo(TransactionKey.ofServerRequest(invite));
    }

    @Test
    void shouldMatchClientKeyWhenResponseCarriesBranchAndMethod() {
        assertThat(TransactionKey.ofResponse(TestMessages.response(invite, 180)))
                .isEqualTo(TransactionKey.ofClientRequest(invite));
    }

    @Test
    void shouldUseRfc2543KeyWhenBranchLacksMagicCookie() {
        SipRequest legacy = invite.toBuilder()
                .vias(List.of(new Via("UDP", "192.0.2.10", 5060, SipParameters.EMPTY.with("branch", "old1"))))
                .build();

        TransactionKey key = TransactionKey.ofServerRequest(legacy);

        assertThat(key).isInstanceOf(TransactionKey.Rfc2543.class);
        TransactionKey.Rfc2543 rfc2543 = (TransactionKey.Rfc2543) key;
        assertThat(rfc2543.callId()).isEqualTo(invite.callId());
        assertThat(rfc2543.fromTag()).isEqualTo("fromtag");
        assertThat(rfc2543.toTag()).isNull();
        assertThat(rfc2543.method()).isEqualTo("INVITE");
    }

    @Test
    void shouldReturnNullWhenRequestHasNoVia() {
        SipRequest noVia = invite.toBuilder().vias(List.of()).build();

        assertThat(TransactionKey.ofServerRequest(noVia)).isNull();
    }
}
