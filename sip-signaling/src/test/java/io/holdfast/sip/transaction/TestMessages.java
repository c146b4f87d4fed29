package io.holdfast.sip.transaction;

import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.message.Via;

import java.util.List;

/** Requests and responses for transaction tests. */
final class TestMessages {
    static final String BRANCH = Via.MAGIC_COOKIE + "test1";

    private TestMessages() {
    }

    static Via via(String branch) {
        return new Via("UDP", "192.0.2.10", 5060, SipParameters.of(List.of(new SipParameters.Parameter("branch", branch))));
    }

    static SipRequest request(SipMethod method) {
        return request(method, BRANCH, 1);
    }

    static SipRequest request(SipMethod method, String branch, long cseq) {
        return SipRequest.builder(method, SipUri.sip("bob", "192.0.2.20", 5060))
                .addVia(via(branch))
                .from(NameAddr.of(SipUri.sip("alice", "192.0.2.10", 5060)).withTag("fromtag"))
                .to(NameAddr.of(SipUri.sip("bob", "192.0.2.20", 5060)))
                .callId("call-1@192.0.2.10")
                .cseq(CSeq.of(cseq, method))
                .maxForwards(70)
                .addRoute(NameAddr.of(SipUri.sip(null, "proxy.example.com", 5060)
                        .withParameters(SipParameters.of(List.of(new SipParameters.Parameter("lr", null))))))
                .build();
    }

    static SipResponse response(SipRequest request, int status) {
        SipResponse.Builder builder = SipResponse.to(request, status, "Reason");
        if (status > 100) {
            builder.to(request.to().withTag("totag"));
        }
        return builder.build();
    }
}
