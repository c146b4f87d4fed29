package io.holdfast.relay.call;

import io.holdfast.relay.config.FailoverConfig;
import io.holdfast.relay.config.FailoverMode;
import io.holdfast.relay.config.RegionConfig;
import io.holdfast.relay.config.SipConfig;
import io.holdfast.relay.events.CallIdHasher;
import io.holdfast.relay.failover.FailoverPolicy;
import io.holdfast.relay.failover.FailoverPrompts;
import io.holdfast.relay.routing.Region;
import io.holdfast.relay.routing.RegionHealthView;
import io.holdfast.relay.routing.RoutePolicy;
import io.holdfast.sip.dialog.DialogId;
import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.message.Via;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A call under test: two regions (east, then west), the fake context, the caller's INVITE from a carrier at
 * 192.0.2.10 and helpers to answer for the regions (at 198.51.100.7) and the caller. Test thread only.
 */
final class CallFixture {
    static final String CALLER_HOST = "192.0.2.10";
    static final String REGION_MEDIA_HOST = "198.51.100.7";
    static final String CALLER_CALL_ID = "caller-call-id@carrier.example";
    static final String CALLER_NUMBER = "+15551234567";
    static final String CALLER_SDP = "v=0\r\no=carrier 123 456 IN IP4 " + CALLER_HOST + "\r\ns=-\r\nc=IN IP4 "
            + CALLER_HOST + "\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=rtcp-mux\r\na=sendrecv\r\n";
    static final String REGION_SDP = "v=0\r\no=agent 9 9 IN IP4 " + REGION_MEDIA_HOST + "\r\ns=agent\r\nc=IN IP4 "
            + REGION_MEDIA_HOST + "\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";

    final FakeCallContext context = new FakeCallContext();
    final FakeAnchor anchor = new FakeAnchor();
    final FakeInbound invite;
    final List<Region> regions;
    final Call call;

    /** The shipped prompts, loaded once for every test. */
    static final FailoverPrompts PROMPTS = FailoverPrompts.shipped();
    /** Cold, two attempts, 8 s, no escalation URI. */
    static final FailoverPolicy COLD = policy(FailoverMode.COLD, 2, false);
    /** The escalation URI's port. */
    static final int ESCALATION_PORT = 5100;

    CallFixture() {
        this(inviteRequest(CALLER_SDP), COLD, InDialogRequestInterceptor.NONE, region -> true);
    }

    CallFixture(SipRequest callerInvite, FailoverPolicy failover, InDialogRequestInterceptor interceptor,
                RegionHealthView health) {
        this(callerInvite, failover, ResumeContextSource.NONE, interceptor, health, 2);
    }

    /**
     * @param regionCount 2 (east, west) or 3 (east, west, north)
     */
    CallFixture(SipRequest callerInvite, FailoverPolicy failover, ResumeContextSource contexts,
                InDialogRequestInterceptor interceptor, RegionHealthView health, int regionCount) {
        this.invite = new FakeInbound(callerInvite, "holdfast-caller-tag", new InetSocketAddress(CALLER_HOST, 5060));
        this.regions = regionCount == 2 ? List.of(region("east", 5080, 1, 0), region("west", 5090, 2, 1))
                : List.of(region("east", 5080, 1, 0), region("west", 5090, 2, 1), region("north", 5095, 3, 2));
        CallSettings settings = new CallSettings(SipConfig.DEFAULT, InetAddress.getLoopbackAddress(), "127.0.0.1");
        this.call = new Call(context, settings, new RoutePolicy(regions, health), failover, contexts, interceptor,
                CallIdHasher.withRandomKey().hash(CALLER_CALL_ID), invite);
    }

    /** A fixture with a failover policy and the context a region reported. */
    static CallFixture failover(FailoverPolicy policy, int regionCount, ResumeContextSource contexts) {
        return new CallFixture(inviteRequest(CALLER_SDP), policy, contexts, InDialogRequestInterceptor.NONE,
                region -> true, regionCount);
    }

    /** A policy with an 8 s budget and, when asked, the escalation URI {@code sip:agents@127.0.0.1:5100}. */
    static FailoverPolicy policy(FailoverMode mode, int maxAttempts, boolean escalation) {
        Optional<Region> agents = escalation
                ? Optional.of(region(FailoverPolicy.ESCALATION_NAME, ESCALATION_PORT, RegionConfig.MAX_PRIORITY, 3))
                : Optional.empty();
        return new FailoverPolicy(mode, maxAttempts, FailoverConfig.DEFAULT_BUDGET, PROMPTS, agents);
    }

    static Region region(String name, int port, int priority, int tag) {
        try {
            return Region.resolve(RegionConfig.of(name, SipUri.sip("agent", "127.0.0.1", port), priority), tag);
        } catch (UnknownHostException e) {
            throw new AssertionError("an IP literal always resolves", e);
        }
    }

