package io.holdfast.relay.call;

import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.dialog.DialogId;
import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.Reason;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.sdp.SessionDescription;
import io.holdfast.sip.transaction.ClientTransaction;
import io.holdfast.sip.transaction.ClientTransactionListener;
import io.holdfast.sip.transaction.RequestHandler;
import io.holdfast.sip.transaction.ServerTransaction;
import io.holdfast.sip.transaction.ServerTransactionFailure;
import io.holdfast.sip.transaction.SipFlow;
import io.holdfast.sip.transport.SipConfig;
import io.holdfast.sip.transport.SipStack;
import io.holdfast.sip.transport.Transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A SIP phone for the integration tests, on holdfast's own stack (one loop) with a plain
 * {@link DatagramSocket} for RTP: as a caller it places one call (INVITE with an SDP offer for its RTP
 * socket), ACKs the 2xx, hangs up or cancels; as a region it answers INVITEs as told ({@link Answer}),
 * answers BYE, and can hang up. Everything it receives is queued for the test thread. SIP work runs on the
 * phone's loop; the test thread hops there with {@link #onLoop}.
 */
public final class TestPhone implements RequestHandler, AutoCloseable {
    /** What the phone does with an INVITE. */
    public enum Answer {
        /** 180 Ringing, then 200 OK with an SDP answer. */
        ANSWER,
        /** 503 Service Unavailable. */
        REFUSE_503,
        /** 180 Ringing and nothing else: the call rings until cancelled. */
        RING,
        /** Nothing (the transaction sends 100 Trying after 200 ms). */
        SILENT
    }

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration WAIT = Duration.ofSeconds(10);

    public final BlockingQueue<SipRequest> requests = new LinkedBlockingQueue<>();
    public final BlockingQueue<SipResponse> responses = new LinkedBlockingQueue<>();
    public final BlockingQueue<SipRequest> cancels = new LinkedBlockingQueue<>();
    private final String name;
    private final SipStack stack;
    private final DatagramSocket rtp;
    private volatile Answer answer = Answer.ANSWER;
    private Dialog dialog;
    private ClientTransaction invite;
    private SipRequest ack;
    private InetSocketAddress peer;
    private volatile Transport transport = Transport.UDP;

    private TestPhone(String name) throws InterruptedException, IOException {
        this.name = name;
        this.rtp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        this.rtp.setSoTimeout(100);
        this.stack = SipStack.start(SipConfig.listeningOn(new InetSocketAddress(LOOPBACK, 0)).withEventLoops(1), this);
    }

    public static TestPhone start(String name) throws InterruptedException, IOException {
        return new TestPhone(name);
    }

    public void answer(Answer mode) {
        this.answer = mode;
    }

    public InetSocketAddress sipAddress() {
        return stack.localAddress(Transport.UDP);
    }

    public int rtpPort() {
        return rtp.getLocalPort();
    }

    private String sdp() {
        return "v=0\r\no=" + name + " 1 1 IN IP4 127.0.0.1\r\ns=" + name + "\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + rtpPort() + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
    }

