package io.holdfast.sip.transport;

import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.dialog.DialogId;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transaction.RequestHandler;
import io.holdfast.sip.transaction.ServerTransaction;
import io.holdfast.sip.transaction.ServerTransactionFailure;
import io.holdfast.sip.transaction.SipFlow;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A user agent server for the integration tests: answers INVITE with 100, 180 and 200 (with an SDP answer),
 * or 486 for the user {@value #BUSY_USER},
 * keeps the dialog until BYE, answers OPTIONS 200, and counts what it saw. Dialogs of different calls may
 * live on different loops, hence the concurrent map.
 */
final class TestUserAgent implements RequestHandler {
    private static final String SDP = "v=0\r\no=holdfast 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    /** INVITEs to this user are refused with 486 Busy Here. */
    static final String BUSY_USER = "busy";

    final AtomicInteger invites = new AtomicInteger();
    final AtomicInteger busy = new AtomicInteger();
    final AtomicInteger acks = new AtomicInteger();
    final AtomicInteger byes = new AtomicInteger();
    final AtomicInteger options = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger callsCompleted = new AtomicInteger();
    private final Map<DialogId, Dialog> dialogs = new ConcurrentHashMap<>();
    private final Function<Transport, SipUri> contactOf;

    /** @param contactOf this UA's Contact URI for each transport */
    TestUserAgent(Function<Transport, SipUri> contactOf) {
        this.contactOf = contactOf;
    }

    int openDialogs() {
        return dialogs.size();
    }

    @Override
    public void onRequest(ServerTransaction transaction) {
        SipRequest request = transaction.request();
        if (request.method() == SipMethod.OPTIONS) {
            options.incrementAndGet();
            transaction.respond(transaction.response(200, "OK").addAllow("INVITE").addAllow("ACK").addAllow("BYE")
                    .addAllow("CANCEL").addAllow("OPTIONS").build());
            return;
        }
        if (request.to().tag() == null && request.method() == SipMethod.INVITE) {
            answerInvite(transaction);
            return;
        }
        Dialog dialog = request.to().tag() == null ? null : dialogs.get(DialogId.ofReceivedRequest(request));
        if (dialog == null) {
            rejected.incrementAndGet();
            transaction.respond(transaction.response(481, "Call/Transaction Does Not Exist").build());
            return;
        }
        if (dialog.checkRequest(request) == Dialog.RequestCheck.CSEQ_OUT_OF_ORDER) {
            rejected.incrementAndGet();
            transaction.respond(transaction.response(500, "Server Internal Error").build());
            return;
        }
        if (request.method() == SipMethod.BYE) {
            byes.incrementAndGet();
            transaction.respond(transaction.response(200, "OK").build());
            dialog.terminate();
            dialogs.remove(dialog.id());
            callsCompleted.incrementAndGet();
            return;
        }
        rejected.incrementAndGet();
        transaction.respond(transaction.response(501, "Not Implemented").build());
    }

    private void answerInvite(ServerTransaction transaction) {
        invites.incrementAndGet();
        SipRequest invite = transaction.request();
        NameAddr contact = NameAddr.of(contactOf.apply(transportOf(invite)));
        transaction.respond(transaction.response(100, "Trying").build());
        if (BUSY_USER.equals(invite.requestUri().user())) {
            busy.incrementAndGet();
            transaction.respond(transaction.response(486, "Busy Here").build());
            return;
        }
        SipResponse ringing = transaction.response(180, "Ringing").addContact(contact).build();
        transaction.respond(ringing);
        SipResponse ok = transaction.response(200, "OK").addContact(contact)
                .body("application/sdp", SDP.getBytes(StandardCharsets.US_ASCII)).build();
        Dialog dialog = Dialog.asUas(invite, ok);
        dialogs.put(dialog.id(), dialog);
        transaction.respond(ok);
    }

    private static Transport transportOf(SipRequest request) {
        Transport transport = Transport.ofViaToken(request.topVia().transport());
        return transport == null ? Transport.UDP : transport;
    }

    @Override
    public void onAck(SipRequest ack, SipFlow flow) {
        acks.incrementAndGet();
    }

    @Override
    public void onCancel(ServerTransaction invite, SipRequest cancel) {
        cancels.incrementAndGet();
    }

    @Override
    public void onServerTransactionFailed(ServerTransaction transaction, ServerTransactionFailure failure) {
        failures.incrementAndGet();
    }
}
