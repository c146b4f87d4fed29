package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.Via;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One loop's transaction layer (RFC 3261 §17) and the few UA-core duties that sit right on it: matching
 * received messages to transactions, creating server transactions and handing them to the
 * {@link RequestHandler}, sending requests in client transactions, CANCEL on both sides (§9), the ACK for a
 * 2xx (§13.2.2.4) and the retransmission of 2xx until their ACK (§13.3.1.4).
 *
 * <p>Threading: confined to its {@link OwnerLoop}. The transport calls {@link #onRequest} and
 * {@link #onResponse} on that loop; a response that arrives on another loop is handed over with
 * {@code execute}, found by the loop id that
 * {@link #newBranch} puts in every branch this layer creates ({@link #ownerLoopOf}). {@link #sendRequest}
 * and {@link #sendAck} may be called from any thread.
 */
public final class TransactionLayer {
    private static final int DEFAULT_MAX_FORWARDS = 70;
    private static final char BRANCH_SEPARATOR = '.';

    private final int loopId;
    private final OwnerLoop loop;
    private final TransactionTimers timers;
    private final RequestHandler handler;
    private final TransactionTable table = new TransactionTable();
    private final TransactionCounters counters = new TransactionCounters();
    private final Map<Uas2xxRetransmitter.AckKey, Pending2xx> pending2xx = new HashMap<>();

    /**
     * @param loopId this loop's index in its group (0..n-1), written into every branch this layer makes
     */
    public TransactionLayer(int loopId, OwnerLoop loop, TransactionTimers timers, RequestHandler handler) {
        if (loopId < 0) {
            throw new IllegalArgumentException("loopId must not be negative: " + loopId);
        }
        this.loopId = loopId;
        this.loop = loop;
        this.timers = timers;
        this.handler = handler;
    }

    public int loopId() {
        return loopId;
    }

    public OwnerLoop loop() {
        return loop;
    }

    public TransactionTimers timers() {
        return timers;
    }

    public TransactionCounters counters() {
        return counters;
    }

    public TransactionTable table() {
        return table;
    }

    /**
     * A new branch for a request leaving this layer: the magic cookie, this loop's id and 64 random bits, so
     * any loop can tell which loop owns the response ({@link #ownerLoopOf}).
     */
    public String newBranch() {
        return Via.MAGIC_COOKIE + BRANCH_SEPARATOR + loopId + BRANCH_SEPARATOR
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** The loop id in a branch made by {@link #newBranch}, or -1 for any other branch. */
    public static int ownerLoopOf(String branch) {
        int prefix = Via.MAGIC_COOKIE.length();
        if (branch == null || !branch.startsWith(Via.MAGIC_COOKIE) || branch.length() < prefix + 3
                || branch.charAt(prefix) != BRANCH_SEPARATOR) {
            return -1;
        }
        int id = 0;
        int digits = 0;
        for (int i = prefix + 1; i < branch.length(); i++) {
            char c = branch.charAt(i);
            if (c == BRANCH_SEPARATOR) {
                return digits == 0 ? -1 : id;
            }
            if (c < '0' || c > '9' || ++digits > 4) {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return -1;
    }

    /**
     * Sends a request in a new client transaction: adds this side's Via (new branch, §8.1.1.7) and
     * Max-Forwards 70 when absent, starts the INVITE or non-INVITE machine on the owner loop. Not for ACK
     * (see {@link #sendAck}) or CANCEL (see {@link ClientTransaction#cancel}). Any thread.
     *
     * @return the handle; its listener is called on the owner loop
     */
    public ClientTransaction sendRequest(SipRequest request, SipFlow flow, ClientTransactionListener listener) {
        if (request.method() == SipMethod.ACK || request.method() == SipMethod.CANCEL) {
            throw new IllegalArgumentException(request.methodToken() + " is not sent in its own client transaction");
        }
        ClientTransaction transaction = new ClientTransaction(this, withOwnVia(request, flow), flow, listener);
        if (loop.inLoop()) {
            start(transaction);
        } else {
            loop.execute(() -> start(transaction));
        }
        return transaction;
    }

    /**
     * Sends the ACK for a 2xx outside any transaction (§13.2.2.4, §17.1.1.3): adds a Via with a new branch
     * unless the ACK already has one (a re-sent ACK for a retransmitted 2xx goes out unchanged). Any thread.
     *
     * @return the ACK as sent, to send again for each 2xx retransmission
     */
    public SipRequest sendAck(SipRequest ack, SipFlow flow) {
        if (ack.method() != SipMethod.ACK) {
            throw new IllegalArgumentException("not an ACK: " + ack);
        }
        SipRequest sent = ack.vias().isEmpty() ? withOwnVia(ack, flow) : ack;
        send(flow, sent, () -> counters.increment(TransactionCounter.TRANSPORT_ERRORS));
        return sent;
    }

    private void start(ClientTransaction transaction) {
        table.add(transaction);
        counters.increment(TransactionCounter.CLIENT_TRANSACTIONS_STARTED);
        transaction.start();
    }

    private SipRequest withOwnVia(SipRequest request, SipFlow flow) {
        List<Via> vias = new ArrayList<>(request.vias().size() + 1);
        vias.add(flow.via(newBranch()));
        vias.addAll(request.vias());
        SipRequest.Builder builder = request.toBuilder().vias(vias);
        if (request.maxForwards() == SipMessage.ABSENT) {
            builder.maxForwards(DEFAULT_MAX_FORWARDS);
        }
        return builder.build();
    }

    /**
     * A request from the transport (§17.2.3, §18.2.1), its top Via already stamped with {@code received} and
     * {@code rport}; {@code flow} says where its responses go. Owner loop only.
     */
    public void onRequest(SipRequest request, SipFlow flow) {
        if (!hasTransactionHeaders(request)) {
            counters.increment(TransactionCounter.INVALID_MESSAGES_DROPPED);
            return;
        }
        ServerTransaction match = table.matchRequest(request);
        if (request.method() == SipMethod.ACK) {
            if (match != null && match.isInvite()) {
                match.onAck(request);
            } else {
                ackForTu(request, flow);
            }
            return;
        }
        if (match != null) {
            match.onRetransmission(request);
            return;
        }
        ServerTransaction transaction = new ServerTransaction(this, request, flow,
                TransactionKey.ofServerRequest(request));
        table.add(transaction);
        counters.increment(TransactionCounter.SERVER_TRANSACTIONS_STARTED);
        transaction.start();
        if (request.method() == SipMethod.CANCEL) {
            onCancel(transaction);
        } else {
            handler.onRequest(transaction);
        }
    }

    /**
     * §9.2: 481 when no INVITE matches; else 200 with the INVITE's To tag, the TU told, and 487 for the
     * INVITE if the TU has not answered it.
     */
    private void onCancel(ServerTransaction cancel) {
        ServerTransaction invite = table.matchCancelledInvite(cancel.request());
        if (invite == null || !invite.isInvite()) {
            counters.increment(TransactionCounter.CANCELS_UNMATCHED);
            cancel.respond(cancel.response(481, "Call/Transaction Does Not Exist").build());
            return;
        }
        counters.increment(TransactionCounter.CANCELS_MATCHED);
        SipRequest request = cancel.request();
        cancel.respond(SipResponse.to(request, 200, "OK").to(request.to().withTag(invite.localTag())).build());
        if (!invite.hasFinalResponse()) {
            handler.onCancel(invite, request);
            if (!invite.hasFinalResponse()) {
                invite.respond(invite.response(487, "Request Terminated").build());
            }
        }
    }

    /**
     * A response from the transport (§17.1.3, §18.1.2), on the loop that owns its client transaction (see
     * {@link #ownerLoopOf}). Owner loop only.
     */
    public void onResponse(SipResponse response) {
        if (response.vias().size() != 1 || response.cseq() == null) {
            counters.increment(TransactionCounter.INVALID_MESSAGES_DROPPED);
            return;
        }
        ClientTransaction transaction = table.matchResponse(response);
        if (transaction == null) {
            counters.increment(TransactionCounter.STRAY_RESPONSES_DROPPED);
            return;
        }
        transaction.onResponse(response);
    }

    private static boolean hasTransactionHeaders(SipRequest request) {
        return request.topVia() != null && request.from() != null && request.to() != null
                && request.callId() != null && request.cseq() != null
                && request.cseq().methodToken().equals(request.methodToken());
    }

    /** An ACK for the TU: stops the matching 2xx retransmission first. */
    void ackForTu(SipRequest ack, SipFlow flow) {
        Uas2xxRetransmitter.AckKey key = Uas2xxRetransmitter.AckKey.of(ack);
        Pending2xx pending = key == null ? null : pending2xx.remove(key);
        if (pending != null) {
            pending.retransmitter.onAck();
        }
        counters.increment(TransactionCounter.ACKS_TO_TU);
        handler.onAck(ack, flow);
    }

    void startRetransmitting2xx(ServerTransaction invite, SipResponse ok) {
        Pending2xx pending = new Pending2xx(invite, ok);
        Uas2xxRetransmitter.AckKey key = pending.retransmitter.ackKey();
        if (key == null) {
            return;
        }
        Pending2xx previous = pending2xx.put(key, pending);
        if (previous != null) {
            previous.retransmitter.onAck();
        }
        pending.retransmitter.start();
    }

    void reportFailure(ServerTransaction transaction, ServerTransactionFailure failure) {
        handler.onServerTransactionFailed(transaction, failure);
    }

    void sendCancel(SipRequest cancel, SipFlow flow) {
        start(new ClientTransaction(this, cancel, flow, CancelListener.INSTANCE));
    }

    /** Sends on {@code flow}; a failure runs {@code onFailure} later on this loop, never inside this call. */
    void send(SipFlow flow, SipMessage message, Runnable onFailure) {
        flow.send(message, cause -> loop.execute(onFailure));
    }

    /** A 2xx waiting for its ACK, tied to its INVITE server transaction. */
    private final class Pending2xx implements Uas2xxRetransmitter.Context {
        private final ServerTransaction invite;
        private final Uas2xxRetransmitter retransmitter;

        Pending2xx(ServerTransaction invite, SipResponse ok) {
            this.invite = invite;
            this.retransmitter = new Uas2xxRetransmitter(ok, timers, loop, this);
        }

        @Override
        public void retransmit(SipResponse ok) {
            counters.increment(TransactionCounter.UAS_2XX_RETRANSMISSIONS);
            invite.retransmit2xx(ok);
        }

        @Override
        public void ackTimedOut() {
            pending2xx.remove(retransmitter.ackKey(), this);
            counters.increment(TransactionCounter.UAS_2XX_ACK_TIMEOUTS);
            handler.onServerTransactionFailed(invite, ServerTransactionFailure.ACK_FOR_2XX_TIMEOUT);
        }
    }

    /** The responses to a CANCEL only matter to the INVITE's own transaction; they are counted there. */
    private enum CancelListener implements ClientTransactionListener {
        INSTANCE;

        @Override
        public void onProvisional(ClientTransaction transaction, SipResponse response) {
            // A 1xx to CANCEL carries nothing for the TU.
        }

        @Override
        public void onFinal(ClientTransaction transaction, SipResponse response) {
            // 200 or 481: the INVITE transaction reports its own 487 or final response.
        }

        @Override
        public void onTimeout(ClientTransaction transaction) {
            // The INVITE transaction times out 64*T1 after the CANCEL by itself (§9.1).
        }

        @Override
        public void onTransportError(ClientTransaction transaction) {
            // Counted by the machine; the INVITE transaction reports its own failure.
        }
    }
}
