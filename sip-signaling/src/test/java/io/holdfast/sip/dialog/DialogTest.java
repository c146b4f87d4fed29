package io.holdfast.sip.dialog;

import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DialogTest {
    private static final SipParameters LR = SipParameters.EMPTY.with("lr", null);
    private static final NameAddr PROXY_1 = NameAddr.of(SipUri.sip(null, "p1.example.com", 5060).withParameters(LR));
    private static final NameAddr PROXY_2 = NameAddr.of(SipUri.sip(null, "p2.example.com", 5060).withParameters(LR));
    private static final SipUri ALICE_CONTACT = SipUri.sip("alice", "192.0.2.10", 5060);
    private static final SipUri BOB_CONTACT = SipUri.sip("bob", "192.0.2.20", 5080);

    private final SipRequest invite = SipRequest.builder(SipMethod.INVITE, SipUri.sip("bob", "example.com", SipUri.NO_PORT))
            .from(NameAddr.of(SipUri.sip("alice", "example.com", SipUri.NO_PORT)).withTag("a1"))
            .to(NameAddr.of(SipUri.sip("bob", "example.com", SipUri.NO_PORT)))
            .callId("c1@example.com")
            .cseq(CSeq.of(10, SipMethod.INVITE))
            .maxForwards(70)
            .addContact(NameAddr.of(ALICE_CONTACT))
            .addRecordRoute(PROXY_1)
            .addRecordRoute(PROXY_2)
            .addHeader("Proxy-Authorization", "Digest username=\"alice\"")
            .build();

    private SipResponse response(int status, String toTag) {
        SipResponse.Builder builder = SipResponse.to(invite, status, "Reason")
                .recordRoutes(invite.recordRoutes())
                .addContact(NameAddr.of(BOB_CONTACT));
        if (toTag != null) {
            builder.to(invite.to().withTag(toTag));
        }
        return builder.build();
    }

    @Test
    void shouldCreateConfirmedUacDialogWhen2xx() {
        Dialog dialog = Dialog.asUac(invite, response(200, "b1"));

        assertThat(dialog.state()).isEqualTo(Dialog.State.CONFIRMED);
        assertThat(dialog.role()).isEqualTo(Dialog.Role.UAC);
        assertThat(dialog.id()).isEqualTo(new DialogId("c1@example.com", "a1", "b1"));
        assertThat(dialog.routeSet()).containsExactly(PROXY_2, PROXY_1);
        assertThat(dialog.remoteTarget()).isEqualTo(BOB_CONTACT);
        assertThat(dialog.localSeq()).isEqualTo(10);
        assertThat(dialog.remoteSeq()).isEqualTo(Dialog.EMPTY_SEQ);
        assertThat(dialog.localUri().tag()).isNull();
        assertThat(dialog.remoteUri().uri()).isEqualTo(invite.to().uri());
        assertThat(dialog.isSecure()).isFalse();
    }

    @Test
    void shouldCreateEarlyUacDialogWhenProvisionalWithToTag() {
        Dialog dialog = Dialog.asUac(invite, response(180, "b1"));

        assertThat(dialog.state()).isEqualTo(Dialog.State.EARLY);
    }

    @Test
    void shouldNotCreateDialogWhenProvisionalLacksToTagOr100() {
        assertThat(Dialog.createsDialog(response(180, null))).isFalse();
        assertThat(Dialog.createsDialog(response(100, "b1"))).isFalse();
        assertThat(Dialog.createsDialog(response(486, "b1"))).isFalse();
        assertThatThrownBy(() -> Dialog.asUac(invite, response(180, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldConfirmAndRecomputeRouteSetWhen2xxAfterEarly() {
        Dialog dialog = Dialog.asUac(invite, response(183, "b1"));
        SipResponse ok = response(200, "b1").toBuilder().recordRoutes(List.of(PROXY_1)).build();

        dialog.onResponse(invite, ok);

        assertThat(dialog.state()).isEqualTo(Dialog.State.CONFIRMED);
        assertThat(dialog.routeSet()).containsExactly(PROXY_1);
    }

    @Test
    void shouldTerminateEarlyDialogWhenNon2xxFinal() {
        Dialog dialog = Dialog.asUac(invite, response(180, "b1"));

        dialog.onResponse(invite, response(486, "b1"));

        assertThat(dialog.state()).isEqualTo(Dialog.State.TERMINATED);
    }

    @Test
    void shouldCreateUasDialogWithRouteSetInOrderWhenSending2xx() {
        Dialog dialog = Dialog.asUas(invite, response(200, "b1"));

        assertThat(dialog.role()).isEqualTo(Dialog.Role.UAS);
        assertThat(dialog.id()).isEqualTo(new DialogId("c1@example.com", "b1", "a1"));
        assertThat(dialog.routeSet()).containsExactly(PROXY_1, PROXY_2);
        assertThat(dialog.remoteTarget()).isEqualTo(ALICE_CONTACT);
        assertThat(dialog.remoteSeq()).isEqualTo(10);
        assertThat(dialog.localSeq()).isEqualTo(Dialog.EMPTY_SEQ);
        assertThat(dialog.id()).isEqualTo(DialogId.ofReceivedRequest(invite.toBuilder()
                .to(invite.to().withTag("b1")).build()));
    }

    @Test
    void shouldConfirmUasDialogWhen2xxSentAfterEarly() {
        Dialog dialog = Dialog.asUas(invite, response(180, "b1"));

        dialog.onResponseSent(invite, response(200, "b1"));

        assertThat(dialog.state()).isEqualTo(Dialog.State.CONFIRMED);
    }

    @Test
    void shouldBuildLooseRoutedRequestWhenFirstRouteHasLr() {
        Dialog dialog = Dialog.asUac(invite, response(200, "b1"));

        SipRequest bye = dialog.createRequest(SipMethod.BYE).build();

        assertThat(bye.requestUri()).isEqualTo(BOB_CONTACT);
        assertThat(bye.routes()).containsExactly(PROXY_2, PROXY_1);
        assertThat(bye.cseq()).isEqualTo(CSeq.of(11, SipMethod.BYE));
        assertThat(bye.from()).isEqualTo(invite.from());
        assertThat(bye.to().tag()).isEqualTo("b1");
        assertThat(bye.callId()).isEqualTo(invite.callId());
        assertThat(bye.maxForwards()).isEqualTo(70);
        assertThat(bye.vias()).isEmpty();
        assertThat(bye.contacts()).isEmpty();
        assertThat(dialog.createRequest(SipMethod.INFO).build().cseq().sequence()).isEqualTo(12);
    }

    @Test
    void shouldBuildStrictRoutedRequestWhenFirstRouteLacksLr() {
        NameAddr strict = NameAddr.of(SipUri.sip(null, "strict.example.com", 5060)
                .withParameters(SipParameters.EMPTY.with("method", "INVITE").with("transport", "tcp")));
        SipResponse ok = response(200, "b1").toBuilder().recordRoutes(List.of(PROXY_1, strict)).build();
        Dialog dialog = Dialog.asUac(invite, ok);

        SipRequest bye = dialog.createRequest(SipMethod.BYE).build();

        assertThat(bye.requestUri().host()).isEqualTo("strict.example.com");
        assertThat(bye.requestUri().parameters().has("method")).isFalse();
        assertThat(bye.requestUri().transport()).isEqualTo("tcp");
        assertThat(bye.routes()).containsExactly(PROXY_1, NameAddr.of(BOB_CONTACT));
    }

    @Test
    void shouldSendToRemoteTargetWithoutRouteWhenRouteSetEmpty() {
        SipResponse ok = response(200, "b1").toBuilder().recordRoutes(List.of()).build();
        Dialog dialog = Dialog.asUac(invite, ok);

        SipRequest info = dialog.createRequest(SipMethod.INFO).build();

        assertThat(info.requestUri()).isEqualTo(BOB_CONTACT);
        assertThat(info.routes()).isEmpty();
    }

    @Test
    void shouldAddLocalContactWhenTargetRefreshRequest() {
        Dialog dialog = Dialog.asUac(invite, response(200, "b1"));

        SipRequest reInvite = dialog.createRequest(SipMethod.INVITE).build();

        assertThat(reInvite.contacts()).containsExactly(NameAddr.of(ALICE_CONTACT));
    }

    @Test
    void shouldStartLocalSeqAtOneWhenUasSendsFirstRequest() {
        Dialog dialog = Dialog.asUas(invite, response(200, "b1"));

        SipRequest bye = dialog.createRequest(SipMethod.BYE).build();

        assertThat(bye.cseq().sequence()).isEqualTo(1);
        assertThat(bye.from().tag()).isEqualTo("b1");
        assertThat(bye.to().tag()).isEqualTo("a1");
        assertThat(bye.requestUri()).isEqualTo(ALICE_CONTACT);
    }

    @Test
    void shouldBuildAckWithInviteCSeqAndCredentialsWhenAcking2xx() {
        Dialog dialog = Dialog.asUac(invite, response(200, "b1"));
        dialog.createRequest(SipMethod.INFO);

        SipRequest ack = dialog.createAck(invite).build();

        assertThat(ack.method()).isEqualTo(SipMethod.ACK);
        assertThat(ack.cseq()).isEqualTo(CSeq.of(10, SipMethod.ACK));
        assertThat(ack.requestUri()).isEqualTo(BOB_CONTACT);
        assertThat(ack.routes()).containsExactly(PROXY_2, PROXY_1);
        assertThat(ack.vias()).isEmpty();
        assertThat(ack.header("Proxy-Authorization")).isEqualTo("Digest username=\"alice\"");
        assertThat(dialog.localSeq()).isEqualTo(11);
    }

    @Test
    void shouldRejectRequestWhenCSeqLowerThanRemoteSeq() {
        Dialog dialog = Dialog.asUas(invite, response(200, "b1"));
        SipRequest bye = invite.toBuilder().method(SipMethod.BYE).cseq(CSeq.of(9, SipMethod.BYE)).build();

        assertThat(dialog.checkRequest(bye)).isEqualTo(Dialog.RequestCheck.CSEQ_OUT_OF_ORDER);
        assertThat(dialog.remoteSeq()).isEqualTo(10);
    }

    @Test
    void shouldAcceptAndAdvanceRemoteSeqWhenCSeqHigher() {
        Dialog dialog = Dialog.asUas(invite, response(200, "b1"));
        SipRequest bye = invite.toBuilder().method(SipMethod.BYE).cseq(CSeq.of(11, SipMethod.BYE)).build();
        SipRequest ack = invite.toBuilder().method(SipMethod.ACK).cseq(CSeq.of(10, SipMethod.ACK)).build();

        assertThat(dialog.checkRequest(ack)).isEqualTo(Dialog.RequestCheck.ACCEPTED);
        assertThat(dialog.checkRequest(bye)).isEqualTo(Dialog.RequestCheck.ACCEPTED);
        assertThat(dialog.remoteSeq()).isEqualTo(11);
    }

    @Test
    void shouldSetRemoteSeqWhenUacReceivesFirstRequest() {
        Dialog dialog = Dialog.asUac(invite, response(200, "b1"));
        SipRequest bye = invite.toBuilder().method(SipMethod.BYE).cseq(CSeq.of(1, SipMethod.BYE)).build();

        assertThat(dialog.checkRequest(bye)).isEqualTo(Dialog.RequestCheck.ACCEPTED);
        assertThat(dialog.remoteSeq()).isEqualTo(1);
    }

    @Test
    void shouldUpdateRemoteTargetWhenReInvite2xxReceived() {
        Dialog dialog = Dialog.asUac(invite, response(200, "b1"));
        SipRequest reInvite = dialog.createRequest(SipMethod.INVITE).build();
        SipUri moved = SipUri.sip("bob", "198.51.100.7", 5060);
        SipResponse ok = SipResponse.to(reInvite, 200, "OK").addContact(NameAddr.of(moved)).build();

        dialog.onResponse(reInvite, ok);

        assertThat(dialog.remoteTarget()).isEqualTo(moved);
        assertThat(dialog.createRequest(SipMethod.BYE).build().requestUri()).isEqualTo(moved);
    }

    @Test
    void shouldKeepRemoteTargetWhenNonRefreshRequestAnswered() {
        Dialog dialog = Dialog.asUac(invite, response(200, "b1"));
        SipRequest info = dialog.createRequest(SipMethod.INFO).build();
        SipResponse ok = SipResponse.to(info, 200, "OK")
                .addContact(NameAddr.of(SipUri.sip("x", "198.51.100.7", 5060))).build();

        dialog.onResponse(info, ok);

        assertThat(dialog.remoteTarget()).isEqualTo(BOB_CONTACT);
    }

    @Test
    void shouldUpdateRemoteTargetWhenUasAnswersUpdate2xx() {
        Dialog dialog = Dialog.asUas(invite, response(200, "b1"));
        SipUri moved = SipUri.sip("alice", "198.51.100.8", 5062);
        SipRequest update = invite.toBuilder().method(SipMethod.UPDATE).cseq(CSeq.of(11, SipMethod.UPDATE))
                .contacts(List.of(NameAddr.of(moved))).build();

        dialog.checkRequest(update);
        dialog.onResponseSent(update, SipResponse.to(update, 200, "OK").build());

        assertThat(dialog.remoteTarget()).isEqualTo(moved);
    }

    @Test
    void shouldTerminateWhen481Or408Received() {
        Dialog first = Dialog.asUac(invite, response(200, "b1"));
        Dialog second = Dialog.asUac(invite, response(200, "b2"));
        SipRequest info = first.createRequest(SipMethod.INFO).build();

        first.onResponse(info, SipResponse.to(info, 481, "Call/Transaction Does Not Exist").build());
        second.onResponse(info, SipResponse.to(info, 408, "Request Timeout").build());

        assertThat(first.state()).isEqualTo(Dialog.State.TERMINATED);
        assertThat(second.state()).isEqualTo(Dialog.State.TERMINATED);
    }

    @Test
    void shouldMarkSecureWhenRequestUriIsSips() {
        SipUri sips = new SipUri(SipUri.Scheme.SIPS, "bob", null, "example.com", SipUri.NO_PORT, SipParameters.EMPTY, null);
        SipRequest secureInvite = invite.toBuilder().requestUri(sips).build();

        assertThat(Dialog.asUac(secureInvite, response(200, "b1")).isSecure()).isTrue();
    }

    @Test
    void shouldMakeDistinctRandomIdsWhenGenerating() {
        assertThat(DialogId.newTag()).hasSize(16).isNotEqualTo(DialogId.newTag());
        assertThat(DialogId.newCallId("h.example.com")).endsWith("@h.example.com").hasSize(32 + 14);
        assertThat(DialogId.newCallId(null)).hasSize(32);
    }
}
