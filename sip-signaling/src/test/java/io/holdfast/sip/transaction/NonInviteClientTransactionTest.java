package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

import static io.holdfast.sip.transaction.NonInviteClientTransaction.State.COMPLETED;
import static io.holdfast.sip.transaction.NonInviteClientTransaction.State.PROCEEDING;
import static io.holdfast.sip.transaction.NonInviteClientTransaction.State.TERMINATED;
import static io.holdfast.sip.transaction.NonInviteClientTransaction.State.TRYING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NonInviteClientTransactionTest {
    private static final long T1 = 500;
    private static final long T2 = 4000;
    private static final long T4 = 5000;
    private static final long SIXTY_FOUR_T1 = 64 * T1;

    private final RecordingContext context = new RecordingContext();
    private final SipRequest options = TestMessages.request(SipMethod.OPTIONS);
    private NonInviteClientTransaction transaction;

    private void start(boolean reliable) {
        transaction = new NonInviteClientTransaction(options, reliable, TransactionTimers.DEFAULT, context);
        context.attach(transaction::onTimer);
        transaction.start();
    }

    @Test
    void shouldRejectInviteWhenConstructed() {
        SipRequest invite = TestMessages.request(SipMethod.INVITE);

        assertThatThrownBy(() -> new NonInviteClientTransaction(invite, false, TransactionTimers.DEFAULT, context))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSendRequestAndStartTimersWhenStarted() {
        start(false);

        assertThat(transaction.state()).isEqualTo(TRYING);
        assertThat(context.sent).containsExactly(options);
        assertThat(context.lastDelayMs).containsEntry(TimerKind.E, T1).containsEntry(TimerKind.F, SIXTY_FOUR_T1);
    }

    @Test
    void shouldNotStartTimerEWhenReliable() {
        start(true);

        assertThat(context.isPending(TimerKind.E)).isFalse();
        assertThat(context.isPending(TimerKind.F)).isTrue();
    }

    @Test
    void shouldRetransmitWithDoublingIntervalWhenTimerEFiresInTrying() {
        start(false);

        context.loop.advance(T1 - 1);
        assertThat(context.sent).hasSize(1);
        context.loop.advance(1);
        assertThat(context.sent).hasSize(2);
        assertThat(context.lastDelayMs).containsEntry(TimerKind.E, 2 * T1);
        context.loop.advance(2 * T1 - 1);
        assertThat(context.sent).hasSize(2);
        context.loop.advance(1);
        assertThat(context.sent).hasSize(3);
        context.loop.advance(4 * T1);
        assertThat(context.sent).hasSize(4);
        assertThat(context.lastDelayMs).containsEntry(TimerKind.E, T2);
        context.loop.advance(T2 - 1);
        assertThat(context.sent).hasSize(4);
        context.loop.advance(1);
        assertThat(context.sent).hasSize(5).allMatch(options::equals);
        assertThat(context.lastDelayMs).containsEntry(TimerKind.E, T2);
    }

    @Test
    void shouldTimeOutWhenTimerFFiresInTrying() {
        start(false);

        context.loop.advance(SIXTY_FOUR_T1 - 1);
        assertThat(context.timeouts).isZero();
        context.loop.advance(1);

        assertThat(context.timeouts).isEqualTo(1);
        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.loop.pendingTimers()).isZero();
    }

    @Test
    void shouldTerminateWhenTransportErrorInTrying() {
        start(false);

        transaction.onTransportError();

        assertThat(context.transportErrors).isEqualTo(1);
        assertThat(transaction.state()).isEqualTo(TERMINATED);
    }

    @Test
    void shouldEnterProceedingWhen1xxInTrying() {
        start(false);
        SipResponse trying = TestMessages.response(options, 100);

        transaction.onResponse(trying);

        assertThat(transaction.state()).isEqualTo(PROCEEDING);
        assertThat(context.responsesToTu).containsExactly(trying);
    }

    @Test
    void shouldCompleteWhenFinalInTrying() {
        start(false);
        SipResponse ok = TestMessages.response(options, 200);

        transaction.onResponse(ok);

        assertThat(transaction.state()).isEqualTo(COMPLETED);
        assertThat(context.responsesToTu).containsExactly(ok);
        assertThat(context.isPending(TimerKind.E)).isFalse();
        assertThat(context.isPending(TimerKind.F)).isFalse();
        assertThat(context.lastDelayMs).containsEntry(TimerKind.K, T4);
    }

    @Test
    void shouldPassProvisionalWhen1xxInProceeding() {
        start(false);
        transaction.onResponse(TestMessages.response(options, 100));
        SipResponse progress = TestMessages.response(options, 183);

        transaction.onResponse(progress);

        assertThat(transaction.state()).isEqualTo(PROCEEDING);
        assertThat(context.responsesToTu).hasSize(2).last().isEqualTo(progress);
    }

    @Test
    void shouldRetransmitEveryT2WhenTimerEFiresInProceeding() {
        start(false);
        transaction.onResponse(TestMessages.response(options, 100));

        context.loop.advance(T1);
        assertThat(context.sent).hasSize(2);
        assertThat(context.lastDelayMs).containsEntry(TimerKind.E, T2);
        context.loop.advance(T2 - 1);
        assertThat(context.sent).hasSize(2);
        context.loop.advance(1);
        assertThat(context.sent).hasSize(3);
        assertThat(context.lastDelayMs).containsEntry(TimerKind.E, T2);
        assertThat(transaction.state()).isEqualTo(PROCEEDING);
    }

    @Test
    void shouldTimeOutWhenTimerFFiresInProceeding() {
        start(false);
        transaction.onResponse(TestMessages.response(options, 100));

        context.loop.advance(SIXTY_FOUR_T1 - 1);
        assertThat(transaction.state()).isEqualTo(PROCEEDING);
        context.loop.advance(1);

        assertThat(context.timeouts).isEqualTo(1);
        assertThat(transaction.state()).isEqualTo(TERMINATED);
    }

    @Test
    void shouldTerminateWhenTransportErrorInProceeding() {
        start(false);
        transaction.onResponse(TestMessages.response(options, 100));

        transaction.onTransportError();

        assertThat(context.transportErrors).isEqualTo(1);
        assertThat(transaction.state()).isEqualTo(TERMINATED);
    }

    @Test
    void shouldCompleteWhenFinalInProceeding() {
        start(false);
        transaction.onResponse(TestMessages.response(options, 100));
        SipResponse notAllowed = TestMessages.response(options, 405);

        transaction.onResponse(notAllowed);

        assertThat(transaction.state()).isEqualTo(COMPLETED);
        assertThat(context.responsesToTu).hasSize(2).last().isEqualTo(notAllowed);
    }

    @Test
    void shouldAbsorbResponseRetransmissionWhenInCompleted() {
        start(false);
        SipResponse ok = TestMessages.response(options, 200);
        transaction.onResponse(ok);

        transaction.onResponse(ok);

        assertThat(context.responsesToTu).hasSize(1);
        assertThat(context.counted(TransactionCounter.RETRANSMISSIONS_ABSORBED)).isEqualTo(1);
        assertThat(transaction.state()).isEqualTo(COMPLETED);
    }

    @Test
    void shouldTerminateWhenTimerKFiresInCompleted() {
        start(false);
        transaction.onResponse(TestMessages.response(options, 200));

        context.loop.advance(T4 - 1);
        assertThat(transaction.state()).isEqualTo(COMPLETED);
        context.loop.advance(1);

        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.terminations).isEqualTo(1);
    }

    @Test
    void shouldTerminateAtOnceWhenFinalOnReliableTransport() {
        start(true);

        transaction.onResponse(TestMessages.response(options, 200));

        assertThat(transaction.state()).isEqualTo(TERMINATED);
        assertThat(context.loop.pendingTimers()).isZero();
    }

    @Test
    void shouldCountAndIgnoreWhenEventIllegalInState() {
        start(false);
        transaction.onResponse(TestMessages.response(options, 200));

        transaction.onTimer(TimerKind.E);
        transaction.onTransportError();
        context.loop.advance(T4);
        transaction.onResponse(TestMessages.response(options, 200));
        transaction.onTimer(TimerKind.K);

        assertThat(context.counted(TransactionCounter.ILLEGAL_EVENTS)).isEqualTo(4);
        assertThat(context.terminations).isEqualTo(1);
    }
}
