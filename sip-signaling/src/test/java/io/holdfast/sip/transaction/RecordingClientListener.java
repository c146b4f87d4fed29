package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipResponse;

import java.util.ArrayList;
import java.util.List;

/** Records what a client transaction tells its TU. */
final class RecordingClientListener implements ClientTransactionListener {
    final List<SipResponse> provisionals = new ArrayList<>();
    final List<SipResponse> finals = new ArrayList<>();
    int timeouts;
    int transportErrors;

    @Override
    public void onProvisional(ClientTransaction transaction, SipResponse response) {
        provisionals.add(response);
    }

    @Override
    public void onFinal(ClientTransaction transaction, SipResponse response) {
        finals.add(response);
    }

    @Override
    public void onTimeout(ClientTransaction transaction) {
        timeouts++;
    }

    @Override
    public void onTransportError(ClientTransaction transaction) {
        transportErrors++;
    }
}
