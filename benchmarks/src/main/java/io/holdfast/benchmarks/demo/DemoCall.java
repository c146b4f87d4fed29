package io.holdfast.benchmarks.demo;

import io.holdfast.benchmarks.failover.FailoverRig;
import io.holdfast.benchmarks.failover.FailoverTrace;
import io.holdfast.benchmarks.sim.AgentVoice;
import io.holdfast.benchmarks.sim.CallerCall;
import io.holdfast.benchmarks.sim.ReceivedRtp;
import io.holdfast.benchmarks.sim.RegionCall;
import io.holdfast.benchmarks.sim.RegionSimulator;
import io.holdfast.relay.config.FailoverMode;
import io.holdfast.relay.config.HoldfastConfig;
import io.holdfast.relay.context.ContextSchema;
import io.holdfast.relay.context.ResumeContext;
import io.holdfast.relay.context.ResumeHandoff;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.events.RouteOutcome;
import io.holdfast.rtp.prompt.PromptCodec;
import io.holdfast.sip.message.SipUri;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The demo's one call, narrated as it happens: the caller dials holdfast, the primary answers and reports a resume
 * context by INFO, the primary is killed, and every step the caller lives through is printed when it is seen (from
 * the caller's recording, the regions' records and holdfast's route-change events), stamped with the time since the
 * caller dialled. Every wait is bounded. Runs on the thread that calls {@link #run()}.
 */
final class DemoCall {
    /** The resume context the primary reports: demo data, printed on purpose. */
    static final ResumeContext CONTEXT = ResumeContext.builder()
            .customerRef("cust-4711")
            .lastIntent("book_appointment")
            .crmResultRef("crm-lookup-20931")
            .summary("Wants to move Tuesday's dentist appointment to Friday morning.")
            .language("en-GB")
            .label("channel", "phone")
            .build();

    private static final Duration ANSWER_WAIT = Duration.ofSeconds(5);
    private static final Duration CONTEXT_AFTER = Duration.ofMillis(300);
    private static final Duration FAILOVER_WAIT = Duration.ofSeconds(10);
    private static final Duration ON_NEW_REGION = Duration.ofSeconds(2);
    /** How long an event may trail what the caller saw (the writer hands events over within a millisecond). */
    private static final Duration EVENT_LATENESS = Duration.ofMillis(200);
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int FIRST_FRAMES = 1;

    private final FailoverRig rig;
    private final PrintWriter out;
    private final Duration killAfter;
    private final RegionSimulator primary;
    private final RegionSimulator secondary;
    private long startNs;
    private boolean movedBeforeKill;

    DemoCall(FailoverRig rig, PrintWriter out, Duration killAfter) {
        this.rig = rig;
        this.out = out;
        this.killAfter = killAfter;
        this.primary = rig.primary();
        this.secondary = rig.secondary();
    }

    /** Places the call, kills the primary, narrates; true when the call moved to the secondary. */
    boolean run() throws InterruptedException {
        setting();
        InetSocketAddress holdfast = rig.holdfastSipAddress();
        SipUri target = SipUri.sip("agent", holdfast.getAddress().getHostAddress(), holdfast.getPort());
        startNs = System.nanoTime();
        CallerCall call = rig.caller().call(target, holdfast, "+15550100");
        say(startNs, "caller dials holdfast: INVITE " + target);
        if (!answered(call)) {
            return false;
        }
        if (rig.config().failover().mode() == FailoverMode.WARM) {
            secondary.lastCall().ifPresent(standby -> say(standby.startedNs(), "warm mode: holdfast holds a standby leg"
                    + " on " + secondary.name() + " (INVITE with a=inactive), ready to take the call"));
        }
        reportContext();
        watchUntil(startNs + killAfter.toNanos());
        boolean movedEarly = movedBeforeKill;
        // Counted before the kill: on a busy machine holdfast may invite the secondary before this thread goes on.
        int secondaryCallsBefore = secondary.calls().size();
        long reOffersBefore = secondary.reOffersReceived();
        primary.die();
        long diedNs = primary.diedAtNs();
        say(diedNs, ">>> PRIMARY KILLED: " + primary.name() + " dies (its SIP, RTP and health sockets close at once)");
        Optional<RouteChangeEvent> event = watchFailover(call, diedNs, secondaryCallsBefore, reOffersBefore);
        FailoverTrace trace = FailoverTrace.of(call.received(), rig.voiceOf(primary), rig.voiceOf(secondary), diedNs,
                event);
        if (trace.firstNewFrameNs() != FailoverTrace.NEVER) {
            await(System.nanoTime() + ON_NEW_REGION.toNanos(), () -> false);
        }
        hangUp(call);
        summary(call, trace);
        if (movedEarly) {
            out.println("The call left " + primary.name() + " before it was killed: " + primary.name() + "'s voice"
                    + " stalled for longer than media-timeout (" + rig.config().failover().mediaTimeout().toMillis()
                    + " ms), a busy machine most likely; the kill did not cause the failover. Run the demo again.");
            return false;
        }
        return trace.isComplete() && event.get().outcome() == RouteOutcome.REANCHORED
                && secondary.name().equals(event.get().toRegion());
    }

    private void setting() {
        HoldfastConfig config = rig.config();
        out.println("holdfast demo: a mid-call failover on the built-in configuration");
        out.println("  holdfast      SIP " + address(rig.holdfastSipAddress()) + " (udp+tcp), media "
                + config.media().address().getHostAddress() + (config.media().ports().isEphemeral()
                        ? " ports chosen by the OS" : " ports " + config.media().ports())
                + ", failover " + config.failover().mode().name().toLowerCase(Locale.ROOT) + ", media-timeout "
                + config.failover().mediaTimeout().toMillis() + " ms");
        for (int i = 0; i < rig.regions().size(); i++) {
            RegionSimulator region = rig.regions().get(i);
            out.println("  region " + pad(region.name()) + " " + config.regions().get(i).uri()
                    + "  simulated Voice AI region (priority " + config.regions().get(i).priority()
                    + "), its agent speaks " + rig.voiceOf(region).name());
        }
        rig.escalation().ifPresent(agent -> out.println("  escalation    " + config.escalation().orElseThrow().uri()
                + "  simulated human agents, " + rig.voiceOf(agent).name() + " (when no region can take a call)"));
        out.println("  caller        simulated phone, speaks tone 1000 Hz, records every RTP packet it hears");
        out.println("  events        " + rig.eventsFile());
        out.println();
    }

    private boolean answered(CallerCall call) throws InterruptedException {
        try {
            int status = call.answerStatus().get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (status != 200) {
                say(System.nanoTime(), "the call was not answered: " + status + "; holdfast could not reach a region");
                return false;
            }
        } catch (TimeoutException e) {
            say(System.nanoTime(), "no answer within " + ANSWER_WAIT.toSeconds() + " s");
            return false;
        } catch (ExecutionException e) {
            say(System.nanoTime(), "the call failed: " + e.getCause());
            return false;
        }
        Optional<RegionCall> onPrimary = primary.lastCall().filter(c -> c.state() == RegionCall.State.CONFIRMED);
        if (onPrimary.isEmpty()) {
            say(System.nanoTime(), "call answered, but not by " + primary.name() + ": nothing to fail over from");
            return false;
        }
        say(onPrimary.get().startedNs(), "holdfast sends its own INVITE to " + primary.name()
                + " (its own Call-ID and SDP: the region never sees the caller's addresses)");
        long answeredNs = System.nanoTime();
        AgentVoice voice = rig.voiceOf(primary);
        await(answeredNs + ANSWER_WAIT.toNanos(), () -> firstFrameOf(call, voice) != null);
        ReceivedRtp first = firstFrameOf(call, voice);
        say(answeredNs, "call answered by " + primary.name() + " (200 OK), media anchored through holdfast; "
                + (first == null ? "the caller hears nothing" : "the caller hears " + primary.name() + "'s agent ("
                        + voice.name() + ") from t=" + seconds(first.arrivalNs()) + " s"));
        return first != null;
    }

    private void reportContext() throws InterruptedException {
        watchUntil(System.nanoTime() + CONTEXT_AFTER.toNanos());
        RegionCall regionCall = primary.lastCall().orElseThrow();
        long sentNs = System.nanoTime();
        int status;
        try {
            status = regionCall.sendContext(CONTEXT).get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            status = -1;
        }
        say(sentNs, primary.name() + " reports the resume context by INFO (" + ContextSchema.MEDIA_TYPE + "): "
                + fields(CONTEXT) + " -> " + (status < 0 ? "no answer" : Integer.toString(status)));
    }

    /**
     * Before the kill: prints the route-change events that arrive until {@code untilNs}, and notes when one moved the
     * call (a region that stalled on a busy machine, not the demo's failover).
     */
    private void watchUntil(long untilNs) throws InterruptedException {
        long leftNs;
        while ((leftNs = untilNs - System.nanoTime()) > 0) {
            Optional<RouteChangeEvent> event = rig.nextEvent(e -> true, Duration.ofNanos(Math.min(leftNs, POLL_NS)));
            if (event.isPresent()) {
                event(event.get());
                movedBeforeKill |= event.get().outcome() != RouteOutcome.ENDED;
            }
        }
    }

    /** Prints the failover's steps as they are seen, until the caller hears the secondary and the event arrived. */
    private Optional<RouteChangeEvent> watchFailover(CallerCall call, long diedNs, int secondaryCallsBefore,
            long reOffersBefore) throws InterruptedException {
        long deadlineNs = System.nanoTime() + FAILOVER_WAIT.toNanos();
        AgentVoice oldVoice = rig.voiceOf(primary);
        AgentVoice newVoice = rig.voiceOf(secondary);
        boolean promptSeen = false;
        boolean inviteSeen = false;
        boolean newVoiceSeen = false;
        Optional<RouteChangeEvent> reanchored = Optional.empty();
        boolean reOfferSeen = false;
        boolean callLost = false;
        while (System.nanoTime() - deadlineNs < 0 && !(newVoiceSeen && reanchored.isPresent()) && !callLost) {
            FailoverTrace trace = FailoverTrace.of(call.received(), oldVoice, newVoice, diedNs, Optional.empty());
            if (!promptSeen && trace.firstPromptFrameNs() != FailoverTrace.NEVER) {
                promptSeen = true;
                say(trace.firstPromptFrameNs(), "caller hears the hold prompt (" + ms(trace.gapToPromptNs())
                        + " ms after " + primary.name() + "'s last packet)");
            }
            inviteSeen = inviteSeen || sayNewRegionInvite(secondaryCallsBefore);
            if (!reOfferSeen && secondary.reOffersReceived() > reOffersBefore) {
                reOfferSeen = true;
                say(System.nanoTime(), secondary.name() + " receives holdfast's re-INVITE on the standby leg: it takes"
                        + " the call");
            }
            if (!newVoiceSeen && trace.firstNewFrameNs() != FailoverTrace.NEVER) {
                newVoiceSeen = true;
                // The INVITE came before the voice; if this round looked too early for it, say it first.
                inviteSeen = inviteSeen || sayNewRegionInvite(secondaryCallsBefore);
                say(trace.firstNewFrameNs(), "caller hears " + secondary.name() + "'s agent: the call is re-anchored on "
                        + secondary.name() + "; no agent for " + ms(trace.gapToNewRegionNs()) + " ms, longest silence "
                        + ms(trace.maxSilenceNs()) + " ms");
            }
            Optional<RouteChangeEvent> event = rig.nextEvent(e -> true, Duration.ofNanos(POLL_NS));
            if (event.isPresent()) {
                event(event.get());
                if (event.get().outcome() == RouteOutcome.REANCHORED) {
                    reanchored = event;
                }
                callLost = event.get().outcome() == RouteOutcome.RELEASED;
            }
            callLost |= call.state() == CallerCall.State.ENDED;
        }
        if (!inviteSeen) {
            sayNewRegionInvite(secondaryCallsBefore);
        }
        if (callLost) {
            Optional<RouteChangeEvent> late;
            while ((late = rig.nextEvent(e -> true, EVENT_LATENESS)).isPresent()) {
                event(late.get());
            }
            say(System.nanoTime(), "the call is lost: holdfast " + call.byeReceived().map(bye -> "ended it (BYE"
                    + (bye.reasons().isEmpty() ? "" : ", Reason: " + bye.reasons().get(0)) + ")")
                    .orElse("released it"));
        } else if (!newVoiceSeen || reanchored.isEmpty()) {
            say(System.nanoTime(), "after " + FAILOVER_WAIT.toSeconds() + " s: " + (newVoiceSeen ? "" : "the caller never"
                    + " heard " + secondary.name() + "; ") + (reanchored.isPresent() ? "" : "holdfast reported no re-anchor"));
        }
        return reanchored;
    }

    /** Says what the secondary received once it lists a call it did not have before; returns whether it did. */
    private boolean sayNewRegionInvite(int secondaryCallsBefore) {
        List<RegionCall> secondaryCalls = secondary.calls();
        if (secondaryCalls.size() <= secondaryCallsBefore) {
            return false;
        }
        newRegionInvite(secondaryCalls.get(secondaryCalls.size() - 1));
        return true;
    }

    private void newRegionInvite(RegionCall newCall) {
        String cause = newCall.inviteHeader(ResumeHandoff.FAILOVER_CAUSE);
        String attempt = newCall.inviteHeader(ResumeHandoff.ATTEMPT);
        say(newCall.startedNs(), secondary.name() + " receives holdfast's INVITE"
                + (cause == null ? "" : ": " + ResumeHandoff.FAILOVER_CAUSE + " " + cause)
                + (attempt == null ? "" : ", " + ResumeHandoff.ATTEMPT + " " + attempt));
        Optional<ResumeContext> context = secondary.lastReceivedContext();
        if (context.isPresent()) {
            say(newCall.startedNs(), secondary.name() + " received the resume context: " + fields(context.get())
                    + (context.get().equals(CONTEXT) ? ", all as " + primary.name() + " reported them" : ""));
            out.println("               customerRef=" + context.get().customerRef() + " lastIntent="
                    + context.get().lastIntent() + " language=" + context.get().language() + " summary=\""
                    + context.get().summary() + "\"");
        } else {
            say(newCall.startedNs(), secondary.name() + "'s INVITE carries no resume context");
        }
    }

    private void event(RouteChangeEvent event) {
        StringBuilder line = new StringBuilder("holdfast route-change event: ")
                .append(event.fromRegion() == null ? "-" : event.fromRegion()).append(" -> ")
                .append(event.toRegion() == null ? "-" : event.toRegion())
                .append(", cause ").append(event.cause().name())
                .append(", outcome ").append(event.outcome().wireName());
        appendMs(line, "detection", event.detection());
        appendMs(line, "prompt start", event.promptStart());
        appendMs(line, "re-anchor", event.reanchor());
        appendMs(line, "caller-heard gap", event.callerHeardGap());
        say(System.nanoTime(), line.toString());
    }

    private void hangUp(CallerCall call) throws InterruptedException {
        await(System.nanoTime() + ANSWER_WAIT.toNanos(), () -> call.state() == CallerCall.State.ENDED
                || call.byeReceived().isEmpty());
        if (call.state() == CallerCall.State.ENDED) {
            return;
        }
        long byeNs = System.nanoTime();
        try {
            int status = call.hangUp().get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            say(byeNs, "caller hangs up: BYE -> " + status);
        } catch (ExecutionException | TimeoutException e) {
            say(byeNs, "caller hangs up: no answer to the BYE");
        }
        Optional<RouteChangeEvent> ended = rig.nextEvent(e -> e.outcome() == RouteOutcome.ENDED, ANSWER_WAIT);
        ended.ifPresent(this::event);
    }

    private void summary(CallerCall call, FailoverTrace trace) {
        out.println();
        out.println("What the caller heard: " + call.received().count() + " RTP packets, "
                + call.received().ssrcs().size() + " SSRC, " + call.received().sequenceBreaks() + " sequence breaks"
                + (call.received().isContinuous() && trace.firstNewFrameNs() != FailoverTrace.NEVER
                        ? " (one continuous stream across the failover, as holdfast promises)" : ""));
        if (trace.lastOldFrameNs() != FailoverTrace.NEVER) {
            out.println("  " + primary.name() + " until t=" + seconds(trace.lastOldFrameNs()) + " s"
                    + (trace.firstPromptFrameNs() == FailoverTrace.NEVER ? ", no prompt"
                            : ", prompt from t=" + seconds(trace.firstPromptFrameNs()) + " s")
                    + (trace.firstNewFrameNs() == FailoverTrace.NEVER ? ", " + secondary.name() + " never"
                            : ", " + secondary.name() + " from t=" + seconds(trace.firstNewFrameNs()) + " s"));
        }
    }

    private ReceivedRtp firstFrameOf(CallerCall call, AgentVoice voice) {
        return call.received().firstMatching(startNs, packet ->
                voice.isFrameOf(PromptCodec.PCMU, packet.payload()) || voice.isFrameOf(PromptCodec.PCMA, packet.payload()));
    }

    private void say(long atNs, String what) {
        out.println("[t=" + seconds(atNs) + " s] " + what);
        out.flush();
    }

    private String seconds(long atNs) {
        return String.format(Locale.ROOT, "%6.3f", (atNs - startNs) / 1e9);
    }

    private static String ms(long ns) {
        return ns == FailoverTrace.NEVER ? "?" : String.format(Locale.ROOT, "%.1f", ns / 1e6);
    }

    private static void appendMs(StringBuilder line, String what, Duration duration) {
        if (duration != null) {
            line.append(", ").append(what).append(' ').append(ms(duration.toNanos())).append(" ms");
        }
    }

    private static String fields(ResumeContext context) {
        StringBuilder names = new StringBuilder();
        append(names, ContextSchema.CUSTOMER_REF, context.customerRef());
        append(names, ContextSchema.LAST_INTENT, context.lastIntent());
        append(names, ContextSchema.CRM_RESULT_REF, context.crmResultRef());
        append(names, ContextSchema.SUMMARY, context.summary());
        append(names, ContextSchema.LANGUAGE, context.language());
        if (!context.labels().isEmpty()) {
            append(names, ContextSchema.LABELS, "");
        }
        return names.toString();
    }

    private static void append(StringBuilder names, String field, String value) {
        if (value != null) {
            names.append(names.length() == 0 ? "" : ", ").append(field);
        }
    }

    private static String pad(String name) {
        return name.length() >= 6 ? name : name + " ".repeat(6 - name.length());
    }

    private static String address(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** Waits until {@code condition} holds or {@code untilNs} passes, polling every few milliseconds. */
    private static void await(long untilNs, BooleanSupplier condition) {
        long leftNs;
        while (!condition.getAsBoolean() && (leftNs = untilNs - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(leftNs, POLL_NS));
        }
    }
}