    /** Runs {@code work} on the phone's loop and waits for it. */
    <T> T onLoop(Callable<T> work) throws Exception {
        return stack.eventLoop(0).submit(work).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    // ---- caller side ----

    /** Calls {@code user} at {@code holdfast} over UDP. */
    public void call(InetSocketAddress holdfast, String user) throws Exception {
        call(holdfast, user, Transport.UDP);
    }

    /** Calls {@code user} at {@code holdfast} over {@code over}; the whole dialog then uses it. */
    public void call(InetSocketAddress holdfast, String user, Transport over) throws Exception {
        peer = holdfast;
        transport = over;
        onLoop(() -> {
            SipRequest request = SipRequest.builder(SipMethod.INVITE, SipUri.sip(user, "127.0.0.1", holdfast.getPort()))
                    .from(new NameAddr("Caller", SipUri.sip("+15551234567", "127.0.0.1", SipUri.NO_PORT),
                            SipParameters.EMPTY).withTag(DialogId.newTag()))
                    .to(NameAddr.of(SipUri.sip(user, "127.0.0.1", SipUri.NO_PORT)))
                    .callId(DialogId.newCallId("127.0.0.1"))
                    .cseq(CSeq.of(1, SipMethod.INVITE))
                    .addContact(NameAddr.of(stack.localUri(transport)))
                    .addHeader("P-Asserted-Identity", "<sip:+15551234567@127.0.0.1>")
                    .addHeader("X-Caller-Private", "do-not-pass")
                    .body("application/sdp", sdp().getBytes(StandardCharsets.US_ASCII))
                    .build();
            invite = stack.sendRequest(request, holdfast, transport, new Caller());
            return null;
        });
    }

    /** The INVITE as sent. */
    public SipRequest sentInvite() throws Exception {
        return onLoop(() -> invite.request());
    }

    public void cancel() throws Exception {
        onLoop(() -> {
            invite.cancel();
            return null;
        });
    }

    /** Sends OPTIONS outside any dialog to {@code target}. */
    public void options(InetSocketAddress target) throws Exception {
        onLoop(() -> {
            SipRequest options = SipRequest.builder(SipMethod.OPTIONS, SipUri.sip(null, "127.0.0.1", target.getPort()))
                    .from(NameAddr.of(SipUri.sip("probe", "127.0.0.1", SipUri.NO_PORT)).withTag(DialogId.newTag()))
                    .to(NameAddr.of(SipUri.sip(null, "127.0.0.1", target.getPort())))
                    .callId(DialogId.newCallId("127.0.0.1"))
                    .cseq(CSeq.of(1, SipMethod.OPTIONS))
                    .build();
            stack.sendRequest(options, target, Transport.UDP, new Caller());
            return null;
        });
    }

    /** Sends a re-INVITE in the dialog (either side) offering {@code direction}; its 2xx is ACKed. */
    public void reinvite(String direction) throws Exception {
        onLoop(() -> {
            SipRequest reinvite = dialog.createRequest(SipMethod.INVITE)
                    .body("application/sdp", sdp().replace("a=sendrecv", "a=" + direction)
                            .replace(" 1 1 IN", " 1 2 IN").getBytes(StandardCharsets.US_ASCII))
                    .build();
            stack.sendRequest(reinvite, peer, transport, new Reinvite());
            return null;
        });
    }

    /** Ends the call with BYE in its dialog (either side), with a Reason when given. */
    public void bye(Reason reason) throws Exception {
        onLoop(() -> {
            SipRequest.Builder bye = dialog.createRequest(SipMethod.BYE);
            if (reason != null) {
                bye.addReason(reason);
            }
            stack.sendRequest(bye.build(), peer, transport, new Caller());
            dialog.terminate();
            return null;
        });
    }

    /** The final or provisional response of a status, waiting for it. */
    public SipResponse awaitResponse(int status) throws InterruptedException {
        long deadlineNs = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() - deadlineNs < 0) {
            SipResponse response = responses.poll(50, TimeUnit.MILLISECONDS);
            if (response != null && response.statusCode() == status) {
                return response;
            }
        }
        throw new AssertionError(name + ": no " + status + " response within " + WAIT);
    }

