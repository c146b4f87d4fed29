package io.holdfast.sip.transport;

import io.holdfast.sip.codec.SipCounter;
import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.dialog.DialogId;
import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.parse.SipParser;
import io.holdfast.sip.transaction.ClientTransaction;
import io.holdfast.sip.transaction.TransactionCounter;
import io.holdfast.sip.transaction.TransactionTimers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A UAC stack and a UAS stack (the test UA) over UDP on loopback, on epoll and on NIO. */
@Timeout(60)
class SipStackUdpIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private SipStack server;
    private SipStack client;
    private TestUserAgent agent;

    private void start(IoMode mode) throws InterruptedException {
        SipConfig config = SipConfig.listeningOn(ANY_LOOPBACK).withEventLoops(2).withIoMode(mode);
        agent = new TestUserAgent(transport -> server.localUri(transport));
        server = SipStack.start(config, agent);
        client = SipStack.start(config, new TestUserAgent(transport -> client.localUri(transport)));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private SipRequest request(SipMethod method, String callId) {
        return SipRequest.builder(method, SipUri.sip("uas", "127.0.0.1", server.localAddress(Transport.UDP).getPort()))
                .from(NameAddr.of(SipUri.sip("uac", "127.0.0.1", SipUri.NO_PORT)).withTag(DialogId.newTag()))
                .to(NameAddr.of(SipUri.sip("uas", "127.0.0.1", SipUri.NO_PORT)))
                .callId(callId)
                .cseq(CSeq.of(1, method))
                .addContact(NameAddr.of(client.localUri(Transport.UDP)))
                .build();
    }

    @ParameterizedTest
    @EnumSource(value = IoMode.class, names = {"EPOLL", "NIO"})
    void shouldAnswerOptionsWhenSentOverUdp(IoMode mode) throws Exception {
        start(mode);
        ResponseQueue responses = new ResponseQueue();

        client.sendRequest(request(SipMethod.OPTIONS, DialogId.newCallId(null)), server.localAddress(Transport.UDP),
                Transport.UDP, responses);

        SipResponse ok = responses.next(200, WAIT);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.allow()).contains("INVITE", "BYE");
        assertThat(ok.topVia().received()).isEqualTo("127.0.0.1");
        assertThat(ok.topVia().rport()).isEqualTo(client.localAddress(Transport.UDP).getPort());
        assertThat(agent.options.get()).isEqualTo(1);
        assertThat(server.udp().socketCount()).isEqualTo(mode == IoMode.EPOLL ? 2 : 1);
    }

    @ParameterizedTest
    @EnumSource(value = IoMode.class, names = {"EPOLL", "NIO"})
    void shouldCompleteCallWhenInviteAckByeOverUdp(IoMode mode) throws Exception {
        start(mode);
        InetSocketAddress uas = server.localAddress(Transport.UDP);
        ResponseQueue inviteResponses = new ResponseQueue();
        SipRequest invite = request(SipMethod.INVITE, DialogId.newCallId("127.0.0.1"));

        ClientTransaction transaction = client.sendRequest(invite, uas, Transport.UDP, inviteResponses);
        SipResponse ringing = inviteResponses.next(180, WAIT);
        SipResponse ok = inviteResponses.next(200, WAIT);
        Dialog dialog = Dialog.asUac(transaction.request(), ok);
        client.sendAck(dialog.createAck(transaction.request()).build(), uas, Transport.UDP);
        Deadline.await("ACK at the UAS", WAIT, () -> agent.acks.get() == 1);
        ResponseQueue byeResponses = new ResponseQueue();
        client.sendRequest(dialog.createRequest(SipMethod.BYE).build(), uas, Transport.UDP, byeResponses);

        assertThat(ringing.statusCode()).isEqualTo(180);
        assertThat(ok.bodyAsString()).contains("m=audio");
        assertThat(byeResponses.next(200, WAIT).cseq().method()).isEqualTo(SipMethod.BYE);
        Deadline.await("the call to end", WAIT, () -> agent.callsCompleted.get() == 1);
        assertThat(agent.openDialogs()).isZero();
        assertThat(server.counter(TransactionCounter.UAS_2XX_ACK_TIMEOUTS)).isZero();
        assertThat(server.errorCount()).isZero();
        assertThat(client.errorCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = IoMode.class, names = {"EPOLL", "NIO"})
    void shouldAnswer400WhenRequestMalformed(IoMode mode) throws Exception {
        start(mode);
        String malformed = "OPTIONS sip:uas@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-bad1;rport\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\n"
                + "To: <sip:uas@127.0.0.1>\r\n"
                + "Call-ID: bad-1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: seventy\r\n"
                + "Content-Length: 0\r\n\r\n";

        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout((int) WAIT.toMillis());
            byte[] bytes = malformed.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, server.localAddress(Transport.UDP)));
            byte[] buffer = new byte[4096];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);

            SipResponse response = (SipResponse) new SipParser().parse(buffer, 0, reply.getLength(),
                    SipParser.Framing.DATAGRAM);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.topVia().rport()).isEqualTo(socket.getLocalPort());
            assertThat(response.topVia().received()).isEqualTo("127.0.0.1");
            assertThat(response.callId()).isEqualTo("bad-1");
            assertThat(response.to().tag()).isNotNull();
        }
        assertThat(server.counter(SipCounter.SIP_BAD_REQUEST_SENT)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = IoMode.class, names = {"EPOLL", "NIO"})
    void shouldAnswer400AndNotDeliverWhenInviteSdpIsMalformed(IoMode mode) throws Exception {
        start(mode);
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP5 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\n";
        String invite = "INVITE sip:uas@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-badsdp1;rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\n"
                + "To: <sip:uas@127.0.0.1>\r\n"
                + "Call-ID: bad-sdp-1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:a@127.0.0.1:9>\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;

        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout((int) WAIT.toMillis());
            byte[] bytes = invite.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, server.localAddress(Transport.UDP)));
            byte[] buffer = new byte[4096];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);

            SipResponse response = (SipResponse) new SipParser().parse(buffer, 0, reply.getLength(),
                    SipParser.Framing.DATAGRAM);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.reasonPhrase()).isEqualTo("Bad Request - Malformed SDP");
            assertThat(response.topVia().rport()).isEqualTo(socket.getLocalPort());
            assertThat(response.callId()).isEqualTo("bad-sdp-1");
            assertThat(response.to().tag()).isNotNull();
        }
        assertThat(server.counter(SipCounter.SIP_DROPPED_BAD_BODY)).isEqualTo(1);
        assertThat(agent.invites.get()).isZero();
        assertThat(server.errorCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = IoMode.class, names = {"EPOLL", "NIO"})
    void shouldDropWhenDatagramIsGarbage(IoMode mode) throws Exception {
        start(mode);

        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            byte[] garbage = "\u0001\u0002 not sip at all".getBytes(StandardCharsets.ISO_8859_1);
            socket.send(new DatagramPacket(garbage, garbage.length, server.localAddress(Transport.UDP)));
            byte[] keepAlive = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(keepAlive, keepAlive.length, server.localAddress(Transport.UDP)));
        }

        Deadline.await("the garbage to be counted", WAIT,
                () -> server.counter(SipCounter.SIP_DROPPED_MALFORMED) == 1
                        && server.counter(SipCounter.SIP_DATAGRAM_KEEPALIVES_RECEIVED) == 1);
        assertThat(server.counter(SipCounter.SIP_BAD_REQUEST_SENT)).isZero();
        assertThat(server.errorCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = IoMode.class, names = {"EPOLL", "NIO"})
    void shouldTimeOutWhenNobodyAnswers(IoMode mode) throws Exception {
        start(mode);
        SipConfig fast = SipConfig.listeningOn(ANY_LOOPBACK).withEventLoops(1).withIoMode(mode)
                .withTimers(new TransactionTimers(Duration.ofMillis(20),
                        Duration.ofMillis(80), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(200)));
        ResponseQueue responses = new ResponseQueue();
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SipStack fastClient = SipStack.start(fast, new TestUserAgent(t -> null))) {
            fastClient.sendRequest(request(SipMethod.OPTIONS, DialogId.newCallId(null)),
                    (InetSocketAddress) silent.getLocalSocketAddress(), Transport.UDP, responses);

            Deadline.await("Timer F", WAIT, () -> responses.timeouts.get() == 1);
            assertThat(fastClient.counter(TransactionCounter.RETRANSMISSIONS_SENT)).isGreaterThanOrEqualTo(5);
        }
    }
}
