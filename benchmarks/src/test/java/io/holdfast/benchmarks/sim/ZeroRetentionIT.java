package io.holdfast.benchmarks.sim;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.holdfast.relay.call.CallCounter;
import io.holdfast.relay.call.HoldfastRelay;
import io.holdfast.relay.config.AdminConfig;
import io.holdfast.relay.config.EscalationConfig;
import io.holdfast.relay.config.EventsConfig;
import io.holdfast.relay.config.FailoverConfig;
import io.holdfast.relay.config.FailoverMode;
import io.holdfast.relay.config.HoldfastConfig;
import io.holdfast.relay.config.LatchPolicy;
import io.holdfast.relay.config.MediaConfig;
import io.holdfast.relay.config.PortRange;
import io.holdfast.relay.config.RegionConfig;
import io.holdfast.relay.config.SipConfig;
import io.holdfast.relay.context.ContextCounter;
import io.holdfast.relay.context.ContextIntakes;
import io.holdfast.relay.context.ContextSchema;
import io.holdfast.relay.context.ResumeContext;
import io.holdfast.relay.context.ResumeHandoff;
import io.holdfast.relay.events.RouteChangeWriter;
import io.holdfast.sip.codec.SipCounter;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipUri;
import io.holdfast.sip.transaction.TransactionCounter;
import io.holdfast.sip.transport.Transport;
import io.holdfast.sip.transport.TransportCounter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Zero retention, proved on every output of real calls: a caller with a distinctive number (in From and
 * P-Asserted-Identity) calls through a real {@link HoldfastRelay} on 127.0.0.1 to simulated regions; the region
 * reports a resume context by INFO with a distinctive marker in every field, an intent failure and bodies holdfast
 * refuses; then the call moves mid-call to the second region (the first dies) and a region asks for a human (by
 * INFO or REFER), and the call goes to the agents with the context. Every log line of the JVM (root logger, {@code io.holdfast} at TRACE), every
 * route-change event line the {@link RouteChangeWriter} wrote and every counter are captured, and none may
 * carry a marker, the caller's number (its digits, with or without the country code) or the caller's Call-ID.
 * One grace after the call, holdfast holds no context.
 */
@Timeout(60)
class ZeroRetentionIT {
    private static final long WAIT_S = 10;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration GRACE = Duration.ofMillis(300);
    private static final String CALLER_NUMBER = "+4917655501234";
    /** Markers: letters no hex id, port or counter can produce. */
    private static final ResumeContext MARKED = ResumeContext.builder()
            .customerRef("cref-QXZKMARKA")
            .lastIntent("intent-QXZKMARKB")
            .crmResultRef("crm-QXZKMARKC")
            .summary("Summary QXZKMARKD: wants the Friday slot.\nSecond line QXZKMARKE.")
            .language("qxzkwv")
            .label("labelQXZKMARKF", "value-QXZKMARKG")
            .build();
    private static final String ESCALATION_REASON = "reason QXZKMARKH";
    private static final String REFUSED_VALUE = "refused-QXZKMARKI";
    private static final String REFER_TO_NUMBER = "+4915100000999";
    private static final List<String> MARKERS = List.of("QXZKMARKA", "QXZKMARKB", "QXZKMARKC", "QXZKMARKD",
            "QXZKMARKE", "qxzkwv", "QXZKMARKF", "QXZKMARKG", "QXZKMARKH", "QXZKMARKI");

    @TempDir
    Path temp;

    private final CapturingAppender logs = new CapturingAppender();
    private Level previousLevel;
    private RegionSimulator east;
    private RegionSimulator west;
    private RegionSimulator agents;
    private SimulatedCaller caller;
    private RouteChangeWriter events;
    private HoldfastRelay relay;
    private Path eventsFile;

    @BeforeEach
    void start() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.setContext(logging);
        logs.start();
        logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
        Logger holdfast = logging.getLogger("io.holdfast");
        previousLevel = holdfast.getLevel();
        holdfast.setLevel(Level.TRACE);

