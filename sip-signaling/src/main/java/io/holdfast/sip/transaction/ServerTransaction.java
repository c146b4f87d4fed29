package io.holdfast.sip.transaction;

import io.holdfast.sip.dialog.DialogId;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;

/**
 * The transaction user's handle on a received request: the request, the flow it came on, and
 * {@link #respond}. Drives an {@link InviteServerTransaction} or a {@link NonInviteServerTransaction}; for a
 * 2xx to INVITE it also runs the {@link Uas2xxRetransmitter} of §13.3.1.4 until the ACK arrives. Confined to
 * its layer's loop; {@link #respond} may be called from any thread and hops over.
 */
public final class ServerTransaction {
    private final TransactionLayer layer;
    private final SipRequest request;
    private final SipFlow flow;
    private final TransactionKey key;
    private final TimerSlots timers;
    private final ServerTransactionMachine machine;
    private String localTag;

    ServerTransaction(TransactionLayer layer, SipRequest request, SipFlow flow, TransactionKey key) {
        this.layer = layer;
        this.request = request;
        this.flow = flow;
        this.key = key;
        this.timers = new TimerSlots(layer.loop());
        Context context = new Context();
        this.machine = request.method() == SipMethod.INVITE
                ? new InviteServerTransaction(request, flow.reliable(), layer.timers(), context)
                : new NonInviteServerTransaction(request, flow.reliable(), layer.timers(), context);
        this.localTag = request.to() == null ? null : request.to().tag();
    }

    /** The request as received, its top Via stamped with {@code received}/{@code rport} by the transport. */
    public SipRequest request() {
        return request;
    }

    /** The flow the request came on; responses go back through it. */
    public SipFlow flow() {
        return flow;
    }

    public boolean isInvite() {
        return machine instanceof InviteServerTransaction;
    }

    /** True once the machine has reached Terminated. Owner loop. */
    public boolean isTerminated() {
        return machine.isTerminated();
    }

    /** True once a final response has been sent. Owner loop. */
    public boolean hasFinalResponse() {
        return machine.hasFinalResponse();
    }

    /**
     * The To tag of this side: the request's own for an in-dialog request, else one made on first use and
     * kept for every response of the transaction (§8.2.6.2, and §9.2 for the 200 to a CANCEL). Owner loop.
     */
    public String localTag() {
        if (localTag == null) {
            localTag = DialogId.newTag();
        }
        return localTag;
    }

    /**
     * A response to the request per §8.2.6: Via, From, To, Call-ID and CSeq copied, and the To tag of
     * {@link #localTag} (except on 100 Trying). The caller adds Contact, body and the rest. Owner loop.
     */
    public SipResponse.Builder response(int statusCode, String reasonPhrase) {
        SipResponse.Builder builder = SipResponse.to(request, statusCode, reasonPhrase);
        if (statusCode != 100) {
            builder.to(request.to().withTag(localTag()));
        }
        return builder;
    }

    /**
     * Sends a response through the machine (retransmitted as the RFC says). A response the state does not
     * allow (a second final response) is counted and dropped. A 2xx to INVITE is retransmitted until its ACK
     * (§13.3.1.4). Any thread.
     */
    public void respond(SipResponse response) {
        OwnerLoop loop = layer.loop();
        if (!loop.inLoop()) {
            loop.execute(() -> respond(response));
            return;
        }
        boolean first2xxToInvite = isInvite() && response.isSuccess() && !machine.hasFinalResponse();
        if (machine.sendResponse(response) && first2xxToInvite) {
            layer.startRetransmitting2xx(this, response);
        }
    }

    /** The last response sent, or {@code null}; what the RFC 2543 ACK match compares To tags with. */
    SipResponse lastResponse() {
        return machine instanceof InviteServerTransaction invite ? invite.lastResponse() : null;
    }

    TransactionKey key() {
        return key;
    }

    void start() {
        machine.start();
    }

    void onRetransmission(SipRequest retransmission) {
        machine.onRequest(retransmission);
    }

    void onAck(SipRequest ack) {
        if (machine instanceof InviteServerTransaction invite) {
            invite.onAck(ack);
        } else {
            layer.counters().increment(TransactionCounter.ILLEGAL_EVENTS);
        }
    }

    /** Sends a 2xx retransmission for the {@link Uas2xxRetransmitter}: through the Accepted state. */
    void retransmit2xx(SipResponse ok) {
        machine.sendResponse(ok);
    }

    @Override
    public String toString() {
        return "ServerTransaction[" + request + ']';
    }

    private final class Context implements ServerTransactionContext {
        @Override
        public void send(SipMessage message) {
            layer.send(flow, message, machine::onTransportError);
        }

        @Override
        public void schedule(TimerKind timer, long delayMs) {
            timers.schedule(timer, delayMs, () -> machine.onTimer(timer));
        }

        @Override
        public void cancel(TimerKind timer) {
            timers.cancel(timer);
        }

        @Override
        public void count(TransactionCounter counter) {
            layer.counters().increment(counter);
        }

        @Override
        public void terminated() {
            timers.cancelAll();
            layer.table().remove(ServerTransaction.this);
        }

        @Override
        public void reportAck(SipRequest ack) {
            layer.ackForTu(ack, flow);
        }

        @Override
        public void reportTimeout() {
            layer.reportFailure(ServerTransaction.this, ServerTransactionFailure.ACK_TIMEOUT);
        }

        @Override
        public void reportTransportError() {
            layer.reportFailure(ServerTransaction.this, ServerTransactionFailure.TRANSPORT_ERROR);
        }
    }
}
