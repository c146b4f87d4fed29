package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;

import java.util.HashMap;
import java.util.Map;

/**
 * The live transactions of one loop, by {@link TransactionKey}: matching of responses to client
 * transactions (§17.1.3) and of requests to server transactions (§17.2.3, including the RFC 2543 ACK rule
 * that compares the ACK's To tag with the tag of the response sent). Confined to the owner loop.
 */
public final class TransactionTable {
    private final Map<TransactionKey, ClientTransaction> clients = new HashMap<>();
    private final Map<TransactionKey, ServerTransaction> servers = new HashMap<>();

    /** The client transaction a response belongs to, or {@code null}. */
    public ClientTransaction matchResponse(SipResponse response) {
        TransactionKey key = TransactionKey.ofResponse(response);
        return key == null ? null : clients.get(key);
    }

    /**
     * The server transaction a received request belongs to (a retransmission, or for an ACK its INVITE), or
     * {@code null}.
     */
    public ServerTransaction matchRequest(SipRequest request) {
        TransactionKey key = TransactionKey.ofServerRequest(request);
        if (key == null) {
            return null;
        }
        ServerTransaction match = servers.get(key);
        if (request.method() != SipMethod.ACK || !(key instanceof TransactionKey.Rfc2543 legacy)) {
            return match;
        }
        if (match == null) {
            match = servers.get(legacy.withoutToTag());
        }
        return match != null && ackToTagMatches(request, match) ? match : null;
    }

    /** The INVITE server transaction a CANCEL targets (§9.2), or {@code null}. */
    public ServerTransaction matchCancelledInvite(SipRequest cancel) {
        TransactionKey key = TransactionKey.ofCancelledInvite(cancel);
        return key == null ? null : servers.get(key);
    }

    private static boolean ackToTagMatches(SipRequest ack, ServerTransaction invite) {
        SipResponse sent = invite.lastResponse();
        String sentTag = sent == null ? null : sent.to().tag();
        String ackTag = ack.to() == null ? null : ack.to().tag();
        return sentTag == null ? ackTag == null : sentTag.equals(ackTag);
    }

    void add(ClientTransaction transaction) {
        clients.put(transaction.key(), transaction);
    }

    void add(ServerTransaction transaction) {
        servers.put(transaction.key(), transaction);
    }

    void remove(ClientTransaction transaction) {
        clients.remove(transaction.key(), transaction);
    }

    void remove(ServerTransaction transaction) {
        servers.remove(transaction.key(), transaction);
    }

    public int clientCount() {
        return clients.size();
    }

    public int serverCount() {
        return servers.size();
    }
}
