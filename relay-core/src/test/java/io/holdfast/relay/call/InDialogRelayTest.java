package io.holdfast.relay.call;

import static io.holdfast.relay.call.CallFixture.CALLER_CALL_ID;
import static io.holdfast.relay.call.CallFixture.CALLER_HOST;
import static io.holdfast.relay.call.CallFixture.REGION_MEDIA_HOST;
import static io.holdfast.relay.call.CallFixture.regionRequest;
import static io.holdfast.relay.call.CallFixture.regionResponse;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.rtp.relay.MediaSide;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.sdp.Direction;
import io.holdfast.sip.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests relayed between the confirmed dialogs of a connected call: re-INVITE, UPDATE, INFO, and failures. */
class InDialogRelayTest {
    private static final String CALLER_HOLD_SDP = CallFixture.CALLER_SDP.replace("o=carrier 123 456", "o=carrier 123 457")
            .replace("a=sendrecv", "a=sendonly").replace("m=audio 20000", "m=audio 20002");
    private static final String REGION_HOLD_SDP = CallFixture.REGION_SDP.replace("a=sendrecv", "a=recvonly");

    private final CallFixture f = new CallFixture();

    private static SipRequest withSdp(SipRequest request, String sdp) {
        return request.toBuilder().body("application/sdp", sdp.getBytes(StandardCharsets.US_ASCII)).build();
    }

    @Test
    void shouldRelayReinviteWithAnchoredOfferWhenCallerPutsRegionOnHold() throws Exception {
        FakeCallContext.Sent regionInvite = f.connected();
        int sentBefore = f.context.sent.size();
        String originBefore = SessionDescription.parse(regionInvite.request().body()).origin().sessionVersion();
        FakeInbound reinvite = f.inbound(withSdp(f.callerRequest(SipMethod.INVITE, 2), CALLER_HOLD_SDP));

        f.call.onInDialogRequest(MediaSide.CALLER, reinvite);

        FakeCallContext.Sent relayed = f.context.last();
        assertThat(f.context.sent).hasSize(sentBefore + 1);
        SipRequest out = relayed.request();
        assertThat(out.method()).isEqualTo(SipMethod.INVITE);
        assertThat(out.callId()).isEqualTo(regionInvite.request().callId());
        assertThat(out.cseq().sequence()).isEqualTo(2);
        assertThat(out.to().tag()).isEqualTo("region-tag");
        assertThat(out.contacts()).isNotEmpty();
        SessionDescription offer = SessionDescription.parse(out.body());
        assertThat(offer.audio().port()).isEqualTo(FakeAnchor.UPSTREAM_RTP);
        assertThat(offer.direction(offer.audio())).isEqualTo(Direction.SENDONLY);
        assertThat(offer.origin().username()).isEqualTo("holdfast");
        assertThat(offer.origin().sessionVersion()).isNotEqualTo(originBefore);
        assertThat(out.bodyAsString()).doesNotContain(CALLER_HOST);
        assertThat(f.anchor.signals).contains(new FakeAnchor.Signal(MediaSide.CALLER,
                new MediaPeer(new InetSocketAddress(CALLER_HOST, 20002), null)));

        relayed.listener().onFinal(relayed.outbound(), regionResponse(out, 200, "OK", REGION_HOLD_SDP));

        SipResponse ok = reinvite.last();
        assertThat(ok.statusCode()).isEqualTo(200);
        SessionDescription answer = SessionDescription.parse(ok.body());
        assertThat(answer.audio().port()).isEqualTo(FakeAnchor.CALLER_RTP);
        assertThat(answer.direction(answer.audio())).isEqualTo(Direction.RECVONLY);
        assertThat(ok.bodyAsString()).doesNotContain(REGION_MEDIA_HOST);
        assertThat(ok.contacts().get(0).uri().host()).isEqualTo("127.0.0.1");
        int acksBefore = f.context.acks.size();

        f.call.onCallerAck(f.callerRequest(SipMethod.ACK, 2));

        assertThat(f.context.acks).hasSize(acksBefore + 1);
        SipRequest ack = f.context.acks.get(acksBefore);
        assertThat(ack.callId()).isEqualTo(regionInvite.request().callId());
        assertThat(ack.cseq().sequence()).isEqualTo(2);

        relayed.listener().onFinal(relayed.outbound(), regionResponse(out, 200, "OK", REGION_HOLD_SDP));

        assertThat(f.context.acks).hasSize(acksBefore + 2);
        assertThat(f.context.acks.get(acksBefore + 1)).isSameAs(ack);
        assertThat(reinvite.responses).hasSize(1);
    }

