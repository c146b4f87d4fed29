package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

import static io.holdfast.sip.transaction.NonInviteServerTransaction.State.COMPLETED;
import static io.holdfast.sip.transaction.NonInviteServerTransaction.State.PROCEEDING;
import static io.holdfast.sip.transaction.NonInviteServerTransaction.State.TERMINATED;
import static io.holdfast.sip.transaction.NonInviteServerTransaction.State.TRYING;
import static org.assertj.core.api.Assertions.assertThat;

class NonInviteServerTransactionTest {
    private static final long SIXTY_FOUR_T1 = 64 * 500;

    private final RecordingContext context = new RecordingContext();
    private final SipRequest bye = TestMessages.request(SipMethod.BYE);
    private NonInviteServerTransaction transaction;

    private void start(boolean reliable) {
        transaction = new NonInviteServerTransaction(bye, reliable, TransactionTimers.DEFAULT, context);
        context.attach(transaction::onTimer);
        transaction.start();
    }

    @Test
    void shouldEnterTryingWhenStarted() {
        start(false);

        assertThat(transaction.state()).isEqualTo(TRYING);
        assertThat(context.sent).isEmpty();
        assertThat(context.loop.pendingTimers()).isZero();
    }

    @Test
    void shouldAbsorbRequestRetransmissionWhenInTrying() {
        start(false);

        transaction.onRequest(bye);

        assertThat(context.sent).isEmpty();
        assertThat(context.counted(TransactionCounter.RETRANSMISSIONS_ABSORBED)).isEqualTo(1);
        assertThat(transaction.state()).isEqualTo(TRYING);
    }

    @Test
    void shouldEnterProceedingWhen1xxFromTuInTrying() {
        start(false);
        SipResponse trying = TestMessages.response(bye, 100);

        transaction.sendResponse(trying);

        assertThat(transaction.state()).isEqualTo(PROCEEDING);
        assertThat(context.sent).containsExactly(trying);
    }

    @Test
    void shouldCompleteWhenFinalFromTuInTrying() {
        start(false);
        SipResponse ok = TestMessages.response(bye, 200);

        transaction.sendResponse(ok);

        assertThat(transaction.state()).isEqualTo(COMPLETED);
        assertThat(context.sent).containsExactly(ok);
        assertThat(context.lastDelayMs).containsEntry(TimerKind.J, SIXTY_FOUR_T1);
    }

    @Test
    void shouldSendProvisionalWhen1xxFromTuInProceeding() {
        start(false);
        transaction.sendResponse(TestMessages.response(bye, 100));
        SipResponse progress = TestMessages.response(bye, 183);

        transaction.sendResponse(progress);

        assertThat(transaction.state()).isEqualTo(PROCEEDING);
        assertThat(context.sent).hasSize(2).last().isEqualTo(progress);
    }

    @Test
    void shouldResendProvisionalWhenRequestRetransmittedInProceeding() {
        start(false);
        SipResponse trying = TestMessages.response(bye, 100);
        transaction.sendResponse(trying);

        transaction.onRequest(bye);

        assertThat(context.sent).containsExactly(trying, trying);
    }

    @Test
    void shouldCompleteWhenFinalFromTuInProceeding() {
        start(false);
        transaction.sendResponse(TestMessages.response(bye, 100));
        SipResponse ok = TestMessages.response(bye, 200);

        transaction.sendResponse(ok);

        assertThat(transaction.state()).isEqualTo(COMPLETED);
        assertThat(context.sent).hasSize(2).last().isEqualTo(ok);
    }

    @Test
    void shouldTerminateWhenTransportErrorInProceeding() {
        start(false);
        transaction.sendResponse(TestMessages.response(bye, 100));

        transaction.onTransportError();

        assertThat(context.transportErrors).isEqualTo(1);
        assertThat(transaction.state()).isEqualTo(TERMINATED);
    }

    @Test
    void shouldResendFinalWhenRequestRetransmittedInCompleted() {
        start(false);
        SipResponse ok = TestMessages.response(bye, 200);
        transaction.sendResponse(ok);

        transaction.onRequest(bye);

        assertThat(context.sent).containsExactly(ok, ok);
        assertThat(transaction.state()).isEqualTo(COMPLETED);
    }

    @Test
    void shouldTerminateWhenTransportErrorInCompleted() {
        start(false);
        transaction.sendResponse(TestMessages.response(bye, 200));

        transaction.onTransportError();

        assertThat(context.transportErrors).isEqualTo(1);
        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.loop.pendingTimers()).isZero();
    }

    @Test
    void shouldTerminateWhenTimerJFiresInCompleted() {
        start(false);
        transaction.sendResponse(TestMessages.response(bye, 200));

        context.loop.advance(SIXTY_FOUR_T1 - 1);
        assertThat(transaction.state()).isEqualTo(COMPLETED);
        context.loop.advance(1);

        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.terminations).isEqualTo(1);
    }

    @Test
    void shouldTerminateAtOnceWhenFinalOnReliableTransport() {
        start(true);

        transaction.sendResponse(TestMessages.response(bye, 200));

        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.loop.pendingTimers()).isZero();
    }

    @Test
    void shouldCountAndIgnoreWhenEventIllegalInState() {
        start(false);

        transaction.onTransportError();
        transaction.onTimer(TimerKind.J);
        transaction.sendResponse(TestMessages.response(bye, 200));
        assertThat(transaction.sendResponse(TestMessages.response(bye, 500))).isFalse();
        transaction.onTimer(TimerKind.E);
        context.loop.advance(SIXTY_FOUR_T1);
        transaction.onRequest(bye);

        assertThat(context.counted(TransactionCounter.ILLEGAL_EVENTS)).isEqualTo(5);
        assertThat(context.sent).hasSize(1);
    }
}
