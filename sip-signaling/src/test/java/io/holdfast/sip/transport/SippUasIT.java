package io.holdfast.sip.transport;

import io.holdfast.sip.transaction.TransactionCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIPp as the callee of holdfast's stack: a UAS scenario that lets each INVITE wait 1.2 s before answering,
 * so that only our INVITE client transaction's Timer A (T1 = 500 ms) retransmission can show up in SIPp's
 * counts; the calls then complete with our ACK and BYE.
 */
@Timeout(90)
class SippUasIT {
    private static final int CALLS = 20;
    private static final Duration SIPP_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private SipStack stack;
    private Sipp.Running sipp;

    @AfterEach
    void stop() throws InterruptedException {
        if (sipp != null) {
            sipp.kill();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IoMode.class, names = {"EPOLL", "NIO"})
    void shouldRetransmitInviteOnTimerAWhenSippAnswersLate(IoMode mode) throws Exception {
        SipConfig config = SipConfig.listeningOn(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withEventLoops(2).withIoMode(mode);
        stack = SipStack.start(config, new TestUserAgent(transport -> stack.localUri(transport)));
        int port = Sipp.freeUdpPort();
        String scenario = Paths.get(SippUasIT.class.getResource("/sipp/uas_delayed_answer.xml").toURI()).toString();
        sipp = Sipp.start("uas-delayed-answer-" + mode, port, List.of("-sf", scenario, "-t", "u1", "-m",
                Integer.toString(CALLS)), SIPP_TIMEOUT);
        awaitListening(port);
        TestCaller caller = new TestCaller(stack, new InetSocketAddress("127.0.0.1", port), Transport.UDP);

        for (int i = 0; i < CALLS; i++) {
            caller.call("sipp");
        }

        Deadline.await("every call hung up", WAIT, () -> caller.completed.get() + caller.failed.get() == CALLS);
        Sipp.Result result = sipp.await();
        assertThat(caller.completed.get()).as(result.describe()).isEqualTo(CALLS);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.successfulCalls()).as(result.describe()).isEqualTo(CALLS);
        assertThat(result.count("0_INVITE_Retrans")).as(result.describe()).isGreaterThanOrEqualTo(CALLS);
        assertThat(stack.counter(TransactionCounter.RETRANSMISSIONS_SENT)).isGreaterThanOrEqualTo(CALLS);
        assertThat(stack.errorCount()).isZero();
    }

    /** Waits until SIPp holds its UDP port (binding it ourselves fails then). */
    private static void awaitListening(int port) {
        Deadline.await("sipp to bind port " + port, Duration.ofSeconds(10), () -> {
            DatagramSocket probe = null;
            try {
                probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return false;
            } catch (SocketException bound) {
                return true;
            } finally {
                if (probe != null) {
                    probe.close();
                }
            }
        });
    }
}
