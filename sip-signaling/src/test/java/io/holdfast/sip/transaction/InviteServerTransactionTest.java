package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

import static io.holdfast.sip.transaction.InviteServerTransaction.State.ACCEPTED;
import static io.holdfast.sip.transaction.InviteServerTransaction.State.COMPLETED;
import static io.holdfast.sip.transaction.InviteServerTransaction.State.CONFIRMED;
import static io.holdfast.sip.transaction.InviteServerTransaction.State.PROCEEDING;
import static io.holdfast.sip.transaction.InviteServerTransaction.State.TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;

class InviteServerTransactionTest {
    private static final long T1 = 500;
    private static final long T2 = 4000;
    private static final long T4 = 5000;
    private static final long SIXTY_FOUR_T1 = 64 * T1;

    private final RecordingContext context = new RecordingContext();
    private final SipRequest invite = TestMessages.request(SipMethod.INVITE);
    private final SipRequest ack = TestMessages.request(SipMethod.ACK);
    private InviteServerTransaction transaction;

    private void start(boolean reliable) {
        transaction = new InviteServerTransaction(invite, reliable, TransactionTimers.DEFAULT, context);
        context.attach(transaction::onTimer);
        transaction.start();
    }

    @Test
    void shouldEnterProceedingWhenStarted() {
        start(false);

        assertThat(transaction.state()).isEqualTo(PROCEEDING);
        assertThat(context.sent).isEmpty();
        assertThat(context.lastDelayMs).containsEntry(TimerKind.TRYING, 200L);
    }

    @Test
    void shouldSendTryingWhenTuSilentFor200Ms() {
        start(false);

        context.loop.advance(199);
        assertThat(context.sent).isEmpty();
        context.loop.advance(1);

        assertThat(context.sent).hasSize(1);
        SipResponse trying = (SipResponse) context.lastSent();
        assertThat(trying.statusCode()).isEqualTo(100);
        assertThat(trying.to().tag()).isNull();
        assertThat(trying.vias()).isEqualTo(invite.vias());
        assertThat(context.counted(TransactionCounter.TRYING_SENT)).isEqualTo(1);
    }

    @Test
    void shouldNotSendTryingWhenTuAnswersWithin200Ms() {
        start(false);
        context.loop.advance(199);

        transaction.sendResponse(TestMessages.response(invite, 180));
        context.loop.advance(1000);

        assertThat(context.sent).hasSize(1);
        assertThat(((SipResponse) context.lastSent()).statusCode()).isEqualTo(180);
    }

    @Test
    void shouldResendLastProvisionalWhenInviteRetransmittedInProceeding() {
        start(false);
        SipResponse ringing = TestMessages.response(invite, 180);
        transaction.sendResponse(ringing);

        transaction.onRequest(invite);

        assertThat(context.sent).containsExactly(ringing, ringing);
        assertThat(context.counted(TransactionCounter.RETRANSMISSIONS_ABSORBED)).isEqualTo(1);
    }

    @Test
    void shouldResendTryingWhenInviteRetransmittedAfterTrying() {
        start(false);
        context.loop.advance(200);

        transaction.onRequest(invite);

        assertThat(context.sent).hasSize(2);
        assertThat(context.sent.get(1)).isSameAs(context.sent.get(0));
    }

    @Test
    void shouldSendProvisionalWhen1xxFromTuInProceeding() {
        start(false);
        SipResponse progress = TestMessages.response(invite, 183);

        assertThat(transaction.sendResponse(progress)).isTrue();

        assertThat(context.sent).containsExactly(progress);
        assertThat(transaction.state()).isEqualTo(PROCEEDING);
    }