    /** The next request of a method, waiting for it. */
    public SipRequest awaitRequest(SipMethod method) throws InterruptedException {
        long deadlineNs = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() - deadlineNs < 0) {
            SipRequest request = requests.poll(50, TimeUnit.MILLISECONDS);
            if (request != null && request.method() == method) {
                return request;
            }
        }
        throw new AssertionError(name + ": no " + method + " within " + WAIT);
    }

    // ---- media ----

    /** Sends one RTP packet (PCMU, 160 bytes of {@code fill}) to {@code to}. */
    void sendRtp(InetSocketAddress to, int sequence, byte fill) throws IOException {
        byte[] packet = new byte[12 + 160];
        packet[0] = (byte) 0x80;
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        int timestamp = sequence * 160;
        packet[4] = (byte) (timestamp >> 24);
        packet[5] = (byte) (timestamp >> 16);
        packet[6] = (byte) (timestamp >> 8);
        packet[7] = (byte) timestamp;
        packet[8] = 0x12;
        packet[11] = (byte) name.hashCode();
        Arrays.fill(packet, 12, packet.length, fill);
        rtp.send(new DatagramPacket(packet, packet.length, to));
    }

    /**
     * Sends RTP from this phone to {@code to} every 20 ms until {@code receiver} gets a packet, at most a few
     * seconds (the first packets may come before the anchored port latched).
     *
     * @return the packet {@code receiver} got
     */
    public DatagramPacket sendUntilReceived(InetSocketAddress to, byte fill, TestPhone receiver) throws IOException {
        byte[] buffer = new byte[2048];
        DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        long deadlineNs = System.nanoTime() + WAIT.toNanos();
        int sequence = 1;
        receiver.rtp.setSoTimeout(20);
        try {
            while (System.nanoTime() - deadlineNs < 0) {
                sendRtp(to, sequence++, fill);
                try {
                    receiver.rtp.receive(received);
                    return received;
                } catch (SocketTimeoutException nothingYet) {
                    continue;
                }
            }
        } finally {
            receiver.rtp.setSoTimeout(100);
        }
        throw new AssertionError(receiver.name + ": no RTP from " + name + " within " + WAIT);
    }

    // ---- region side ----

    @Override
    public void onRequest(ServerTransaction transaction) {
        SipRequest request = transaction.request();
        requests.add(request);
        if (request.method() == SipMethod.INVITE && request.to().tag() == null) {
            peer = new InetSocketAddress(LOOPBACK, request.contacts().get(0).uri().port());
            answerInvite(transaction);
            return;
        }
        if (request.method() == SipMethod.BYE && dialog != null) {
            dialog.terminate();
        }
        SipResponse.Builder ok = transaction.response(200, "OK");
        if (request.method() == SipMethod.INVITE) {
            ok.addContact(NameAddr.of(stack.localUri(transport)))
                    .body("application/sdp", sdp().replace("a=sendrecv", "a=recvonly").getBytes(StandardCharsets.US_ASCII));
        }
        transaction.respond(ok.build());
    }

    private void answerInvite(ServerTransaction transaction) {
        NameAddr contact = NameAddr.of(stack.localUri(Transport.UDP));
        switch (answer) {
            case REFUSE_503 -> transaction.respond(transaction.response(503, "Service Unavailable").build());
            case SILENT -> {
                // The transaction's own 100 Trying is all the caller gets.
            }
            case RING -> transaction.respond(transaction.response(180, "Ringing").addContact(contact).build());
            case ANSWER -> {
                transaction.respond(transaction.response(180, "Ringing").addContact(contact).build());
                SipResponse ok = transaction.response(200, "OK").addContact(contact)
                        .body("application/sdp", sdp().getBytes(StandardCharsets.US_ASCII)).build();
                dialog = Dialog.asUas(transaction.request(), ok);
                transaction.respond(ok);
            }
        }
    }

    @Override
    public void onAck(SipRequest request, SipFlow flow) {
        requests.add(request);
    }

    @Override
    public void onCancel(ServerTransaction transaction, SipRequest cancel) {
        cancels.add(cancel);
    }

    @Override
    public void onServerTransactionFailed(ServerTransaction transaction, ServerTransactionFailure failure) {
        // The tests assert on what arrived, not on failures.
    }

    /** The SDP of a message. */
    public static SessionDescription sdpOf(SipMessage message) throws Exception {
        return SessionDescription.parse(message.body());
    }

    @Override
    public void close() {
        stack.close();
        rtp.close();
    }

    /** A re-INVITE's transaction: responses queued, its 2xx ACKed in the dialog. */
    private final class Reinvite implements ClientTransactionListener {
        private SipRequest reinviteAck;

        @Override
        public void onProvisional(ClientTransaction transaction, SipResponse response) {
            responses.add(response);
        }

        @Override
        public void onFinal(ClientTransaction transaction, SipResponse response) {
            if (response.isSuccess() && reinviteAck == null) {
                reinviteAck = stack.sendAck(dialog.createAck(transaction.request()).build(), peer, transport);
            } else if (response.isSuccess()) {
                stack.sendAck(reinviteAck, peer, transport);
                return;
            }
            responses.add(response);
        }

        @Override
        public void onTimeout(ClientTransaction transaction) {
            responses.add(SipResponse.to(transaction.request(), 408, "Request Timeout (local)").build());
        }

        @Override
        public void onTransportError(ClientTransaction transaction) {
            responses.add(SipResponse.to(transaction.request(), 503, "Transport Error (local)").build());
        }
    }

    /** The phone's client transactions (INVITE, BYE, OPTIONS): responses queued, every 2xx to INVITE ACKed. */
    private final class Caller implements ClientTransactionListener {
        @Override
        public void onProvisional(ClientTransaction transaction, SipResponse response) {
            responses.add(response);
        }

        @Override
        public void onFinal(ClientTransaction transaction, SipResponse response) {
            if (transaction.request().method() == SipMethod.INVITE && response.isSuccess()) {
                if (ack == null) {
                    dialog = Dialog.asUac(transaction.request(), response);
                    ack = stack.sendAck(dialog.createAck(transaction.request()).build(), peer, transport);
                } else {
                    stack.sendAck(ack, peer, transport);
                    return;
                }
            }
            responses.add(response);
        }

        @Override
        public void onTimeout(ClientTransaction transaction) {
            responses.add(SipResponse.to(transaction.request(), 408, "Request Timeout (local)").build());
        }

        @Override
        public void onTransportError(ClientTransaction transaction) {
            responses.add(SipResponse.to(transaction.request(), 503, "Transport Error (local)").build());
        }
    }
}
