package io.holdfast.relay.call;

import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.transport.Transport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** An {@link InboundRequest} that records the responses sent, with a fixed local tag. Test thread only. */
final class FakeInbound implements InboundRequest {
    final List<SipResponse> responses = new ArrayList<>();
    private final SipRequest request;
    private final String localTag;
    private final InetSocketAddress source;

    FakeInbound(SipRequest request, String localTag, InetSocketAddress source) {
        this.request = request;
        this.localTag = localTag;
        this.source = source;
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public SipResponse.Builder response(int statusCode, String reasonPhrase) {
        SipResponse.Builder builder = SipResponse.to(request, statusCode, reasonPhrase);
        if (statusCode != 100 && request.to().tag() == null) {
            builder.to(request.to().withTag(localTag));
        }
        return builder;
    }

    @Override
    public void respond(SipResponse response) {
        if (response.isFinal() && hasFinalResponse()) {
            return;
        }
        responses.add(response);
    }

    @Override
    public boolean hasFinalResponse() {
        for (SipResponse response : responses) {
            if (response.isFinal()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    public InetSocketAddress source() {
        return source;
    }

    SipResponse last() {
        return responses.get(responses.size() - 1);
    }

    List<Integer> statuses() {
        List<Integer> statuses = new ArrayList<>();
        for (SipResponse response : responses) {
            statuses.add(response.statusCode());
        }
        return statuses;
    }
}
