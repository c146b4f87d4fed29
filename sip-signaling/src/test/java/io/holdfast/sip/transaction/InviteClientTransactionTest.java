package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

import static io.holdfast.sip.transaction.InviteClientTransaction.State.ACCEPTED;
import static io.holdfast.sip.transaction.InviteClientTransaction.State.CALLING;
import static io.holdfast.sip.transaction.InviteClientTransaction.State.COMPLETED;
import static io.holdfast.sip.transaction.InviteClientTransaction.State.PROCEEDING;
import static io.holdfast.sip.transaction.InviteClientTransaction.State.TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;

class InviteClientTransactionTest {
    private static final TransactionTimers TIMERS = TransactionTimers.DEFAULT;
    private static final long T1 = 500;
    private static final long SIXTY_FOUR_T1 = 64 * T1;

    private final RecordingContext context = new RecordingContext();
    private final SipRequest invite = TestMessages.request(SipMethod.INVITE);
    private InviteClientTransaction transaction;

    private InviteClientTransaction started(boolean reliable) {
        transaction = new InviteClientTransaction(invite, reliable, TIMERS, context);
        context.attach(transaction::onTimer);
        transaction.start();
        return transaction;
    }

    @Test
    void shouldSendInviteAndStartTimersWhenStarted() {
        started(false);

        assertThat(transaction.state()).isEqualTo(CALLING);
        assertThat(context.sent).containsExactly(invite);
        assertThat(context.lastDelayMs).containsEntry(TimerKind.A, T1).containsEntry(TimerKind.B, SIXTY_FOUR_T1);
    }

    @Test
    void shouldNotStartTimerAWhenReliable() {
        started(true);

        assertThat(context.isPending(TimerKind.A)).isFalse();
        assertThat(context.isPending(TimerKind.B)).isTrue();
    }

    @Test
    void shouldRetransmitInviteWhenTimerAFiresInCalling() {
        started(false);

        context.loop.advance(T1 - 1);
        assertThat(context.sent).hasSize(1);
        context.loop.advance(1);
        assertThat(context.sent).hasSize(2);
        context.loop.advance(2 * T1 - 1);
        assertThat(context.sent).hasSize(2);
        context.loop.advance(1);
        assertThat(context.sent).hasSize(3);
        context.loop.advance(4 * T1);
        assertThat(context.sent).hasSize(4).allMatch(invite::equals);
        assertThat(context.counted(TransactionCounter.RETRANSMISSIONS_SENT)).isEqualTo(3);
        assertThat(transaction.state()).isEqualTo(CALLING);
    }

    @Test
    void shouldDoubleTimerAWithoutCapWhenRetransmitting() {
        started(false);

        context.loop.advance(T1 + 2 * T1 + 4 * T1 + 8 * T1 + 16 * T1);

        assertThat(context.lastDelayMs).containsEntry(TimerKind.A, 32 * T1);
    }