    @Test
    void shouldRelayRegionReinviteToCallerWithAnchoredOffer() throws Exception {
        FakeCallContext.Sent regionInvite = f.connected();
        FakeInbound reinvite = f.inbound(withSdp(regionRequest(regionInvite.request(), SipMethod.INVITE, 1),
                REGION_HOLD_SDP));

        f.call.onInDialogRequest(MediaSide.UPSTREAM, reinvite);

        FakeCallContext.Sent relayed = f.context.last();
        SipRequest out = relayed.request();
        assertThat(out.callId()).isEqualTo(CALLER_CALL_ID);
        assertThat(out.from().tag()).isEqualTo("holdfast-caller-tag");
        assertThat(relayed.hop().address()).isEqualTo(new InetSocketAddress(CALLER_HOST, 5060));
        SessionDescription offer = SessionDescription.parse(out.body());
        assertThat(offer.audio().port()).isEqualTo(FakeAnchor.CALLER_RTP);
        assertThat(out.bodyAsString()).doesNotContain(REGION_MEDIA_HOST);

        SipResponse callerOk = SipResponse.to(out, 200, "OK")
                .body("application/sdp", CALLER_HOLD_SDP.getBytes(StandardCharsets.US_ASCII)).build();
        relayed.listener().onFinal(relayed.outbound(), callerOk);
        f.call.onUpstreamAck(regionRequest(regionInvite.request(), SipMethod.ACK, 1));

        assertThat(reinvite.last().statusCode()).isEqualTo(200);
        assertThat(SessionDescription.parse(reinvite.last().body()).audio().port()).isEqualTo(FakeAnchor.UPSTREAM_RTP);
        SipRequest ack = f.context.acks.get(f.context.acks.size() - 1);
        assertThat(ack.callId()).isEqualTo(CALLER_CALL_ID);
    }

    @Test
    void shouldAnchorTheAckAnswerWhenReinviteCarriesNoOffer() throws Exception {
        f.connected();
        FakeInbound reinvite = f.inbound(f.callerRequest(SipMethod.INVITE, 2));
        f.call.onInDialogRequest(MediaSide.CALLER, reinvite);
        FakeCallContext.Sent relayed = f.context.last();
        assertThat(relayed.request().bodyLength()).isZero();

        relayed.listener().onFinal(relayed.outbound(),
                regionResponse(relayed.request(), 200, "OK", CallFixture.REGION_SDP));
        assertThat(SessionDescription.parse(reinvite.last().body()).audio().port()).isEqualTo(FakeAnchor.CALLER_RTP);
        f.call.onCallerAck(withSdp(f.callerRequest(SipMethod.ACK, 2), CALLER_HOLD_SDP));

        SipRequest ack = f.context.acks.get(f.context.acks.size() - 1);
        SessionDescription answer = SessionDescription.parse(ack.body());
        assertThat(answer.audio().port()).isEqualTo(FakeAnchor.UPSTREAM_RTP);
        assertThat(ack.bodyAsString()).doesNotContain(CALLER_HOST);
    }

