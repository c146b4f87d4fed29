package io.holdfast.relay.call;

import static io.holdfast.relay.call.CallFixture.regionRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.relay.config.FailoverMode;
import io.holdfast.relay.context.ContextCounter;
import io.holdfast.relay.context.ContextIntake;
import io.holdfast.relay.context.ContextIntakes;
import io.holdfast.relay.context.ContextSchema;
import io.holdfast.relay.context.ResumeContext;
import io.holdfast.relay.context.ResumeHandoff;
import io.holdfast.relay.events.CauseCategory;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.events.RouteOutcome;
import io.holdfast.relay.time.ManualNanoClock;
import io.holdfast.rtp.relay.MediaSide;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ContextIntake} as a real {@link Call} offers it the region's and the caller's in-dialog requests
 * (fake context, fake clock): 200, 400, 415 and 202 answers, what is relayed instead, intent reports as events
 * without failover, escalation through the trigger, REFER with its NOTIFY, and the grace after the call ends.
 * It lives next to {@link CallFixture} because a {@link Call} is made only inside its package.
 */
class ContextIntakeTest {
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final String SECRET_SUMMARY = "Caller Zebulon wants the blue-giraffe appointment moved";

    /** One escalation the trigger heard. */
    private record Escalation(Call call, CauseTag cause, String reasonText, List<Integer> answeredBefore) {
    }

    private final ManualNanoClock clock = new ManualNanoClock();
    private final List<RouteChangeEvent> events = new ArrayList<>();
    private final List<Escalation> escalations = new ArrayList<>();
    private FakeInbound lastOffered;
    private ContextIntake intake;
    private CallFixture f;
    private SipRequest regionInvite;
    private long cseq;

    @BeforeEach
    void connect() {
        intake = new ContextIntake(clock, GRACE, events::add, (call, cause, reasonText) ->
                escalations.add(new Escalation(call, cause, reasonText, lastOffered.statuses())));
        f = new CallFixture(CallFixture.inviteRequest(CallFixture.CALLER_SDP), CallFixture.COLD, intake, intake,
                region -> true, 2);
        regionInvite = f.connected().request();
        events.clear();
        f.context.events.clear();
    }

    private SipRequest.Builder fromRegion(SipMethod method) {
        return regionRequest(regionInvite, method, ++cseq).toBuilder();
    }

    private FakeInbound offer(MediaSide from, SipRequest request) {
        lastOffered = f.inbound(request);
        f.call.onInDialogRequest(from, lastOffered);
        return lastOffered;
    }

    private FakeInbound regionInfo(String contentType, String body) {
        return offer(MediaSide.UPSTREAM, fromRegion(SipMethod.INFO)
                .body(contentType, body.getBytes(StandardCharsets.UTF_8)).build());
    }

    private int sentCount() {
        return f.context.sent.size();
    }

    @Test
    void shouldStoreTheContextAndAnswer200WhenTheRegionReportsOne() {
        int sent = sentCount();

        FakeInbound info = regionInfo(ContextSchema.MEDIA_TYPE,
                "{\"customerRef\":\"c-7f3a\",\"summary\":\"" + SECRET_SUMMARY + "\",\"labels\":{\"tier\":\"gold\"}}");

        assertThat(info.statuses()).containsExactly(200);
        assertThat(intake.contextOf(f.call)).contains(ResumeContext.builder().customerRef("c-7f3a")
                .summary(SECRET_SUMMARY).label("tier", "gold").build());
        assertThat(sentCount()).isEqualTo(sent);
        assertThat(events).isEmpty();
        assertThat(intake.counter(ContextCounter.CONTEXTS_STORED)).isEqualTo(1);
        assertThat(intake.heldContexts()).isEqualTo(1);
    }

