package io.holdfast.sip.transport;

import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.dialog.DialogId;
import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transaction.ClientTransaction;
import io.holdfast.sip.transaction.ClientTransactionListener;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A user agent client for the integration tests, on holdfast's stack: places calls (INVITE with an SDP
 * offer), acknowledges every 2xx (§13.2.2.4, the same ACK again for a retransmitted 2xx), then hangs up with
 * BYE in the dialog. Counts what happened; each call's state lives in its own listener.
 */
final class TestCaller {
    private static final String SDP = "v=0\r\no=caller 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\nm=audio 40002 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    final AtomicInteger answered = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    final AtomicInteger acksSent = new AtomicInteger();
    final AtomicInteger completed = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    private final SipStack stack;
    private final InetSocketAddress callee;
    private final Transport transport;

    TestCaller(SipStack stack, InetSocketAddress callee, Transport transport) {
        this.stack = stack;
        this.callee = callee;
        this.transport = transport;
    }

    /** Places one call. Any thread. */
    void call(String user) {
        SipRequest invite = SipRequest.builder(SipMethod.INVITE, SipUri.sip(user, callee.getHostString(), callee.getPort()))
                .from(NameAddr.of(SipUri.sip("caller", "127.0.0.1", SipUri.NO_PORT)).withTag(DialogId.newTag()))
                .to(NameAddr.of(SipUri.sip(user, callee.getHostString(), SipUri.NO_PORT)))
                .callId(DialogId.newCallId("127.0.0.1"))
                .cseq(CSeq.of(1, SipMethod.INVITE))
                .addContact(NameAddr.of(stack.localUri(transport)))
                .body("application/sdp", SDP.getBytes(StandardCharsets.US_ASCII))
                .build();
        stack.sendRequest(invite, callee, transport, new Call());
    }

    /** One call, confined to the loop that owns its INVITE transaction. */
    private final class Call implements ClientTransactionListener {
        private Dialog dialog;
        private SipRequest ack;

        @Override
        public void onProvisional(ClientTransaction transaction, SipResponse response) {
            // Ringing needs nothing from the caller.
        }

        @Override
        public void onFinal(ClientTransaction transaction, SipResponse response) {
            if (!response.isSuccess()) {
                rejected.incrementAndGet();
                return;
            }
            if (ack != null) {
                stack.sendAck(ack, callee, transport);
                acksSent.incrementAndGet();
                return;
            }
            answered.incrementAndGet();
            dialog = Dialog.asUac(transaction.request(), response);
            ack = stack.sendAck(dialog.createAck(transaction.request()).build(), callee, transport);
            acksSent.incrementAndGet();
            stack.sendRequest(dialog.createRequest(SipMethod.BYE).build(), callee, transport, new Hangup());
        }

        @Override
        public void onTimeout(ClientTransaction transaction) {
            failed.incrementAndGet();
        }

        @Override
        public void onTransportError(ClientTransaction transaction) {
            failed.incrementAndGet();
        }
    }

    private final class Hangup implements ClientTransactionListener {
        @Override
        public void onProvisional(ClientTransaction transaction, SipResponse response) {
            // A 1xx to BYE carries nothing.
        }

        @Override
        public void onFinal(ClientTransaction transaction, SipResponse response) {
            if (response.isSuccess()) {
                completed.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        }

        @Override
        public void onTimeout(ClientTransaction transaction) {
            failed.incrementAndGet();
        }

        @Override
        public void onTransportError(ClientTransaction transaction) {
            failed.incrementAndGet();
        }
    }
}