    static SipRequest inviteRequest(String sdp) {
        SipRequest.Builder builder = SipRequest.builder(SipMethod.INVITE, SipUri.sip("+15550100", "127.0.0.1", 5060))
                .addVia(new Via("UDP", CALLER_HOST, 5060, SipParameters.EMPTY.with("branch", "z9hG4bK-caller")))
                .from(new NameAddr("Alice", SipUri.sip(CALLER_NUMBER, "carrier.example", SipUri.NO_PORT),
                        SipParameters.EMPTY).withTag("caller-tag"))
                .to(NameAddr.of(SipUri.sip("+15550100", "holdfast.example", SipUri.NO_PORT)))
                .callId(CALLER_CALL_ID)
                .cseq(CSeq.of(1, SipMethod.INVITE))
                .maxForwards(70)
                .addContact(NameAddr.of(SipUri.sip("alice", CALLER_HOST, 5060)))
                .addRecordRoute(NameAddr.of(new SipUri(SipUri.Scheme.SIP, null, null, "sbc.carrier.example",
                        SipUri.NO_PORT, SipParameters.EMPTY.with("lr", null), null)))
                .addHeader("P-Asserted-Identity", "<sip:" + CALLER_NUMBER + "@carrier.example>")
                .addHeader("X-Carrier-Secret", "topology")
                .addHeader("User-Agent", "CarrierSBC/1.0");
        if (sdp != null) {
            builder.body("application/sdp", sdp.getBytes(StandardCharsets.US_ASCII));
        }
        return builder.build();
    }

    /** INVITE in, media open: the INVITE to east is out. */
    FakeCallContext.Sent callingEast() {
        call.start();
        call.onMediaOpened(anchor);
        return context.last();
    }

    /** A response of the region to a request holdfast sent it, with the region's To tag and Contact. */
    static SipResponse regionResponse(SipRequest sent, int status, String phrase, String sdp) {
        SipResponse.Builder builder = SipResponse.to(sent, status, phrase);
        if (status > 100) {
            builder.to(sent.to().tag() == null ? sent.to().withTag("region-tag") : sent.to())
                    .addContact(NameAddr.of(SipUri.sip("agent", "127.0.0.1", 5080)));
        }
        if (sdp != null) {
            builder.body("application/sdp", sdp.getBytes(StandardCharsets.US_ASCII));
        }
        return builder.build();
    }

    /** The region answers the INVITE: the call is ANSWERED. */
    FakeCallContext.Sent answered() {
        FakeCallContext.Sent invite = callingEast();
        invite.listener().onFinal(invite.outbound(), regionResponse(invite.request(), 200, "OK", REGION_SDP));
        return invite;
    }

    /** The caller ACKs the 200: the call is CONNECTED. */
    FakeCallContext.Sent connected() {
        FakeCallContext.Sent regionInvite = answered();
        call.onCallerAck(callerRequest(SipMethod.ACK, 1));
        return regionInvite;
    }

    /** A request of the caller in its dialog. */
    SipRequest callerRequest(SipMethod method, long cseq) {
        SipResponse ok = invite.responses.get(invite.responses.size() - 1);
        return SipRequest.builder(method, SipUri.sip(null, "127.0.0.1", 5060))
                .addVia(new Via("UDP", CALLER_HOST, 5060, SipParameters.EMPTY.with("branch", "z9hG4bK-c" + cseq + method)))
                .from(invite.request().from())
                .to(ok.to())
                .callId(CALLER_CALL_ID)
                .cseq(CSeq.of(cseq, method))
                .maxForwards(70)
                .addContact(NameAddr.of(SipUri.sip("alice", CALLER_HOST, 5060)))
                .build();
    }

    /** A request of the region in the upstream dialog of {@code regionInvite}. */
    static SipRequest regionRequest(SipRequest regionInvite, SipMethod method, long cseq) {
        return SipRequest.builder(method, SipUri.sip(null, "127.0.0.1", 5060))
                .addVia(new Via("UDP", "127.0.0.1", 5080, SipParameters.EMPTY.with("branch", "z9hG4bK-r" + cseq)))
                .from(regionInvite.to().withTag("region-tag"))
                .to(regionInvite.from())
                .callId(regionInvite.callId())
                .cseq(CSeq.of(cseq, method))
                .maxForwards(70)
                .addContact(NameAddr.of(SipUri.sip("agent", "127.0.0.1", 5080)))
                .build();
    }

    FakeInbound inbound(SipRequest request) {
        return new FakeInbound(request, DialogId.newTag(), new InetSocketAddress(CALLER_HOST, 5060));
    }
}