    @Test
    void shouldReplaceTheWholeContextWhenTheRegionReportsAgain() {
        regionInfo(ContextSchema.MEDIA_TYPE, "{\"customerRef\":\"c-1\",\"language\":\"de-CH\"}");

        FakeInbound second = regionInfo(ContextSchema.MEDIA_TYPE + ";charset=UTF-8", "{\"lastIntent\":\"book\"}");

        assertThat(second.statuses()).containsExactly(200);
        assertThat(intake.contextOf(f.call)).contains(ResumeContext.builder().lastIntent("book").build());
        assertThat(intake.heldContexts()).isEqualTo(1);
    }

    @Test
    void shouldAnswer400NamingTheFaultButNotTheValueWhenABodyBreaksTheSchema() {
        String tooLong = SECRET_SUMMARY.repeat(20);

        FakeInbound info = regionInfo(ContextSchema.MEDIA_TYPE, "{\"summary\":\"" + tooLong + "\"}");

        assertThat(info.statuses()).containsExactly(400);
        assertThat(info.last().reasonPhrase()).startsWith("Bad Request - summary must be at most 1000 characters")
                .doesNotContain("Zebulon");
        assertThat(intake.contextOf(f.call)).isEmpty();
        assertThat(intake.counter(ContextCounter.CONTEXT_REPORTS_REFUSED)).isEqualTo(1);
    }

    @Test
    void shouldAnswer400WithTheLineAndColumnWhenTheBodyIsNotJson() {
        FakeInbound info = regionInfo(ContextSchema.MEDIA_TYPE, "{\"summary\": Zebulon}");

        assertThat(info.statuses()).containsExactly(400);
        assertThat(info.last().reasonPhrase()).startsWith("Bad Request - malformed JSON at line 1").doesNotContain("Zebulon");
    }

    @Test
    void shouldAnswer400WhenTheBodyIsOver4096Bytes() {
        String body = "{\"summary\":\"" + "x".repeat(ContextSchema.MAX_BODY_BYTES) + "\"}";

        FakeInbound info = regionInfo(ContextSchema.MEDIA_TYPE, body);

        assertThat(info.statuses()).containsExactly(400);
        assertThat(info.last().reasonPhrase()).isEqualTo("Bad Request - context body is " + body.length()
                + " bytes, over the limit of 4096");
        assertThat(intake.heldContexts()).isZero();
    }

    @Test
    void shouldAnswer415WithAcceptWhenAHoldfastTypeIsNotTheContextType() {
        FakeInbound info = regionInfo("application/vnd.holdfast.context+xml", "<context/>");

        assertThat(info.statuses()).containsExactly(415);
        assertThat(info.last().header("Accept")).isEqualTo(ContextSchema.MEDIA_TYPE);
        assertThat(intake.counter(ContextCounter.CONTEXT_REPORTS_UNSUPPORTED)).isEqualTo(1);
    }

    @Test
    void shouldAnswer415WhenTheContextTypeHasAnotherCharset() {
        FakeInbound info = regionInfo(ContextSchema.MEDIA_TYPE + ";charset=ISO-8859-1", "{\"customerRef\":\"c-1\"}");

        assertThat(info.statuses()).containsExactly(415);
        assertThat(info.last().header("Accept")).isEqualTo(ContextSchema.MEDIA_TYPE);
        assertThat(intake.contextOf(f.call)).isEmpty();
    }

    @Test
    void shouldAnswer415WhenTheHoldfastInfoPackageCarriesAnotherType() {
        int sent = sentCount();

        FakeInbound info = offer(MediaSide.UPSTREAM, fromRegion(SipMethod.INFO)
                .addHeader("Info-Package", ContextIntake.INFO_PACKAGE)
                .body("application/json", "{\"customerRef\":\"c-1\"}".getBytes(StandardCharsets.UTF_8)).build());

        assertThat(info.statuses()).containsExactly(415);
        assertThat(info.last().header("Accept")).isEqualTo(ContextSchema.MEDIA_TYPE);
        assertThat(sentCount()).isEqualTo(sent);
    }