    @Test
    void shouldTimeOutWhenTimerBFiresInCalling() {
        started(false);

        context.loop.advance(SIXTY_FOUR_T1 - 1);
        assertThat(context.timeouts).isZero();
        context.loop.advance(1);

        assertThat(context.timeouts).isEqualTo(1);
        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.terminations).isEqualTo(1);
        assertThat(context.loop.pendingTimers()).isZero();
    }

    @Test
    void shouldTerminateWhenTransportErrorInCalling() {
        started(false);

        transaction.onTransportError();

        assertThat(context.transportErrors).isEqualTo(1);
        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.terminations).isEqualTo(1);
    }

    @Test
    void shouldEnterProceedingWhen1xxInCalling() {
        started(false);
        SipResponse ringing = TestMessages.response(invite, 180);

        transaction.onResponse(ringing);

        assertThat(transaction.state()).isEqualTo(PROCEEDING);
        assertThat(context.responsesToTu).containsExactly(ringing);
        context.loop.advance(SIXTY_FOUR_T1 * 2);
        assertThat(context.sent).hasSize(1);
        assertThat(context.timeouts).isZero();
    }

    @Test
    void shouldSendAckAndCompleteWhenNon2xxFinalInCalling() {
        started(false);
        SipResponse busy = TestMessages.response(invite, 486);

        transaction.onResponse(busy);

        assertThat(transaction.state()).isEqualTo(COMPLETED);
        assertThat(context.responsesToTu).containsExactly(busy);
        assertAck((SipRequest) context.lastSent(), busy);
        assertThat(context.isPending(TimerKind.A)).isFalse();
        assertThat(context.isPending(TimerKind.B)).isFalse();
        assertThat(context.lastDelayMs).containsEntry(TimerKind.D, 32_000L);
    }

    @Test
    void shouldAcceptWhen2xxInCalling() {
        started(false);
        SipResponse ok = TestMessages.response(invite, 200);

        transaction.onResponse(ok);

        assertThat(transaction.state()).isEqualTo(ACCEPTED);
        assertThat(context.responsesToTu).containsExactly(ok);
        assertThat(context.sent).hasSize(1);
        assertThat(context.isPending(TimerKind.M)).isTrue();
        assertThat(context.isPending(TimerKind.A)).isFalse();
    }

    @Test
    void shouldPassProvisionalWhen1xxInProceeding() {
        started(false);
        transaction.onResponse(TestMessages.response(invite, 100));
        SipResponse ringing = TestMessages.response(invite, 180);

        transaction.onResponse(ringing);

        assertThat(transaction.state()).isEqualTo(PROCEEDING);
        assertThat(context.responsesToTu).hasSize(2).last().isEqualTo(ringing);
    }

    @Test
    void shouldSendAckAndCompleteWhenNon2xxFinalInProceeding() {
        started(false);
        transaction.onResponse(TestMessages.response(invite, 180));
        SipResponse notFound = TestMessages.response(invite, 404);

        transaction.onResponse(notFound);

        assertThat(transaction.state()).isEqualTo(COMPLETED);
        assertAck((SipRequest) context.lastSent(), notFound);
        assertThat(context.responsesToTu).hasSize(2).last().isEqualTo(notFound);
    }

    @Test
    void shouldAcceptWhen2xxInProceeding() {
        started(false);
        transaction.onResponse(TestMessages.response(invite, 180));
        SipResponse ok = TestMessages.response(invite, 200);

        transaction.onResponse(ok);

        assertThat(transaction.state()).isEqualTo(ACCEPTED);
        assertThat(context.responsesToTu).hasSize(2).last().isEqualTo(ok);
    }

    @Test
    void shouldTimeOutWhenNoFinalResponse64T1AfterCancel() {
        started(false);
        transaction.onResponse(TestMessages.response(invite, 180));
        context.loop.advance(1000);

        transaction.onCancelSent();
        context.loop.advance(SIXTY_FOUR_T1 - 1);
        assertThat(transaction.state()).isEqualTo(PROCEEDING);
        context.loop.advance(1);

        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.timeouts).isEqualTo(1);
    }

    @Test
    void shouldCountCancelWhenNotInProceeding() {
        started(false);

        transaction.onCancelSent();

        assertThat(context.counted(TransactionCounter.ILLEGAL_EVENTS)).isEqualTo(1);
        assertThat(context.isPending(TimerKind.B)).isTrue();
    }

    @Test
    void shouldResendAckWhenFinalResponseRetransmittedInCompleted() {
        started(false);
        SipResponse busy = TestMessages.response(invite, 486);
        transaction.onResponse(busy);
        SipRequest ack = (SipRequest) context.lastSent();

        transaction.onResponse(busy);

        assertThat(context.sent).hasSize(3).last().isSameAs(ack);
        assertThat(context.responsesToTu).hasSize(1);
        assertThat(context.counted(TransactionCounter.RETRANSMISSIONS_ABSORBED)).isEqualTo(1);
    }

    @Test
    void shouldTerminateWhenTransportErrorInCompleted() {
        started(false);
        transaction.onResponse(TestMessages.response(invite, 486));

        transaction.onTransportError();

        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.transportErrors).isEqualTo(1);
    }

    @Test
    void shouldTerminateWhenTimerDFiresInCompleted() {
        started(false);
        transaction.onResponse(TestMessages.response(invite, 486));

        context.loop.advance(32_000 - 1);
        assertThat(transaction.state()).isEqualTo(COMPLETED);
        context.loop.advance(1);

        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.terminations).isEqualTo(1);
    }

    @Test
    void shouldTerminateAtOnceWhenNon2xxFinalOnReliableTransport() {
        started(true);

        transaction.onResponse(TestMessages.response(invite, 503));

        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.sent).hasSize(2);
        assertThat(context.loop.pendingTimers()).isZero();
    }

    @Test
    void shouldPass2xxRetransmissionWhen2xxInAccepted() {
        started(false);
        SipResponse ok = TestMessages.response(invite, 200);
        transaction.onResponse(ok);

        transaction.onResponse(ok);

        assertThat(context.responsesToTu).containsExactly(ok, ok);
        assertThat(transaction.state()).isEqualTo(ACCEPTED);
    }

    @Test
    void shouldTerminateWhenTimerMFiresInAccepted() {
        started(false);
        transaction.onResponse(TestMessages.response(invite, 200));

        context.loop.advance(SIXTY_FOUR_T1 - 1);
        assertThat(transaction.state()).isEqualTo(ACCEPTED);
        context.loop.advance(1);

        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.terminations).isEqualTo(1);
    }

    @Test
    void shouldCountAndIgnoreWhenEventIllegalInState() {
        started(false);
        transaction.onResponse(TestMessages.response(invite, 200));

        transaction.onResponse(TestMessages.response(invite, 180));
        transaction.onResponse(TestMessages.response(invite, 404));
        transaction.onTimer(TimerKind.A);
        transaction.start();
        context.loop.advance(SIXTY_FOUR_T1);
        transaction.onResponse(TestMessages.response(invite, 200));
        transaction.onTransportError();
        transaction.onTimer(TimerKind.M);

        assertThat(context.counted(TransactionCounter.ILLEGAL_EVENTS)).isEqualTo(7);
        assertThat(context.responsesToTu).hasSize(1);
        assertThat(context.terminations).isEqualTo(1);
    }

    private void assertAck(SipRequest ack, SipResponse response) {
        assertThat(ack.method()).isEqualTo(SipMethod.ACK);
        assertThat(ack.requestUri()).isEqualTo(invite.requestUri());
        assertThat(ack.vias()).containsExactly(invite.topVia());
        assertThat(ack.callId()).isEqualTo(invite.callId());
        assertThat(ack.from()).isEqualTo(invite.from());
        assertThat(ack.to()).isEqualTo(response.to());
        assertThat(ack.cseq().sequence()).isEqualTo(invite.cseq().sequence());
        assertThat(ack.cseq().method()).isEqualTo(SipMethod.ACK);
        assertThat(ack.routes()).isEqualTo(invite.routes());
        assertThat(ack.bodyLength()).isZero();
    }
}