        east = RegionSimulator.start(RegionSimulatorConfig.loopback("east"));
        west = RegionSimulator.start(RegionSimulatorConfig.loopback("west"));
        agents = RegionSimulator.start(RegionSimulatorConfig.loopback("agents"));
        caller = SimulatedCaller.start(LOOPBACK);
        eventsFile = temp.resolve("events.jsonl");
        events = RouteChangeWriter.start(eventsFile, EventsConfig.DEFAULT_QUEUE_CAPACITY);
        relay = HoldfastRelay.builder(config()).eventLoops(2).events(events).contextGrace(GRACE).start();
    }

    private HoldfastConfig config() {
        SipConfig sip = new SipConfig(new InetSocketAddress(LOOPBACK, 0), SipConfig.DEFAULT_T1, SipConfig.DEFAULT_T2,
                SipConfig.DEFAULT_T4, SipConfig.DEFAULT_INVITE_TIMEOUT, SipConfig.DEFAULT_MAX_MESSAGE_BYTES,
                SipConfig.DEFAULT_PASSED_HEADERS);
        return new HoldfastConfig(sip,
                new MediaConfig(LOOPBACK, PortRange.EPHEMERAL, LatchPolicy.SIGNALLED, Duration.ofSeconds(2)),
                List.of(RegionConfig.of("east", east.sipUri(), 1), RegionConfig.of("west", west.sipUri(), 2)),
                new FailoverConfig(FailoverMode.COLD, Duration.ofSeconds(2), 2,
                        FailoverConfig.DEFAULT_BUDGET, Optional.empty(), Optional.empty()),
                Optional.of(new EscalationConfig(agents.sipUri())), AdminConfig.DEFAULT, new EventsConfig(eventsFile, EventsConfig.DEFAULT_QUEUE_CAPACITY),
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        if (events != null) {
            events.close();
        }
        if (caller != null) {
            caller.close();
        }
        if (agents != null) {
            agents.close();
        }
        if (west != null) {
            west.close();
        }
        if (east != null) {
            east.close();
        }
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        logs.stop();
        logging.getLogger("io.holdfast").setLevel(previousLevel);
    }

    /** The caller calls through holdfast from {@link #CALLER_NUMBER}; east answers. */
    private CallerCall connect() throws Exception {
        InetSocketAddress holdfast = relay.sipAddress(Transport.UDP);
        CallerCall call = caller.call(SipUri.sip("agent", holdfast.getAddress().getHostAddress(), holdfast.getPort()),
                holdfast, CALLER_NUMBER, (invite, sdp) -> invite.addHeader("P-Asserted-Identity",
                        "\"Caller\" <sip:" + CALLER_NUMBER + "@carrier.example;user=phone>"));
        assertThat(call.answerStatus().get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        Deadline.await("voice from east through holdfast", () -> call.received().count() >= 5);
        return call;
    }

    /** East reports the marked context, an intent failure, and bodies holdfast must refuse without echoing them. */
    private void reportEverything(RegionCall regionCall) throws Exception {
        assertThat(regionCall.sendInfo(ContextSchema.MEDIA_TYPE, "{\"customerRef\": " + REFUSED_VALUE + "}")
                .get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(400);
        assertThat(regionCall.sendContext(MARKED).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(regionCall.reportIntent("INTENT_NOT_UNDERSTOOD").get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(regionCall.sendInfo(ContextSchema.MEDIA_TYPE, "{\"summary\":\"" + REFUSED_VALUE.repeat(80) + "\"}")
                .get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(400);
        assertThat(regionCall.sendInfo("application/vnd.holdfast.context+xml", "<c>" + REFUSED_VALUE + "</c>")
                .get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(415);
        assertThat(regionCall.sendInfo(ContextSchema.MEDIA_TYPE, "{\"" + REFUSED_VALUE + "\":\"" + CALLER_NUMBER
                + "\"}").get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(400);
        assertThat(relay.contexts().orElseThrow().heldContexts()).isEqualTo(1);
    }

    @Test
    void shouldLeaveNoContextValueOrCallerNumberInAnyOutputWhenACallReportsContextAndEnds() throws Exception {
        CallerCall call = connect();
        RegionCall eastCall = east.call(0).get(WAIT_S, TimeUnit.SECONDS);
        reportEverything(eastCall);

        assertThat(call.hangUp().get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        eastCall.ended().get(WAIT_S, TimeUnit.SECONDS);

        ContextIntakes contexts = relay.contexts().orElseThrow();
        Deadline.await("the context erased one grace after the call", () -> held(contexts) == 0);
        assertThat(contexts.counter(ContextCounter.CONTEXTS_ERASED)).isEqualTo(1);
        assertNothingRetained(call.callId(), "INTENT_NOT_UNDERSTOOD", "CALLER_HANGUP");
    }

    @Test
    void shouldLeaveNoContextValueOrCallerNumberInAnyOutputWhenTheRegionAsksForAHuman() throws Exception {
        CallerCall call = connect();
        RegionCall eastCall = east.call(0).get(WAIT_S, TimeUnit.SECONDS);
        reportEverything(eastCall);

        assertThat(eastCall.requestEscalation(ESCALATION_REASON).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);

        RegionCall human = agents.call(0).get(WAIT_S, TimeUnit.SECONDS);
        human.answered().get(WAIT_S, TimeUnit.SECONDS);
        Deadline.await("the call escalated", () -> relay.counter(CallCounter.CALLS_ESCALATED) == 1);
        assertThat(agents.lastReceivedContext()).contains(MARKED);
        assertThat(human.inviteHeader(ResumeHandoff.ESCALATION_REASON))
                .isEqualTo("INTENT_HUMAN_REQUESTED;text=\"" + ESCALATION_REASON + "\"");
        eastCall.ended().get(WAIT_S, TimeUnit.SECONDS);
        hangUpAndAwaitErasure(call, human);
        assertThat(relay.contexts().orElseThrow().counter(ContextCounter.ESCALATIONS_REQUESTED)).isEqualTo(1);
        assertNothingRetained(call.callId(), "INTENT_HUMAN_REQUESTED", "\"outcome\":\"escalated\"");
    }

    @Test
    void shouldLeaveNoContextValueOrCallerNumberInAnyOutputWhenTheCallFailsOverThenEscalates() throws Exception {
        CallerCall call = connect();
        RegionCall eastCall = east.call(0).get(WAIT_S, TimeUnit.SECONDS);
        reportEverything(eastCall);

        east.die();

        RegionCall westCall = west.call(0).get(WAIT_S, TimeUnit.SECONDS);
        westCall.answered().get(WAIT_S, TimeUnit.SECONDS);
        Deadline.await("the call moved to west", () -> relay.counter(CallCounter.CALLS_REANCHORED) == 1);
        assertThat(west.lastReceivedContext()).contains(MARKED);
        assertThat(westCall.invite().from().uri().user()).isEqualTo(CALLER_NUMBER);
        int atReanchor = call.received().count();
        Deadline.await("west's voice at the caller", () -> call.received().count() >= atReanchor + 5);
        assertThat(westCall.sendContext(MARKED).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(westCall.requestEscalation(ESCALATION_REASON).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        RegionCall human = agents.call(0).get(WAIT_S, TimeUnit.SECONDS);
        human.answered().get(WAIT_S, TimeUnit.SECONDS);
        Deadline.await("the call escalated", () -> relay.counter(CallCounter.CALLS_ESCALATED) == 1);
        assertThat(agents.lastReceivedContext()).contains(MARKED);
        assertThat(human.inviteHeader(ResumeHandoff.RESUME_TOKEN)).isEqualTo(westCall.inviteHeader(ResumeHandoff.RESUME_TOKEN));

        hangUpAndAwaitErasure(call, human);
        assertNothingRetained(call.callId(), "MEDIA_UNREACHABLE", "\"outcome\":\"reanchored\"",
                "\"outcome\":\"escalated\"");
    }

    @Test
    void shouldAnswer202NotifyAndKeepNoReferToWhenTheRegionRefers() throws Exception {
        CallerCall call = connect();
        RegionCall eastCall = east.call(0).get(WAIT_S, TimeUnit.SECONDS);
        reportEverything(eastCall);

        assertThat(eastCall.refer(SipUri.sip(REFER_TO_NUMBER, "elsewhere.example", SipUri.NO_PORT))
                .get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(202);

        RegionCall human = agents.call(0).get(WAIT_S, TimeUnit.SECONDS);
        human.answered().get(WAIT_S, TimeUnit.SECONDS);
        Deadline.await("the call escalated", () -> relay.counter(CallCounter.CALLS_ESCALATED) == 1);
        assertThat(agents.lastReceivedContext()).contains(MARKED);
        Deadline.await("the NOTIFY of the REFER", () -> !eastCall.notifiesReceived().isEmpty());
        SipRequest notify = eastCall.notifiesReceived().get(0);
        assertThat(notify.header("Event")).startsWith("refer;id=");
        assertThat(notify.header("Subscription-State")).isEqualTo("terminated;reason=noresource");
        assertThat(notify.contentType()).isEqualTo("message/sipfrag;version=2.0");
        assertThat(notify.bodyAsString()).isEqualTo("SIP/2.0 100 Trying\r\n");
        hangUpAndAwaitErasure(call, human);
        assertThat(relay.contexts().orElseThrow().counter(ContextCounter.REFERS_ACCEPTED)).isEqualTo(1);
        assertNothingRetained(call.callId(), "INTENT_HUMAN_REQUESTED");
    }

    /** The caller hangs up on {@code last}, the call's last destination; one grace later no context is held. */
    private void hangUpAndAwaitErasure(CallerCall call, RegionCall last) throws Exception {
        assertThat(call.hangUp().get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        last.ended().get(WAIT_S, TimeUnit.SECONDS);
        ContextIntakes contexts = relay.contexts().orElseThrow();
        Deadline.await("the context erased one grace after the call", () -> held(contexts) == 0);
        assertThat(contexts.counter(ContextCounter.CONTEXTS_ERASED)).isEqualTo(1);
    }

    private static int held(ContextIntakes contexts) {
        try {
            return contexts.heldContexts();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while counting contexts", e);
        }
    }

    /**
     * Closes the relay and the event log (every queued line written), then searches every output for the
     * markers, the caller's number and Call-ID. {@code expected} must appear somewhere, so that the capture is
     * known to have worked.
     */
    private void assertNothingRetained(String callerCallId, String... expected) throws IOException {
        String counters = countersText();
        relay.close();
        relay = null;
        events.close();
        events = null;
        String eventLines = Files.readString(eventsFile, StandardCharsets.UTF_8);
        String logLines = String.join("\n", logs.lines);
        Map<String, String> outputs = Map.of("log", logLines, "events", eventLines, "counters", counters);

        assertThat(eventLines).contains("\"category\":\"intent\"");
        assertThat(logLines).contains("reported a resume context");
        assertThat(logLines + eventLines).contains(expected);
        List<String> forbidden = new ArrayList<>(MARKERS);
        forbidden.add(CALLER_NUMBER);
        forbidden.add(CALLER_NUMBER.substring(1));
        forbidden.add(CALLER_NUMBER.substring(3));
        forbidden.add(callerCallId);
        forbidden.add(REFER_TO_NUMBER.substring(1));
        for (Map.Entry<String, String> output : outputs.entrySet()) {
            String lower = output.getValue().toLowerCase(Locale.ROOT);
            for (String value : forbidden) {
                assertThat(lower).as("%s output must not contain %s", output.getKey(), value)
                        .doesNotContain(value.toLowerCase(Locale.ROOT));
            }
        }
    }

    private String countersText() {
        StringBuilder text = new StringBuilder();
        for (CallCounter counter : CallCounter.values()) {
            text.append(counter).append(' ').append(relay.counter(counter)).append('\n');
        }
        for (SipCounter counter : SipCounter.values()) {
            text.append(counter).append(' ').append(relay.sipStack().counter(counter)).append('\n');
        }
        for (TransportCounter counter : TransportCounter.values()) {
            text.append(counter).append(' ').append(relay.sipStack().counter(counter)).append('\n');
        }
        for (TransactionCounter counter : TransactionCounter.values()) {
            text.append(counter).append(' ').append(relay.sipStack().counter(counter)).append('\n');
        }
        for (ContextCounter counter : ContextCounter.values()) {
            text.append(counter).append(' ').append(relay.contexts().orElseThrow().counter(counter)).append('\n');
        }
        return text.toString();
    }

    /** Every logging event of the JVM, rendered with its logger, thread, MDC, arguments and stack trace. */
    private static final class CapturingAppender extends AppenderBase<ILoggingEvent> {
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder();
            line.append(event.getLevel()).append(' ').append(event.getThreadName()).append(' ')
                    .append(event.getLoggerName()).append(' ').append(event.getFormattedMessage())
                    .append(' ').append(event.getMDCPropertyMap());
            Object[] arguments = event.getArgumentArray();
            if (arguments != null) {
                for (Object argument : arguments) {
                    line.append(' ').append(argument);
                }
            }
            if (event.getThrowableProxy() != null) {
                line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            lines.add(line.toString());
        }
    }
}
