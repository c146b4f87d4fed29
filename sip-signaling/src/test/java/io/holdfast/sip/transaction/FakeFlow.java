package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.Via;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A {@link SipFlow} that records what is sent and can be told to fail. */
final class FakeFlow implements SipFlow {
    final List<SipMessage> sent = new ArrayList<>();
    private final boolean reliable;
    boolean failSends;

    FakeFlow(boolean reliable) {
        this.reliable = reliable;
    }

    @Override
    public boolean reliable() {
        return reliable;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("192.0.2.20", 5060);
    }

    @Override
    public Via via(String branch) {
        SipParameters parameters = SipParameters.EMPTY.with("branch", branch).with("rport", null);
        return new Via(reliable ? "TCP" : "UDP", "192.0.2.1", 5070, parameters);
    }

    @Override
    public void send(SipMessage message, FailureListener onFailure) {
        sent.add(message);
        if (failSends) {
            onFailure.onSendFailure(new IOException("injected send failure"));
        }
    }

    SipMessage last() {
        return sent.get(sent.size() - 1);
    }
}
