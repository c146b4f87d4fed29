package io.holdfast.sip.transaction;

import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.Via;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionLayerTest {
    private static final long T1 = 500;
    private static final long SIXTY_FOUR_T1 = 64 * T1;

    private final FakeLoop loop = new FakeLoop();
    private final RecordingRequestHandler handler = new RecordingRequestHandler();
    private final TransactionLayer layer = new TransactionLayer(3, loop, TransactionTimers.DEFAULT, handler);
    private final FakeFlow udp = new FakeFlow(false);
    private final SipRequest invite = TestMessages.request(SipMethod.INVITE);

    private long counter(TransactionCounter counter) {
        return layer.counters().get(counter);
    }

    private SipResponse sentResponse(int index) {
        return (SipResponse) udp.sent.get(index);
    }

    @Test
    void shouldCreateServerTransactionAndCallHandlerWhenNewRequest() {
        layer.onRequest(invite, udp);

        assertThat(handler.requests).hasSize(1);
        ServerTransaction transaction = handler.requests.get(0);
        assertThat(transaction.request()).isSameAs(invite);
        assertThat(transaction.isInvite()).isTrue();
        assertThat(layer.table().serverCount()).isEqualTo(1);
    }

    @Test
    void shouldAbsorbRetransmissionWhenRequestMatchesTransaction() {
        layer.onRequest(invite, udp);
        handler.requests.get(0).respond(handler.requests.get(0).response(180, "Ringing").build());

        layer.onRequest(invite, udp);

        assertThat(handler.requests).hasSize(1);
        assertThat(udp.sent).hasSize(2);
        assertThat(sentResponse(1).statusCode()).isEqualTo(180);
        assertThat(counter(TransactionCounter.RETRANSMISSIONS_ABSORBED)).isEqualTo(1);
    }

    @Test
    void shouldStartNewTransactionWhenSentByDiffers() {
        layer.onRequest(invite, udp);
        Via other = new Via("UDP", "192.0.2.99", 5060, invite.topVia().parameters());

        layer.onRequest(invite.toBuilder().vias(List.of(other)).build(), udp);

        assertThat(handler.requests).hasSize(2);
    }

    @Test
    void shouldKeepOneToTagWhenProvisionalAndFinalBuiltByTransaction() {
        layer.onRequest(invite, udp);
        ServerTransaction transaction = handler.requests.get(0);

        SipResponse ringing = transaction.response(180, "Ringing").build();
        SipResponse ok = transaction.response(200, "OK").build();
        SipResponse trying = transaction.response(100, "Trying").build();

        assertThat(ringing.to().tag()).isNotNull().isEqualTo(ok.to().tag());
        assertThat(trying.to().tag()).isNull();
    }

    @Test
    void shouldRespond481WhenCancelMatchesNoInvite() {
        layer.onRequest(TestMessages.request(SipMethod.CANCEL), udp);

        assertThat(udp.sent).hasSize(1);
        assertThat(sentResponse(0).statusCode()).isEqualTo(481);
        assertThat(handler.requests).isEmpty();
        assertThat(counter(TransactionCounter.CANCELS_UNMATCHED)).isEqualTo(1);
    }

    @Test
    void shouldAnswerCancel200AndInvite487WhenCancelMatchesPendingInvite() {
        layer.onRequest(invite, udp);
        ServerTransaction transaction = handler.requests.get(0);
        transaction.respond(transaction.response(180, "Ringing").build());
        SipRequest cancel = ClientTransaction.cancelFor(invite);

        layer.onRequest(cancel, udp);

        assertThat(handler.cancels).containsExactly(cancel);
        assertThat(udp.sent).hasSize(3);
        SipResponse cancelOk = sentResponse(1);
        SipResponse terminated = sentResponse(2);
        assertThat(cancelOk.statusCode()).isEqualTo(200);
        assertThat(cancelOk.cseq().method()).isEqualTo(SipMethod.CANCEL);
        assertThat(terminated.statusCode()).isEqualTo(487);
        assertThat(terminated.cseq().method()).isEqualTo(SipMethod.INVITE);
        assertThat(cancelOk.to().tag()).isEqualTo(terminated.to().tag()).isEqualTo(transaction.localTag());
        assertThat(counter(TransactionCounter.CANCELS_MATCHED)).isEqualTo(1);
    }

    @Test
    void shouldNotSend487WhenTuAnswersInviteOnCancel() {
        handler.answerOnCancel = pending -> pending.respond(pending.response(486, "Busy Here").build());
        layer.onRequest(invite, udp);

        layer.onRequest(ClientTransaction.cancelFor(invite), udp);

        assertThat(udp.sent).extracting(m -> ((SipResponse) m).statusCode()).containsExactly(200, 486);
    }

    @Test
    void shouldAnswerCancel200WithoutEffectWhenInviteAlreadyAnswered() {
        layer.onRequest(invite, udp);
        ServerTransaction transaction = handler.requests.get(0);
        transaction.respond(transaction.response(200, "OK").build());

        layer.onRequest(ClientTransaction.cancelFor(invite), udp);

        assertThat(udp.sent).extracting(m -> ((SipResponse) m).statusCode()).containsExactly(200, 200);
        assertThat(sentResponse(1).cseq().method()).isEqualTo(SipMethod.CANCEL);
        assertThat(handler.cancels).isEmpty();
    }

    @Test
    void shouldAbsorbAckWhenAckIsForNon2xx() {
        layer.onRequest(invite, udp);
        ServerTransaction transaction = handler.requests.get(0);
        transaction.respond(transaction.response(486, "Busy Here").build());

        layer.onRequest(ack(invite, transaction.localTag(), invite.topVia().branch()), udp);
        loop.advance(SIXTY_FOUR_T1);

        assertThat(handler.acks).isEmpty();
        assertThat(handler.failures).isEmpty();
        assertThat(udp.sent).hasSize(1);
        assertThat(layer.table().serverCount()).isZero();
    }

    @Test
    void shouldRetransmit2xxUntilAckWhenInviteAnswered2xx() {
        layer.onRequest(invite, udp);
        ServerTransaction transaction = handler.requests.get(0);
        transaction.respond(transaction.response(200, "OK").build());

        loop.advance(T1 - 1);
        assertThat(udp.sent).hasSize(1);
        loop.advance(1);
        assertThat(udp.sent).hasSize(2);
        loop.advance(2 * T1);
        assertThat(udp.sent).hasSize(3);
        layer.onRequest(ack(invite, transaction.localTag(), Via.MAGIC_COOKIE + "ack2xx"), udp);
        loop.advance(SIXTY_FOUR_T1);

        assertThat(udp.sent).hasSize(3).allMatch(m -> ((SipResponse) m).statusCode() == 200);
        assertThat(handler.acks).hasSize(1);
        assertThat(handler.failures).isEmpty();
        assertThat(counter(TransactionCounter.UAS_2XX_RETRANSMISSIONS)).isEqualTo(2);
    }

    @Test
    void shouldRetransmit2xxWhenReliableTransport() {
        FakeFlow tcp = new FakeFlow(true);
        layer.onRequest(invite, tcp);
        ServerTransaction transaction = handler.requests.get(0);
        transaction.respond(transaction.response(200, "OK").build());

        loop.advance(T1);

        assertThat(tcp.sent).hasSize(2);
    }

    @Test
    void shouldReportAckTimeoutWhen2xxNeverAcknowledged() {
        layer.onRequest(invite, udp);
        ServerTransaction transaction = handler.requests.get(0);
        transaction.respond(transaction.response(200, "OK").build());

        loop.advance(SIXTY_FOUR_T1 - 1);
        assertThat(handler.failures).isEmpty();
        loop.advance(1);

        assertThat(handler.failures).containsExactly(ServerTransactionFailure.ACK_FOR_2XX_TIMEOUT);
        assertThat(counter(TransactionCounter.UAS_2XX_ACK_TIMEOUTS)).isEqualTo(1);
        long sentAtTimeout = udp.sent.size();
        loop.advance(10 * SIXTY_FOUR_T1);
        assertThat(udp.sent).hasSize((int) sentAtTimeout);
        assertThat(layer.table().serverCount()).isZero();
    }

    @Test
    void shouldReportTimeoutWhenAckForNon2xxNeverComes() {
        layer.onRequest(invite, udp);
        ServerTransaction transaction = handler.requests.get(0);
        transaction.respond(transaction.response(500, "Server Internal Error").build());

        loop.advance(SIXTY_FOUR_T1);

        assertThat(handler.failures).containsExactly(ServerTransactionFailure.ACK_TIMEOUT);
    }

    @Test
    void shouldDeliverAckToTuWhenNoTransactionMatches() {
        SipRequest ack = ack(invite, "sometag", Via.MAGIC_COOKIE + "other");

        layer.onRequest(ack, udp);

        assertThat(handler.acks).containsExactly(ack);
        assertThat(handler.requests).isEmpty();
    }

    @Test
    void shouldDropRequestWhenCSeqMethodDiffers() {
        SipRequest broken = invite.toBuilder().cseq(CSeq.of(1, SipMethod.BYE)).build();

        layer.onRequest(broken, udp);

        assertThat(handler.requests).isEmpty();
        assertThat(counter(TransactionCounter.INVALID_MESSAGES_DROPPED)).isEqualTo(1);
    }

    @Test
    void shouldAddViaWithBranchAndMaxForwardsWhenSendingRequest() {
        SipRequest bare = TestMessages.request(SipMethod.OPTIONS).toBuilder()
                .vias(List.of()).maxForwards(SipRequest.ABSENT).build();

        ClientTransaction transaction = layer.sendRequest(bare, udp, new RecordingClientListener());

        SipRequest sent = (SipRequest) udp.last();
        assertThat(sent).isSameAs(transaction.request());
        assertThat(sent.vias()).hasSize(1);
        assertThat(sent.topVia().branch()).startsWith(Via.MAGIC_COOKIE);
        assertThat(sent.topVia().hasRport()).isTrue();
        assertThat(TransactionLayer.ownerLoopOf(sent.topVia().branch())).isEqualTo(3);
        assertThat(sent.maxForwards()).isEqualTo(70);
        assertThat(layer.table().clientCount()).isEqualTo(1);
    }

    @Test
    void shouldMakeDistinctBranchesWhenSendingRequests() {
        String first = layer.newBranch();
        String second = layer.newBranch();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void shouldDeliverResponsesToListenerWhenResponsesMatch() {
        RecordingClientListener listener = new RecordingClientListener();
        ClientTransaction transaction = layer.sendRequest(invite.toBuilder().vias(List.of()).build(),
                udp, listener);
        SipRequest sent = transaction.request();

        layer.onResponse(TestMessages.response(sent, 180));
        layer.onResponse(TestMessages.response(sent, 200));
        layer.onResponse(TestMessages.response(sent, 200));

        assertThat(listener.provisionals).hasSize(1);
        assertThat(listener.finals).hasSize(2);
        loop.advance(SIXTY_FOUR_T1);
        assertThat(transaction.isTerminated()).isTrue();
        assertThat(layer.table().clientCount()).isZero();
        layer.onResponse(TestMessages.response(sent, 200));
        assertThat(listener.finals).hasSize(2);
        assertThat(counter(TransactionCounter.STRAY_RESPONSES_DROPPED)).isEqualTo(1);
    }

    @Test
    void shouldDropResponseWhenItCarriesTwoVias() {
        RecordingClientListener listener = new RecordingClientListener();
        ClientTransaction transaction = layer.sendRequest(invite, udp, listener);

        layer.onResponse(TestMessages.response(transaction.request(), 180));

        assertThat(listener.provisionals).isEmpty();
        assertThat(counter(TransactionCounter.INVALID_MESSAGES_DROPPED)).isEqualTo(1);
    }

    @Test
    void shouldSendCancelOnlyAfterProvisionalWhenCancelRequestedEarly() {
        RecordingClientListener listener = new RecordingClientListener();
        ClientTransaction transaction = layer.sendRequest(invite.toBuilder().vias(List.of()).build(),
                udp, listener);
        SipRequest sent = transaction.request();

        transaction.cancel();
        assertThat(udp.sent).hasSize(1);
        layer.onResponse(TestMessages.response(sent, 180));

        assertThat(udp.sent).hasSize(2);
        SipRequest cancel = (SipRequest) udp.last();
        assertThat(cancel.method()).isEqualTo(SipMethod.CANCEL);
        assertThat(cancel.topVia()).isEqualTo(sent.topVia());
        assertThat(cancel.requestUri()).isEqualTo(sent.requestUri());
        assertThat(cancel.to()).isEqualTo(sent.to());
        assertThat(cancel.from()).isEqualTo(sent.from());
        assertThat(cancel.callId()).isEqualTo(sent.callId());
        assertThat(cancel.cseq()).isEqualTo(CSeq.of(sent.cseq().sequence(), SipMethod.CANCEL));
        assertThat(cancel.routes()).isEqualTo(sent.routes());
        layer.onResponse(TestMessages.response(cancel, 200));
        layer.onResponse(TestMessages.response(sent, 487));
        assertThat(listener.finals).extracting(SipResponse::statusCode).containsExactly(487);
        assertThat(((SipRequest) udp.last()).method()).isEqualTo(SipMethod.ACK);
    }

    @Test
    void shouldNotSendCancelWhenFinalResponseAlreadyReceived() {
        ClientTransaction transaction = layer.sendRequest(invite.toBuilder().vias(List.of()).build(),
                udp, new RecordingClientListener());
        layer.onResponse(TestMessages.response(transaction.request(), 200));

        transaction.cancel();

        assertThat(udp.sent).hasSize(1);
    }

    @Test
    void shouldCountCancelWhenRequestIsNotInvite() {
        ClientTransaction transaction = layer.sendRequest(TestMessages.request(SipMethod.OPTIONS).toBuilder()
                .vias(List.of()).build(), udp, new RecordingClientListener());

        transaction.cancel();

        assertThat(counter(TransactionCounter.ILLEGAL_EVENTS)).isEqualTo(1);
    }

    @Test
    void shouldReportTransportErrorAfterSendReturnsWhenSendFails() {
        RecordingClientListener listener = new RecordingClientListener();
        udp.failSends = true;

        layer.sendRequest(TestMessages.request(SipMethod.OPTIONS).toBuilder().vias(List.of()).build(),
                udp, listener);
        assertThat(listener.transportErrors).isZero();
        loop.runPending();

        assertThat(listener.transportErrors).isEqualTo(1);
        assertThat(layer.table().clientCount()).isZero();
    }

    @Test
    void shouldReportTransportErrorToHandlerWhenResponseCannotBeSent() {
        layer.onRequest(invite, udp);
        ServerTransaction transaction = handler.requests.get(0);
        udp.failSends = true;

        transaction.respond(transaction.response(180, "Ringing").build());
        loop.runPending();

        assertThat(handler.failures).containsExactly(ServerTransactionFailure.TRANSPORT_ERROR);
        assertThat(transaction.isTerminated()).isTrue();
        assertThat(layer.table().serverCount()).isZero();
    }

    @Test
    void shouldNotRetransmitWhenFlowIsReliable() {
        FakeFlow tcp = new FakeFlow(true);
        RecordingClientListener listener = new RecordingClientListener();

        ClientTransaction transaction = layer.sendRequest(invite.toBuilder().vias(List.of()).build(), tcp, listener);
        loop.advance(SIXTY_FOUR_T1 - 1);
        assertThat(listener.timeouts).isZero();
        loop.advance(1);

        assertThat(tcp.sent).hasSize(1);
        assertThat(transaction.request().topVia().transport()).isEqualTo("TCP");
        assertThat(listener.timeouts).isEqualTo(1);
    }

    @Test
    void shouldAddViaWithNewBranchWhenSendingAckFor2xx() {
        SipRequest ack = ack(invite, "totag", null).toBuilder().vias(List.of()).build();

        SipRequest sent = layer.sendAck(ack, udp);
        SipRequest again = layer.sendAck(sent, udp);

        assertThat(sent.topVia().branch()).startsWith(Via.MAGIC_COOKIE).isNotEqualTo(invite.topVia().branch());
        assertThat(again).isSameAs(sent);
        assertThat(udp.sent).containsExactly(sent, sent);
    }

    @Test
    void shouldRejectAckWhenSentAsTransaction() {
        SipRequest ack = ack(invite, "totag", Via.MAGIC_COOKIE + "x");

        assertThatThrownBy(() -> layer.sendRequest(ack, udp, new RecordingClientListener()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldMatchRetransmissionAndAckWhenRfc2543Request() {
        SipRequest legacy = invite.toBuilder()
                .vias(List.of(new Via("UDP", "192.0.2.10", 5060, SipParameters.EMPTY))).build();
        layer.onRequest(legacy, udp);
        ServerTransaction transaction = handler.requests.get(0);
        transaction.respond(transaction.response(486, "Busy Here").build());

        layer.onRequest(legacy, udp);
        layer.onRequest(ack(legacy, "wrongtag", null), udp);
        layer.onRequest(ack(legacy, transaction.localTag(), null), udp);
        loop.advance(SIXTY_FOUR_T1);

        assertThat(handler.requests).hasSize(1);
        assertThat(handler.acks).hasSize(1);
        assertThat(handler.failures).isEmpty();
        assertThat(udp.sent).hasSize(2);
    }

    @Test
    void shouldReadLoopIdWhenBranchMadeByLayer() {
        assertThat(TransactionLayer.ownerLoopOf(layer.newBranch())).isEqualTo(3);
        assertThat(TransactionLayer.ownerLoopOf(Via.MAGIC_COOKIE + ".12.abc")).isEqualTo(12);
        assertThat(TransactionLayer.ownerLoopOf(Via.MAGIC_COOKIE + "abc")).isEqualTo(-1);
        assertThat(TransactionLayer.ownerLoopOf(Via.MAGIC_COOKIE + "..abc")).isEqualTo(-1);
        assertThat(TransactionLayer.ownerLoopOf(Via.MAGIC_COOKIE + ".1x.abc")).isEqualTo(-1);
        assertThat(TransactionLayer.ownerLoopOf(Via.MAGIC_COOKIE + ".12345.abc")).isEqualTo(-1);
        assertThat(TransactionLayer.ownerLoopOf(Via.MAGIC_COOKIE + ".7")).isEqualTo(-1);
        assertThat(TransactionLayer.ownerLoopOf(null)).isEqualTo(-1);
    }

    private static SipRequest ack(SipRequest invite, String toTag, String branch) {
        Via via = branch == null ? invite.topVia()
                : new Via("UDP", invite.topVia().host(), invite.topVia().port(), SipParameters.EMPTY.with("branch", branch));
        return SipRequest.builder(SipMethod.ACK, invite.requestUri())
                .addVia(via)
                .from(invite.from())
                .to(invite.to().withTag(toTag))
                .callId(invite.callId())
                .cseq(CSeq.of(invite.cseq().sequence(), SipMethod.ACK))
                .maxForwards(70)
                .build();
    }
}
