package io.holdfast.sip.transaction;

import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;

/**
 * The transaction user's handle on a request it sent: the request as it went out, the flow, and CANCEL
 * (§9.1). Drives an {@link InviteClientTransaction} or a {@link NonInviteClientTransaction} and reports to a
 * {@link ClientTransactionListener}. Confined to its layer's loop; {@link #cancel} may be called from any
 * thread and hops over.
 */
public final class ClientTransaction {
    private final TransactionLayer layer;
    private final SipRequest request;
    private final SipFlow flow;
    private final ClientTransactionListener listener;
    private final TransactionKey key;
    private final TimerSlots timers;
    private final ClientTransactionMachine machine;
    private boolean provisionalReceived;
    private boolean finalReceived;
    private boolean cancelRequested;
    private boolean cancelSent;

    ClientTransaction(TransactionLayer layer, SipRequest request, SipFlow flow, ClientTransactionListener listener) {
        this.layer = layer;
        this.request = request;
        this.flow = flow;
        this.listener = listener;
        this.key = TransactionKey.ofClientRequest(request);
        this.timers = new TimerSlots(layer.loop());
        Context context = new Context();
        this.machine = request.method() == SipMethod.INVITE
                ? new InviteClientTransaction(request, flow.reliable(), layer.timers(), context)
                : new NonInviteClientTransaction(request, flow.reliable(), layer.timers(), context);
    }

    /** The request as sent, with the top Via this side added. */
    public SipRequest request() {
        return request;
    }

    public SipFlow flow() {
        return flow;
    }

    /** True once the machine has reached Terminated. Owner loop. */
    public boolean isTerminated() {
        return machine.isTerminated();
    }

    /**
     * Cancels a pending INVITE (§9.1): the CANCEL is sent at once if a provisional response has arrived, else
     * as soon as one does; nothing is sent once a final response has arrived. Not for other methods
     * (counted as an illegal event). Any thread.
     */
    public void cancel() {
        OwnerLoop loop = layer.loop();
        if (!loop.inLoop()) {
            loop.execute(this::cancel);
            return;
        }
        if (!(machine instanceof InviteClientTransaction)) {
            layer.counters().increment(TransactionCounter.ILLEGAL_EVENTS);
            return;
        }
        if (cancelRequested || finalReceived) {
            return;
        }
        cancelRequested = true;
        if (provisionalReceived) {
            sendCancel();
        }
    }

    TransactionKey key() {
        return key;
    }

    void start() {
        machine.start();
    }

    void onResponse(SipResponse response) {
        machine.onResponse(response);
    }

    private void sendCancel() {
        cancelSent = true;
        layer.sendCancel(cancelFor(request), flow);
        ((InviteClientTransaction) machine).onCancelSent();
    }

    /**
     * The CANCEL of §9.1: Request-URI, Call-ID, To, From and CSeq number of the INVITE with method CANCEL,
     * the INVITE's top Via only (same branch), and its Route headers.
     */
    static SipRequest cancelFor(SipRequest invite) {
        return SipRequest.builder(SipMethod.CANCEL, invite.requestUri())
                .addVia(invite.topVia())
                .from(invite.from())
                .to(invite.to())
                .callId(invite.callId())
                .cseq(CSeq.of(invite.cseq().sequence(), SipMethod.CANCEL))
                .maxForwards(invite.maxForwards())
                .routes(invite.routes())
                .build();
    }

    @Override
    public String toString() {
        return "ClientTransaction[" + request + ']';
    }

    private final class Context implements ClientTransactionContext {
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
            layer.table().remove(ClientTransaction.this);
        }

        @Override
        public void reportResponse(SipResponse response) {
            if (response.isProvisional()) {
                provisionalReceived = true;
                if (cancelRequested && !cancelSent && !finalReceived) {
                    sendCancel();
                }
                listener.onProvisional(ClientTransaction.this, response);
            } else {
                finalReceived = true;
                listener.onFinal(ClientTransaction.this, response);
            }
        }

        @Override
        public void reportTimeout() {
            listener.onTimeout(ClientTransaction.this);
        }

        @Override
        public void reportTransportError() {
            listener.onTransportError(ClientTransaction.this);
        }
    }
}
