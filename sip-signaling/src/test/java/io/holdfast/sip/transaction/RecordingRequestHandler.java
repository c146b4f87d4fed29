package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Records what the layer tells its TU; can answer each new request at once. */
final class RecordingRequestHandler implements RequestHandler {
    final List<ServerTransaction> requests = new ArrayList<>();
    final List<SipRequest> acks = new ArrayList<>();
    final List<SipRequest> cancels = new ArrayList<>();
    final List<ServerTransactionFailure> failures = new ArrayList<>();
    Consumer<ServerTransaction> answer = transaction -> { };
    Consumer<ServerTransaction> answerOnCancel = invite -> { };

    @Override
    public void onRequest(ServerTransaction transaction) {
        requests.add(transaction);
        answer.accept(transaction);
    }

    @Override
    public void onAck(SipRequest ack, SipFlow flow) {
        acks.add(ack);
    }

    @Override
    public void onCancel(ServerTransaction invite, SipRequest cancel) {
        cancels.add(cancel);
        answerOnCancel.accept(invite);
    }

    @Override
    public void onServerTransactionFailed(ServerTransaction transaction, ServerTransactionFailure failure) {
        failures.add(failure);
    }
}