    @Test
    void shouldTerminateWhenTransportErrorInProceeding() {
        start(false);
        transaction.sendResponse(TestMessages.response(invite, 180));

        transaction.onTransportError();

        assertThat(context.transportErrors).isEqualTo(1);
        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.loop.pendingTimers()).isZero();
    }

    @Test
    void shouldCompleteWhenNon2xxFromTuInProceeding() {
        start(false);
        SipResponse busy = TestMessages.response(invite, 486);

        transaction.sendResponse(busy);

        assertThat(transaction.state()).isEqualTo(COMPLETED);
        assertThat(context.sent).containsExactly(busy);
        assertThat(context.lastDelayMs).containsEntry(TimerKind.G, T1).containsEntry(TimerKind.H, SIXTY_FOUR_T1);
    }

    @Test
    void shouldNotStartTimerGWhenReliable() {
        start(true);

        transaction.sendResponse(TestMessages.response(invite, 486));

        assertThat(context.isPending(TimerKind.G)).isFalse();
        assertThat(context.isPending(TimerKind.H)).isTrue();
    }

    @Test
    void shouldAcceptWhen2xxFromTuInProceeding() {
        start(false);
        SipResponse ok = TestMessages.response(invite, 200);

        transaction.sendResponse(ok);

        assertThat(transaction.state()).isEqualTo(ACCEPTED);
        assertThat(context.sent).containsExactly(ok);
        assertThat(context.lastDelayMs).containsEntry(TimerKind.L, SIXTY_FOUR_T1);
        assertThat(context.isPending(TimerKind.G)).isFalse();
    }

    @Test
    void shouldResendFinalWhenInviteRetransmittedInCompleted() {
        start(false);
        SipResponse busy = TestMessages.response(invite, 486);
        transaction.sendResponse(busy);

        transaction.onRequest(invite);

        assertThat(context.sent).containsExactly(busy, busy);
    }

    @Test
    void shouldRetransmitFinalWhenTimerGFiresInCompleted() {
        start(false);
        SipResponse busy = TestMessages.response(invite, 486);
        transaction.sendResponse(busy);

        context.loop.advance(T1 - 1);
        assertThat(context.sent).hasSize(1);
        context.loop.advance(1);
        assertThat(context.sent).hasSize(2);
        context.loop.advance(2 * T1 - 1);
        assertThat(context.sent).hasSize(2);
        context.loop.advance(1);
        assertThat(context.sent).hasSize(3);
        context.loop.advance(4 * T1);
        assertThat(context.sent).hasSize(4);
        assertThat(context.lastDelayMs).containsEntry(TimerKind.G, T2);
        context.loop.advance(T2);
        assertThat(context.sent).hasSize(5).allMatch(busy::equals);
        assertThat(context.counted(TransactionCounter.RETRANSMISSIONS_SENT)).isEqualTo(4);
    }

    @Test
    void shouldTimeOutWhenTimerHFiresInCompleted() {
        start(false);
        transaction.sendResponse(TestMessages.response(invite, 486));

        context.loop.advance(SIXTY_FOUR_T1 - 1);
        assertThat(context.timeouts).isZero();
        context.loop.advance(1);

        assertThat(context.timeouts).isEqualTo(1);
        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.loop.pendingTimers()).isZero();
    }

    @Test
    void shouldTerminateWhenTransportErrorInCompleted() {
        start(false);
        transaction.sendResponse(TestMessages.response(invite, 486));

        transaction.onTransportError();

        assertThat(context.transportErrors).isEqualTo(1);
        assertThat(transaction.state()).isEqualTo(TERMINATED);
    }

    @Test
    void shouldConfirmWhenAckInCompleted() {
        start(false);
        transaction.sendResponse(TestMessages.response(invite, 486));

        transaction.onAck(ack);

        assertThat(transaction.state()).isEqualTo(CONFIRMED);
        assertThat(context.isPending(TimerKind.G)).isFalse();
        assertThat(context.isPending(TimerKind.H)).isFalse();
        assertThat(context.lastDelayMs).containsEntry(TimerKind.I, T4);
        assertThat(context.acksToTu).isEmpty();
    }

    @Test
    void shouldTerminateAtOnceWhenAckInCompletedOnReliableTransport() {
        start(true);
        transaction.sendResponse(TestMessages.response(invite, 486));

        transaction.onAck(ack);

        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.loop.pendingTimers()).isZero();
    }

    @Test
    void shouldAbsorbAckAndInviteWhenInConfirmed() {
        start(false);
        transaction.sendResponse(TestMessages.response(invite, 486));
        transaction.onAck(ack);

        transaction.onAck(ack);
        transaction.onRequest(invite);

        assertThat(context.sent).hasSize(1);
        assertThat(context.counted(TransactionCounter.RETRANSMISSIONS_ABSORBED)).isEqualTo(2);
        assertThat(transaction.state()).isEqualTo(CONFIRMED);
    }

    @Test
    void shouldTerminateWhenTimerIFiresInConfirmed() {
        start(false);
        transaction.sendResponse(TestMessages.response(invite, 486));
        transaction.onAck(ack);

        context.loop.advance(T4 - 1);
        assertThat(transaction.state()).isEqualTo(CONFIRMED);
        context.loop.advance(1);

        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.terminations).isEqualTo(1);
    }

    @Test
    void shouldAbsorbInviteRetransmissionWhenInAccepted() {
        start(false);
        transaction.sendResponse(TestMessages.response(invite, 200));

        transaction.onRequest(invite);

        assertThat(context.sent).hasSize(1);
        assertThat(context.counted(TransactionCounter.RETRANSMISSIONS_ABSORBED)).isEqualTo(1);
    }

    @Test
    void shouldSend2xxRetransmissionFromTuWhenInAccepted() {
        start(false);
        SipResponse ok = TestMessages.response(invite, 200);
        transaction.sendResponse(ok);

        assertThat(transaction.sendResponse(ok)).isTrue();

        assertThat(context.sent).containsExactly(ok, ok);
        assertThat(transaction.state()).isEqualTo(ACCEPTED);
    }

    @Test
    void shouldPassAckToTuWhenInAccepted() {
        start(false);
        transaction.sendResponse(TestMessages.response(invite, 200));

        transaction.onAck(ack);

        assertThat(context.acksToTu).containsExactly(ack);
        assertThat(transaction.state()).isEqualTo(ACCEPTED);
    }

    @Test
    void shouldInformTuWhenTransportErrorInAccepted() {
        start(false);
        transaction.sendResponse(TestMessages.response(invite, 200));

        transaction.onTransportError();

        assertThat(context.transportErrors).isEqualTo(1);
        assertThat(transaction.state()).isEqualTo(ACCEPTED);
    }

    @Test
    void shouldTerminateWhenTimerLFiresInAccepted() {
        start(false);
        transaction.sendResponse(TestMessages.response(invite, 200));

        context.loop.advance(SIXTY_FOUR_T1 - 1);
        assertThat(transaction.state()).isEqualTo(ACCEPTED);
        context.loop.advance(1);

        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.terminations).isEqualTo(1);
    }

    @Test
    void shouldCountAndIgnoreWhenEventIllegalInState() {
        start(false);

        transaction.onAck(ack);
        transaction.sendResponse(TestMessages.response(invite, 486));
        assertThat(transaction.sendResponse(TestMessages.response(invite, 200))).isFalse();
        transaction.onTimer(TimerKind.L);
        transaction.onAck(ack);
        transaction.onTransportError();
        context.loop.advance(T4);
        transaction.onRequest(invite);

        assertThat(context.counted(TransactionCounter.ILLEGAL_EVENTS)).isEqualTo(5);
        assertThat(context.sent).hasSize(1);
    }
}