    @Test
    void shouldRelayAnInfoToTheCallerWhenItIsNotForHoldfast() {
        int sent = sentCount();

        FakeInbound info = regionInfo("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n");

        assertThat(info.responses).isEmpty();
        assertThat(sentCount()).isEqualTo(sent + 1);
        assertThat(f.context.last().request().method()).isEqualTo(SipMethod.INFO);
        assertThat(f.context.last().hop()).isEqualTo(f.call.caller().hop());
        assertThat(intake.counter(ContextCounter.CONTEXT_REPORTS_UNSUPPORTED)).isZero();
    }

    @Test
    void shouldRelayAContextInfoWhenItComesFromTheCaller() {
        int sent = sentCount();
        SipRequest info = f.callerRequest(SipMethod.INFO, 2).toBuilder()
                .body(ContextSchema.MEDIA_TYPE, "{\"customerRef\":\"c-1\"}".getBytes(StandardCharsets.UTF_8)).build();

        FakeInbound in = offer(MediaSide.CALLER, info);

        assertThat(in.responses).isEmpty();
        assertThat(sentCount()).isEqualTo(sent + 1);
        assertThat(f.context.last().hop()).isEqualTo(f.call.upstream().hop());
        assertThat(intake.contextOf(f.call)).isEmpty();
    }