    @Test
    void shouldAnswer491WhenAnOfferIsAlreadyInFlight() {
        FakeCallContext.Sent regionInvite = f.connected();
        f.call.onInDialogRequest(MediaSide.CALLER,
                f.inbound(withSdp(f.callerRequest(SipMethod.INVITE, 2), CALLER_HOLD_SDP)));
        int sent = f.context.sent.size();
        FakeInbound glare = f.inbound(withSdp(regionRequest(regionInvite.request(), SipMethod.UPDATE, 1),
                REGION_HOLD_SDP));

        f.call.onInDialogRequest(MediaSide.UPSTREAM, glare);

        assertThat(glare.statuses()).containsExactly(491);
        assertThat(f.context.sent).hasSize(sent);
    }

    @Test
    void shouldRelayUpdateAndItsAnswerWhenRegionRefreshesTheSession() throws Exception {
        FakeCallContext.Sent regionInvite = f.connected();
        FakeInbound update = f.inbound(withSdp(regionRequest(regionInvite.request(), SipMethod.UPDATE, 1),
                REGION_HOLD_SDP));

        f.call.onInDialogRequest(MediaSide.UPSTREAM, update);
        FakeCallContext.Sent relayed = f.context.last();
        assertThat(relayed.request().method()).isEqualTo(SipMethod.UPDATE);
        relayed.listener().onFinal(relayed.outbound(), SipResponse.to(relayed.request(), 200, "OK")
                .body("application/sdp", CALLER_HOLD_SDP.getBytes(StandardCharsets.US_ASCII)).build());

        assertThat(update.last().statusCode()).isEqualTo(200);
        assertThat(SessionDescription.parse(update.last().body()).audio().port()).isEqualTo(FakeAnchor.UPSTREAM_RTP);
        FakeInbound next = f.inbound(withSdp(regionRequest(regionInvite.request(), SipMethod.UPDATE, 2),
                CallFixture.REGION_SDP));
        f.call.onInDialogRequest(MediaSide.UPSTREAM, next);
        assertThat(next.responses).isEmpty();
    }

    @Test
    void shouldPassInfoBodyUnchangedWhenRelayed() {
        f.connected();
        SipRequest info = f.callerRequest(SipMethod.INFO, 2).toBuilder()
                .body("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n".getBytes(StandardCharsets.US_ASCII))
                .addHeader("X-Carrier-Secret", "topology")
                .build();
        FakeInbound in = f.inbound(info);

        f.call.onInDialogRequest(MediaSide.CALLER, in);
        FakeCallContext.Sent relayed = f.context.last();
        relayed.listener().onFinal(relayed.outbound(), SipResponse.to(relayed.request(), 200, "OK").build());

        assertThat(relayed.request().method()).isEqualTo(SipMethod.INFO);
        assertThat(relayed.request().contentType()).isEqualTo("application/dtmf-relay");
        assertThat(relayed.request().bodyAsString()).isEqualTo("Signal=5\r\nDuration=160\r\n");
        assertThat(relayed.request().header("X-Carrier-Secret")).isNull();
        assertThat(in.statuses()).containsExactly(200);
        assertThat(f.context.counters.get(CallCounter.REQUESTS_RELAYED)).isEqualTo(1);
    }

    @Test
    void shouldLetTheInterceptorAnswerWhenItTakesTheRequest() {
        List<SipMethod> taken = new ArrayList<>();
        CallFixture intercepting = new CallFixture(CallFixture.inviteRequest(CallFixture.CALLER_SDP),
                CallFixture.COLD, (call, from, request) -> {
                    taken.add(request.request().method());
                    request.respond(request.response(200, "OK").build());
                    return from == MediaSide.UPSTREAM;
                }, region -> true);
        FakeCallContext.Sent regionInvite = intercepting.connected();
        int sent = intercepting.context.sent.size();
        FakeInbound info = intercepting.inbound(regionRequest(regionInvite.request(), SipMethod.INFO, 1));

        intercepting.call.onInDialogRequest(MediaSide.UPSTREAM, info);

        assertThat(taken).containsExactly(SipMethod.INFO);
        assertThat(info.statuses()).containsExactly(200);
        assertThat(intercepting.context.sent).hasSize(sent);
    }

