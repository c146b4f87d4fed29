package io.holdfast.benchmarks.sim;

import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transaction.ClientTransaction;
import io.holdfast.sip.transaction.ClientTransactionListener;
import io.holdfast.sip.transport.SipStack;
import io.holdfast.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a simulated party's requests inside a dialog (BYE, INFO) to the next hop RFC 3261 §12.2.1.1 names:
 * the first route of the route set, else the remote target, over the transport its URI asks for (UDP by
 * default), and reports the final status: the response's, 408 on a timeout and 503 on a transport error
 * (§8.1.3.1). Stateless; any thread.
 */
final class InDialogRequests {
    private InDialogRequests() {
    }

    /** Sends {@code request}, built by {@code dialog}; the future completes on the stack's loop. */
    static CompletableFuture<Integer> send(SipStack stack, Dialog dialog, SipRequest request) {
        FinalStatus listener = new FinalStatus();
        send(stack, dialog, request, listener);
        return listener.status;
    }

    /** Sends {@code request}, built by {@code dialog}, to its next hop; {@code listener} hears the outcome. */
    static void send(SipStack stack, Dialog dialog, SipRequest request, ClientTransactionListener listener) {
        stack.sendRequest(request, hop(dialog), transport(dialog), listener);
    }

    /** Sends the ACK for a 2xx of {@code dialog} (§13.2.2.4); returns it as sent, for retransmitted 2xx. */
    static SipRequest sendAck(SipStack stack, Dialog dialog, SipRequest ack) {
        return stack.sendAck(ack, hop(dialog), transport(dialog));
    }

    private static SipUri hopUri(Dialog dialog) {
        return dialog.routeSet().isEmpty() ? dialog.remoteTarget() : dialog.routeSet().get(0).uri();
    }

    private static Transport transport(Dialog dialog) {
        return "tcp".equalsIgnoreCase(hopUri(dialog).transport()) ? Transport.TCP : Transport.UDP;
    }

    private static InetSocketAddress hop(Dialog dialog) {
        SipUri uri = hopUri(dialog);
        int port = uri.port() == SipUri.NO_PORT ? transport(dialog).defaultPort() : uri.port();
        return new InetSocketAddress(uri.host(), port);
    }

    /** Completes with the final status of one non-INVITE transaction. */
    static final class FinalStatus implements ClientTransactionListener {
        /** Status given to a transaction that timed out (§8.1.3.1). */
        static final int TIMEOUT = 408;
        /** Status given to a transaction whose request could not be sent (§8.1.3.1). */
        static final int TRANSPORT_ERROR = 503;

        final CompletableFuture<Integer> status = new CompletableFuture<>();

        @Override
        public void onProvisional(ClientTransaction transaction, SipResponse response) {
            // Only the final status matters to a simulated party.
        }

        @Override
        public void onFinal(ClientTransaction transaction, SipResponse response) {
            status.complete(response.statusCode());
        }

        @Override
        public void onTimeout(ClientTransaction transaction) {
            status.complete(TIMEOUT);
        }

        @Override
        public void onTransportError(ClientTransaction transaction) {
            status.complete(TRANSPORT_ERROR);
        }
    }
}
