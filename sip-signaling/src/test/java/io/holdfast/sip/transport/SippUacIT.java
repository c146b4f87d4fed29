package io.holdfast.sip.transport;

import io.holdfast.sip.transaction.TransactionCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIPp as the caller against the test UA on holdfast's stack: the built-in {@code uac} scenario (INVITE,
 * ACK, BYE) for 200 calls over UDP and TCP, the same with 10% of the messages lost, and custom scenarios
 * that hold back the ACK so that only our retransmission timers can complete the calls.
 */
@Timeout(120)
class SippUacIT {
    private static final int CALLS = 200;
    private static final Duration SIPP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private SipStack stack;
    private TestUserAgent agent;

    private void start(IoMode mode) throws InterruptedException {
        SipConfig config = SipConfig.listeningOn(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withEventLoops(2).withIoMode(mode);
        agent = new TestUserAgent(transport -> stack.localUri(transport));
        stack = SipStack.start(config, agent);
    }

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private String target(Transport transport) {
        return "127.0.0.1:" + stack.localAddress(transport).getPort();
    }

    private static String scenario(String file) throws URISyntaxException {
        Path path = Paths.get(SippUacIT.class.getResource("/sipp/" + file).toURI());
        return path.toString();
    }

    private static List<String> args(String... values) {
        return new ArrayList<>(List.of(values));
    }

    @ParameterizedTest
    @EnumSource(value = IoMode.class, names = {"EPOLL", "NIO"})
    void shouldCompleteAllCallsWhenSippUacOverUdp(IoMode mode) throws Exception {
        start(mode);
        Sipp.executable();

        Sipp.Result result = Sipp.run("uac-udp-" + mode, args("-sn", "uac", "-t", "u1", "-m", Integer.toString(CALLS),
                "-r", "50", "-recv_timeout", "10000", target(Transport.UDP)), SIPP_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.successfulCalls()).as(result.describe()).isEqualTo(CALLS);
        assertThat(result.failedCalls()).as(result.describe()).isZero();
        Deadline.await("every BYE at the UA", WAIT, () -> agent.callsCompleted.get() == CALLS);
        assertThat(agent.acks.get()).isEqualTo(CALLS);
        assertThat(agent.openDialogs()).isZero();
        assertThat(stack.counter(TransportCounter.REQUESTS_HANDED_TO_OWNER_LOOP)).isPositive();
        assertThat(stack.errorCount()).isZero();
    }

    @Test
    void shouldCompleteAllCallsWhenSippUacOverTcp() throws Exception {
        start(IoMode.AUTO);
        Sipp.executable();

        Sipp.Result result = Sipp.run("uac-tcp", args("-sn", "uac", "-t", "t1", "-m", Integer.toString(CALLS),
                "-r", "50", "-recv_timeout", "10000", target(Transport.TCP)), SIPP_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.successfulCalls()).as(result.describe()).isEqualTo(CALLS);
        assertThat(result.failedCalls()).as(result.describe()).isZero();
        Deadline.await("every BYE at the UA", WAIT, () -> agent.callsCompleted.get() == CALLS);
        assertThat(stack.counter(TransportCounter.TCP_CONNECTIONS_ACCEPTED)).isEqualTo(1);
        assertThat(stack.errorCount()).isZero();
    }

    @Test
    void shouldCompleteAllCallsWhenSippUacOpensOneTcpConnectionPerCall() throws Exception {
        start(IoMode.AUTO);
        Sipp.executable();
        int calls = 50;

        Sipp.Result result = Sipp.run("uac-tcp-per-call", args("-sn", "uac", "-t", "tn", "-max_socket", "1000",
                "-m", Integer.toString(calls), "-r", "50", "-recv_timeout", "10000", target(Transport.TCP)), SIPP_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.successfulCalls()).as(result.describe()).isEqualTo(calls);
        assertThat(stack.counter(TransportCounter.TCP_CONNECTIONS_ACCEPTED)).isEqualTo(calls);
        assertThat(stack.errorCount()).isZero();
    }

    @Test
    void shouldRetransmit2xxUntilAckWhenSippHoldsBackAckOverUdp() throws Exception {
        start(IoMode.AUTO);
        Sipp.executable();
        int calls = 50;

        Sipp.Result result = Sipp.run("uac-delayed-ack-udp", args("-sf", scenario("uac_delayed_ack.xml"),
                "-t", "u1", "-m", Integer.toString(calls), "-r", "50", "-recv_timeout", "10000",
                target(Transport.UDP)), SIPP_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.successfulCalls()).as(result.describe()).isEqualTo(calls);
        assertThat(result.count("3_200_Retrans")).as(result.describe()).isGreaterThanOrEqualTo(calls);
        assertRetransmittedUntilAcked(calls);
    }

    @Test
    void shouldRetransmit2xxUntilAckWhenSippHoldsBackAckOverTcp() throws Exception {
        start(IoMode.AUTO);
        Sipp.executable();
        int calls = 50;

        Sipp.Result result = Sipp.run("uac-delayed-ack-tcp", args("-sf", scenario("uac_delayed_ack_tcp.xml"),
                "-t", "t1", "-m", Integer.toString(calls), "-r", "50", "-recv_timeout", "10000",
                target(Transport.TCP)), SIPP_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.successfulCalls()).as(result.describe()).isEqualTo(calls);
        assertThat(result.count("4_200_Recv")).as(result.describe()).isEqualTo(calls);
        assertRetransmittedUntilAcked(calls);
    }

    private void assertRetransmittedUntilAcked(int calls) {
        assertThat(stack.counter(TransactionCounter.UAS_2XX_RETRANSMISSIONS)).isGreaterThanOrEqualTo(calls);
        assertThat(stack.counter(TransactionCounter.UAS_2XX_ACK_TIMEOUTS)).isZero();
        Deadline.await("every BYE at the UA", WAIT, () -> agent.callsCompleted.get() == calls);
        assertThat(agent.acks.get()).isEqualTo(calls);
        assertThat(stack.errorCount()).isZero();
    }

    @Test
    void shouldCompleteCallsWhenSippLosesTenPercentOfMessages() throws Exception {
        start(IoMode.AUTO);
        Sipp.executable();
        int calls = 100;

        Sipp.Result result = Sipp.run("uac-lost", args("-sn", "uac", "-t", "u1", "-lost", "10", "-m",
                Integer.toString(calls), "-r", "50", "-recv_timeout", "20000", target(Transport.UDP)), SIPP_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.successfulCalls()).as(result.describe()).isEqualTo(calls);
        long lostToOrFromUs = result.count("4_200_Lost") + result.count("5_ACK_Lost") + result.count("8_200_Lost");
        assertThat(lostToOrFromUs).as(result.describe()).isPositive();
        assertThat(stack.counter(TransactionCounter.UAS_2XX_RETRANSMISSIONS)
                + stack.counter(TransactionCounter.RETRANSMISSIONS_ABSORBED)).as(result.describe()).isPositive();
        assertThat(stack.errorCount()).isZero();
    }

    @Test
    void shouldRetransmitFinalResponseOnTimerGWhenSippHoldsBackAckFor486() throws Exception {
        start(IoMode.AUTO);
        Sipp.executable();
        int calls = 50;

        Sipp.Result result = Sipp.run("uac-busy-delayed-ack", args("-sf", scenario("uac_busy_delayed_ack.xml"),
                "-t", "u1", "-m", Integer.toString(calls), "-r", "50", "-recv_timeout", "10000",
                target(Transport.UDP)), SIPP_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.successfulCalls()).as(result.describe()).isEqualTo(calls);
        assertThat(result.count("2_486_Retrans")).as(result.describe()).isGreaterThanOrEqualTo(calls);
        assertThat(stack.counter(TransactionCounter.RETRANSMISSIONS_SENT)).isGreaterThanOrEqualTo(calls);
        Deadline.await("every ACK absorbed by its transaction", WAIT,
                () -> stack.counter(TransactionCounter.TRANSACTION_TIMEOUTS) == 0 && agent.busy.get() == calls);
        assertThat(agent.acks.get()).isZero();
        assertThat(stack.errorCount()).isZero();
    }
}
