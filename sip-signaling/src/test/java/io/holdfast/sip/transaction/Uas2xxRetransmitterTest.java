package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Uas2xxRetransmitterTest {
    private static final long T1 = 500;
    private static final long T2 = 4000;

    private final FakeLoop loop = new FakeLoop();
    private final List<Long> retransmittedAtMs = new ArrayList<>();
    private int timeouts;
    private final SipResponse ok = TestMessages.response(TestMessages.request(SipMethod.INVITE), 200);
    private final Uas2xxRetransmitter retransmitter = new Uas2xxRetransmitter(ok, TransactionTimers.DEFAULT, loop,
            new Uas2xxRetransmitter.Context() {
                @Override
                public void retransmit(SipResponse response) {
                    retransmittedAtMs.add(loop.nowMs());
                }

                @Override
                public void ackTimedOut() {
                    timeouts++;
                }
            });

    @Test
    void shouldRetransmitAtT1DoublingToT2WhenNoAck() {
        retransmitter.start();

        loop.advance(T1 - 1);
        assertThat(retransmittedAtMs).isEmpty();
        loop.advance(1);
        assertThat(retransmittedAtMs).containsExactly(T1);
        loop.advance(3 * T1 + 4 * T1 + T2 + T2);

        assertThat(retransmittedAtMs).containsExactly(T1, 3 * T1, 7 * T1, 7 * T1 + T2, 7 * T1 + 2 * T2);
        assertThat(retransmitter.state()).isEqualTo(Uas2xxRetransmitter.State.RETRANSMITTING);
    }

    @Test
    void shouldStopWhenAckArrives() {
        retransmitter.start();
        loop.advance(T1);

        retransmitter.onAck();
        loop.advance(64 * T1);

        assertThat(retransmittedAtMs).hasSize(1);
        assertThat(timeouts).isZero();
        assertThat(retransmitter.state()).isEqualTo(Uas2xxRetransmitter.State.ACKNOWLEDGED);
        assertThat(loop.pendingTimers()).isZero();
    }

    @Test
    void shouldReportTimeoutWhenNoAckWithin64T1() {
        retransmitter.start();

        loop.advance(64 * T1 - 1);
        assertThat(timeouts).isZero();
        loop.advance(1);

        assertThat(timeouts).isEqualTo(1);
        assertThat(retransmitter.state()).isEqualTo(Uas2xxRetransmitter.State.TIMED_OUT);
        int sent = retransmittedAtMs.size();
        loop.advance(64 * T1);
        assertThat(retransmittedAtMs).hasSize(sent);
        retransmitter.onAck();
        assertThat(retransmitter.state()).isEqualTo(Uas2xxRetransmitter.State.TIMED_OUT);
    }

    @Test
    void shouldKeyOnCallIdCSeqAndTagsWhenMatchingAck() {
        Uas2xxRetransmitter.AckKey key = retransmitter.ackKey();

        assertThat(key).isEqualTo(new Uas2xxRetransmitter.AckKey(ok.callId(), 1, "fromtag", "totag"));
    }
}
