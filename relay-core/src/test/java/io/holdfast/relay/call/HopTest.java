package io.holdfast.relay.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.sip.dialog.Dialog;
import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transport.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HopTest {
    private static final Hop FALLBACK = new Hop(new InetSocketAddress("192.0.2.1", 5060), Transport.UDP);

    private static Dialog dialogWithContact(SipUri contact, NameAddr... recordRoutes) {
        SipRequest invite = SipRequest.builder(SipMethod.INVITE, SipUri.sip("agent", "192.0.2.1", 5060))
                .from(NameAddr.of(SipUri.sip("holdfast", "127.0.0.1", 5060)).withTag("a"))
                .to(NameAddr.of(SipUri.sip("agent", "192.0.2.1", 5060)))
                .callId("c").cseq(CSeq.of(1, SipMethod.INVITE)).build();
        SipResponse.Builder ok = SipResponse.to(invite, 200, "OK").to(invite.to().withTag("b"))
                .addContact(NameAddr.of(contact));
        for (NameAddr route : recordRoutes) {
            ok.addRecordRoute(route);
        }
        return Dialog.asUac(invite, ok.build());
    }

    @Test
    void shouldGoToTheContactWhenItIsAnIpLiteral() {
        Hop hop = Hop.inDialog(dialogWithContact(new SipUri(SipUri.Scheme.SIP, "agent", null, "[::1]", 5099,
                SipParameters.EMPTY.with("transport", "tcp"), null)), FALLBACK);

        assertThat(hop).isEqualTo(new Hop(new InetSocketAddress("::1", 5099), Transport.TCP));
    }

    @Test
    void shouldGoToTheFirstRouteWhenThereIsARouteSet() {
        NameAddr proxy = NameAddr.of(new SipUri(SipUri.Scheme.SIP, null, null, "198.51.100.9", SipUri.NO_PORT,
                SipParameters.EMPTY.with("lr", null), null));

        Hop hop = Hop.inDialog(dialogWithContact(SipUri.sip("agent", "192.0.2.7", 5080), proxy), FALLBACK);

        assertThat(hop).isEqualTo(new Hop(new InetSocketAddress("198.51.100.9", 5060), Transport.UDP));
    }

    @Test
    void shouldFallBackWhenTheTargetIsAHostName() {
        assertThat(Hop.inDialog(dialogWithContact(SipUri.sip("agent", "agent.example", 5080)), FALLBACK))
                .isSameAs(FALLBACK);
    }
}
