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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A UAC stack and the test UA over TCP on loopback, on epoll and on NIO. */
@Timeout(60)
class SipStackTcpIT {
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

    private SipRequest request(SipMethod method) {
        return SipRequest.builder(method, SipUri.sip("uas", "127.0.0.1", server.localAddress(Transport.TCP).getPort()))
                .from(NameAddr.of(SipUri.sip("uac", "127.0.0.1", SipUri.NO_PORT)).withTag(DialogId.newTag()))
                .to(NameAddr.of(SipUri.sip("uas", "127.0.0.1", SipUri.NO_PORT)))
                .callId(DialogId.newCallId("127.0.0.1"))
                .cseq(CSeq.of(1, method))
                .addContact(NameAddr.of(client.localUri(Transport.TCP)))
                .build();
    }

    @ParameterizedTest
    @EnumSource(value = IoMode.class, names = {"EPOLL", "NIO"})
    void shouldReuseOneConnectionWhenSendingSeveralRequests(IoMode mode) throws Exception {
        start(mode);
        InetSocketAddress uas = server.localAddress(Transport.TCP);
        SipRequest first = request(SipMethod.OPTIONS);
        SipRequest second = first.toBuilder().cseq(CSeq.of(2, SipMethod.OPTIONS)).build();
        ResponseQueue firstResponses = new ResponseQueue();
        ResponseQueue secondResponses = new ResponseQueue();

        client.sendRequest(first, uas, Transport.TCP, firstResponses);
        assertThat(firstResponses.next(200, WAIT).statusCode()).isEqualTo(200);
        client.sendRequest(second, uas, Transport.TCP, secondResponses);
        assertThat(secondResponses.next(200, WAIT).topVia().transport()).isEqualTo("TCP");

        assertThat(client.counter(TransportCounter.TCP_CONNECTIONS_OPENED)).isEqualTo(1);
        assertThat(server.counter(TransportCounter.TCP_CONNECTIONS_ACCEPTED)).isEqualTo(1);
        assertThat(client.counter(TransactionCounter.RETRANSMISSIONS_SENT)).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = IoMode.class, names = {"EPOLL", "NIO"})
    void shouldCompleteCallWhenInviteAckByeOverTcp(IoMode mode) throws Exception {
        start(mode);
        InetSocketAddress uas = server.localAddress(Transport.TCP);
        ResponseQueue inviteResponses = new ResponseQueue();

        ClientTransaction transaction = client.sendRequest(request(SipMethod.INVITE), uas, Transport.TCP,
                inviteResponses);
        SipResponse ok = inviteResponses.next(200, WAIT);
        Dialog dialog = Dialog.asUac(transaction.request(), ok);
        client.sendAck(dialog.createAck(transaction.request()).build(), uas, Transport.TCP);
        Deadline.await("ACK at the UAS", WAIT, () -> agent.acks.get() == 1);
        ResponseQueue byeResponses = new ResponseQueue();
        client.sendRequest(dialog.createRequest(SipMethod.BYE).build(), uas, Transport.TCP, byeResponses);

        assertThat(byeResponses.next(200, WAIT).statusCode()).isEqualTo(200);
        Deadline.await("the call to end", WAIT, () -> agent.callsCompleted.get() == 1);
        assertThat(server.errorCount()).isZero();
        assertThat(client.errorCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = IoMode.class, names = {"EPOLL", "NIO"})
    void shouldReportTransportErrorWhenConnectionRefused(IoMode mode) throws Exception {
        start(mode);
        InetSocketAddress closed;
        try (ServerSocket reserved = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = (InetSocketAddress) reserved.getLocalSocketAddress();
        }
        ResponseQueue responses = new ResponseQueue();

        client.sendRequest(request(SipMethod.OPTIONS), closed, Transport.TCP, responses);

        Deadline.await("the transport error", WAIT, () -> responses.transportErrors.get() == 1);
        assertThat(client.counter(TransportCounter.TCP_CONNECT_FAILURES)).isEqualTo(1);
        assertThat(responses.timeouts.get()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = IoMode.class, names = {"EPOLL", "NIO"})
    void shouldAnswer400OnSameConnectionWhenRequestMalformed(IoMode mode) throws Exception {
        start(mode);
        String malformed = "OPTIONS sip:uas@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-bad2\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\n"
                + "To: <sip:uas@127.0.0.1>\r\n"
                + "Call-ID: bad-2\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: seventy\r\n"
                + "Content-Length: 0\r\n\r\n";

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.localAddress(Transport.TCP).getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(malformed.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = readMessage(socket.getInputStream());

            SipResponse response = (SipResponse) new SipParser().parse(reply, 0, reply.length, SipParser.Framing.STREAM);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.callId()).isEqualTo("bad-2");
        }
        assertThat(server.counter(SipCounter.SIP_BAD_REQUEST_SENT)).isEqualTo(1);
    }

    /** Reads one message with an empty body (up to the blank line) from a stream. */
    private static byte[] readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed after " + bytes);
            }
            bytes.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return bytes.toByteArray();
    }
}