    @Test
    void shouldRecordAnIntentEventAndNeverFailOverWhenTheRegionReportsAnIntentFailure() {
        FakeInbound info = regionInfo(ContextSchema.MEDIA_TYPE,
                "{\"intent\":{\"status\":\"INTENT_NOT_UNDERSTOOD\",\"confidence\":0.32}}");

        assertThat(info.statuses()).containsExactly(200);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.cause()).isEqualTo(CauseTag.INTENT_NOT_UNDERSTOOD);
            assertThat(event.category()).isEqualTo(CauseCategory.INTENT);
            assertThat(event.outcome()).isEqualTo(RouteOutcome.RECORDED);
            assertThat(event.fromRegion()).isEqualTo("east");
            assertThat(event.toRegion()).isNull();
            assertThat(event.callId()).isEqualTo(f.call.hashedCallId());
            assertThat(event.timeEpochMs()).isEqualTo(clock.epochMillis());
        });
        assertThat(escalations).isEmpty();
        assertThat(f.call.state()).isEqualTo(CallState.CONNECTED);
        assertThat(f.context.sent(SipMethod.INVITE)).as("no INVITE to another region").hasSize(1);
        assertThat(intake.counter(ContextCounter.INTENT_REPORTS)).isEqualTo(1);
    }

    @Test
    void shouldCountAnUnknownIntentAsIntentOtherWhenTheRegionReportsOne() {
        regionInfo(ContextSchema.MEDIA_TYPE, "{\"intent\":{\"status\":\"INTENT_SIP_5XX\"}}");

        assertThat(events).extracting(RouteChangeEvent::cause).containsExactly(CauseTag.INTENT_OTHER);
        assertThat(f.call.state()).isEqualTo(CallState.CONNECTED);
    }

    @Test
    void shouldAnswer200ThenTriggerTheEscalationWhenTheRegionAsksForAHuman() {
        FakeInbound info = regionInfo(ContextSchema.MEDIA_TYPE,
                "{\"escalate\":true,\"reason\":\"caller asked twice\",\"customerRef\":\"c-9\"}");

        assertThat(info.statuses()).containsExactly(200);
        assertThat(escalations).singleElement().satisfies(escalation -> {
            assertThat(escalation.call()).isSameAs(f.call);
            assertThat(escalation.cause()).isEqualTo(CauseTag.INTENT_HUMAN_REQUESTED);
            assertThat(escalation.reasonText()).isEqualTo("caller asked twice");
            assertThat(escalation.answeredBefore()).containsExactly(200);
        });
        assertThat(intake.contextOf(f.call)).contains(ResumeContext.builder().customerRef("c-9").build());
        assertThat(events).isEmpty();
    }

    @Test
    void shouldEscalateWithTheIntentTagWhenTheEscalationCarriesAnIntentReport() {
        regionInfo(ContextSchema.MEDIA_TYPE,
                "{\"intent\":{\"status\":\"INTENT_OUT_OF_SCOPE\"},\"escalate\":true,\"reason\":\"out of scope\"}");

        assertThat(escalations).extracting(Escalation::cause).containsExactly(CauseTag.INTENT_OUT_OF_SCOPE);
        assertThat(events).extracting(RouteChangeEvent::cause).containsExactly(CauseTag.INTENT_OUT_OF_SCOPE);
    }

    @Test
    void shouldAnswer202NotifyAndEscalateWhenTheRegionRefers() {
        int sent = sentCount();

        FakeInbound refer = offer(MediaSide.UPSTREAM, fromRegion(SipMethod.REFER)
                .addHeader("Refer-To", "<sip:+4930999888@elsewhere.example>").build());

        assertThat(refer.statuses()).containsExactly(202);
        assertThat(sentCount()).isEqualTo(sent + 1);
        SipRequest notify = f.context.last().request();
        assertThat(notify.method()).isEqualTo(SipMethod.NOTIFY);
        assertThat(notify.callId()).isEqualTo(regionInvite.callId());
        assertThat(notify.header("Event")).isEqualTo("refer;id=" + refer.request().cseq().sequence());
        assertThat(notify.header("Subscription-State")).isEqualTo("terminated;reason=noresource");
        assertThat(notify.contentType()).isEqualTo("message/sipfrag;version=2.0");
        assertThat(notify.bodyAsString()).isEqualTo("SIP/2.0 100 Trying\r\n");
        assertThat(f.context.last().hop()).isEqualTo(f.call.upstream().hop());
        assertThat(escalations).singleElement().satisfies(escalation -> {
            assertThat(escalation.cause()).isEqualTo(CauseTag.INTENT_HUMAN_REQUESTED);
            assertThat(escalation.reasonText()).doesNotContain("4930999888");
            assertThat(escalation.answeredBefore()).containsExactly(202);
        });
        assertThat(intake.counter(ContextCounter.REFERS_ACCEPTED)).isEqualTo(1);
    }

    @Test
    void shouldSendNoNotifyWhenTheReferDeclinesTheSubscription() {
        int sent = sentCount();

        FakeInbound refer = offer(MediaSide.UPSTREAM, fromRegion(SipMethod.REFER)
                .addHeader("Refer-To", "<sip:queue@elsewhere.example>").addHeader("Refer-Sub", "false").build());

        assertThat(refer.statuses()).containsExactly(202);
        assertThat(refer.last().header("Refer-Sub")).isEqualTo("false");
        assertThat(sentCount()).isEqualTo(sent);
        assertThat(escalations).hasSize(1);
    }

    @Test
    void shouldAnswer400AndNotEscalateWhenAReferHasNoReferTo() {
        FakeInbound refer = offer(MediaSide.UPSTREAM, fromRegion(SipMethod.REFER).build());

        assertThat(refer.statuses()).containsExactly(400);
        assertThat(escalations).isEmpty();
        assertThat(intake.counter(ContextCounter.REFERS_REFUSED)).isEqualTo(1);
    }

    @Test
    void shouldAnswer481AndKeepNothingWhenTheCallHasEnded() {
        offer(MediaSide.CALLER, f.callerRequest(SipMethod.BYE, 2));
        assertThat(f.call.state()).isEqualTo(CallState.TERMINATED);

        FakeInbound info = regionInfo(ContextSchema.MEDIA_TYPE, "{\"customerRef\":\"c-1\"}");

        assertThat(info.statuses()).containsExactly(481);
        assertThat(intake.contextOf(f.call)).isEmpty();
        assertThat(intake.counter(ContextCounter.CONTEXT_REPORTS_ACCEPTED)).isZero();
    }

    @Test
    void shouldEraseTheContextOneGraceAfterTheCallEnds() {
        regionInfo(ContextSchema.MEDIA_TYPE, "{\"summary\":\"" + SECRET_SUMMARY + "\"}");
        intake.callEnded(f.call);

        clock.advance(GRACE.minusNanos(1));
        assertThat(intake.expire()).isZero();
        assertThat(intake.contextOf(f.call)).isPresent();

        clock.advance(Duration.ofNanos(1));
        assertThat(intake.expire()).isEqualTo(1);
        assertThat(intake.contextOf(f.call)).isEmpty();
        assertThat(intake.heldContexts()).isZero();
        assertThat(intake.counter(ContextCounter.CONTEXTS_ERASED)).isEqualTo(1);
    }

    @Test
    void shouldPassEachCallToItsLoopsIntakeWhenDispatchingForTheRelay() {
        ContextIntakes intakes = new ContextIntakes(2, clock, GRACE, events::add, (call, cause, text) -> { });
        CallFixture other = new CallFixture(CallFixture.inviteRequest(CallFixture.CALLER_SDP), CallFixture.COLD,
                intakes, region -> true);
        SipRequest invite = other.connected().request();
        FakeInbound info = other.inbound(regionRequest(invite, SipMethod.INFO, 1).toBuilder()
                .body(ContextSchema.MEDIA_TYPE, "{\"customerRef\":\"c-2\"}".getBytes(StandardCharsets.UTF_8)).build());

        other.call.onInDialogRequest(MediaSide.UPSTREAM, info);

        assertThat(info.statuses()).containsExactly(200);
        assertThat(intakes.contextOf(other.call)).contains(ResumeContext.builder().customerRef("c-2").build());
        assertThat(intakes.loop(0).heldContexts()).isEqualTo(1);
        assertThat(intakes.loop(1).heldContexts()).isZero();
        assertThat(intakes.counter(ContextCounter.CONTEXTS_STORED)).isEqualTo(1);
    }

    @Test
    void shouldInviteTheEscalationUriWithTheContextWhenTheRegionAsksForAHumanThroughTheRelaysTrigger() {
        ContextIntake relays = new ContextIntake(clock, GRACE, events::add, HoldfastRelay.escalationTrigger());
        CallFixture other = new CallFixture(CallFixture.inviteRequest(CallFixture.CALLER_SDP),
                CallFixture.policy(FailoverMode.COLD, 2, true), relays, relays, region -> true, 2);
        SipRequest invite = other.connected().request();
        FakeInbound info = other.inbound(regionRequest(invite, SipMethod.INFO, 1).toBuilder()
                .body(ContextSchema.MEDIA_TYPE, ("{\"summary\":\"" + SECRET_SUMMARY + "\",\"escalate\":true,"
                        + "\"reason\":\"a person\"}").getBytes(StandardCharsets.UTF_8)).build());

        other.call.onInDialogRequest(MediaSide.UPSTREAM, info);

        assertThat(info.statuses()).containsExactly(200);
        assertThat(other.call.state()).isEqualTo(CallState.RECOVERING);
        SipRequest agents = other.context.last().request();
        assertThat(agents.method()).isEqualTo(SipMethod.INVITE);
        assertThat(agents.requestUri().port()).isEqualTo(CallFixture.ESCALATION_PORT);
        assertThat(agents.header(ResumeHandoff.ESCALATION_REASON)).isEqualTo("INTENT_HUMAN_REQUESTED;text=\"a person\"");
        assertThat(ResumeHandoff.contextPartOf(agents)).hasValueSatisfying(part ->
                assertThat(new String(part, StandardCharsets.UTF_8)).contains(SECRET_SUMMARY));
    }
}