    @Test
    void shouldAnswer501WhenMethodIsNotRelayed() {
        f.connected();
        FakeInbound refer = f.inbound(f.callerRequest(SipMethod.REFER, 2));

        f.call.onInDialogRequest(MediaSide.CALLER, refer);

        assertThat(refer.statuses()).containsExactly(501);
        assertThat(refer.last().allow()).contains("INFO");
    }

    @Test
    void shouldCancelRelayedReinviteWhenSenderCancels() {
        f.connected();
        FakeInbound reinvite = f.inbound(withSdp(f.callerRequest(SipMethod.INVITE, 2), CALLER_HOLD_SDP));
        f.call.onInDialogRequest(MediaSide.CALLER, reinvite);
        FakeCallContext.Sent relayed = f.context.last();

        f.call.onReinviteCancel(reinvite.request());

        assertThat(relayed.outbound().cancels).isEqualTo(1);
    }

    @Test
    void shouldRecoverTheCallWhenRegionNeverAnswersARelayedRequest() {
        f.connected();
        FakeInbound reinvite = f.inbound(withSdp(f.callerRequest(SipMethod.INVITE, 2), CALLER_HOLD_SDP));
        f.call.onInDialogRequest(MediaSide.CALLER, reinvite);
        FakeCallContext.Sent relayed = f.context.last();

        relayed.listener().onTimeout(relayed.outbound());

        assertThat(reinvite.statuses()).containsExactly(408);
        assertThat(f.call.state()).isEqualTo(CallState.RECOVERING);
        assertThat(f.context.sent(SipMethod.INVITE).get(2).request().header("X-Holdfast-Failover-Cause"))
                .isEqualTo(CauseTag.SIP_TIMEOUT.name());
    }

    @Test
    void shouldEndTheCallWhenCallerAnswers481() {
        FakeCallContext.Sent regionInvite = f.connected();
        FakeInbound info = f.inbound(regionRequest(regionInvite.request(), SipMethod.INFO, 1));
        f.call.onInDialogRequest(MediaSide.UPSTREAM, info);
        FakeCallContext.Sent relayed = f.context.last();

        relayed.listener().onFinal(relayed.outbound(),
                SipResponse.to(relayed.request(), 481, "Call/Transaction Does Not Exist").build());

        assertThat(info.statuses()).containsExactly(481);
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(f.context.events).extracting(RouteChangeEvent::cause).containsExactly(CauseTag.CALLER_HANGUP);
    }

    @Test
    void shouldNotFailTheNewRegionWhenARequestRelayedToTheOldOneTimesOut() {
        f.connected();
        FakeInbound reinvite = f.inbound(withSdp(f.callerRequest(SipMethod.INVITE, 2), CALLER_HOLD_SDP));
        f.call.onInDialogRequest(MediaSide.CALLER, reinvite);
        FakeCallContext.Sent relayed = f.context.last();
        f.call.failover(CauseTag.REGION_DOWN);
        FakeCallContext.Sent west = f.context.sent(SipMethod.INVITE).get(2);
        west.listener().onFinal(west.outbound(), regionResponse(west.request(), 200, "OK", CallFixture.REGION_SDP));

        relayed.listener().onTimeout(relayed.outbound());

        assertThat(reinvite.statuses()).containsExactly(408);
        assertThat(f.call.state()).isEqualTo(CallState.CONNECTED);
        assertThat(f.call.region().name()).isEqualTo("west");
        FakeInbound next = f.inbound(withSdp(f.callerRequest(SipMethod.INVITE, 3), CALLER_HOLD_SDP));
        f.call.onInDialogRequest(MediaSide.CALLER, next);
        assertThat(f.context.last().request().callId()).isEqualTo(west.request().callId());
    }
}
