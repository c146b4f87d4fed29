package io.holdfast.relay.context;

import io.holdfast.relay.call.Call;
import io.holdfast.relay.call.EscalationTrigger;
import io.holdfast.relay.call.InDialogRequestInterceptor;
import io.holdfast.relay.call.InboundRequest;
import io.holdfast.relay.call.ResumeContextSource;
import io.holdfast.relay.events.CauseTag;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.relay.events.RouteChangeSink;
import io.holdfast.relay.events.RouteOutcome;
import io.holdfast.relay.routing.Region;
import io.holdfast.relay.time.NanoClock;
import io.holdfast.rtp.relay.MediaSide;
import io.holdfast.sip.message.MediaType;
import io.holdfast.sip.message.SipHeader;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resume-context intake of one event loop: takes the requests a region sends holdfast itself inside a
 * call's dialog, keeps the latest context of each call in the loop's {@link ContextStore} and hands it to a
 * failover or an escalation ({@link ResumeContextSource}).
 *
 * <p><b>Which requests are taken.</b> Only requests from the region ({@link MediaSide#UPSTREAM}); the caller's
 * are always relayed. From the region:
 * <ul>
 *   <li>an INFO is <em>for holdfast</em> when its Content-Type is in holdfast's vendor tree
 *       ({@code application/vnd.holdfast.*}, any suffix or parameters) or it carries
 *       {@code Info-Package: }{@value #INFO_PACKAGE}. Of those, a body of exactly {@link ContextSchema#MEDIA_TYPE}
 *       (charset UTF-8 or none) is checked by {@link ContextParser}: {@code 200} when accepted, {@code 400} with a
 *       reason phrase naming the fault (never a value) when not; any other type, or none, gets {@code 415} with
 *       {@code Accept: application/vnd.holdfast.context+json}. Every other INFO (DTMF, another info package, no
 *       body) is relayed to the caller as before;</li>
 *   <li>a REFER is answered {@code 202 Accepted} and read as a request for a human: the
 *       {@link EscalationTrigger} takes the call to holdfast's own escalation destination. The Refer-To is
 *       not followed (nor logged): where a call may go is holdfast's configuration, and a region must not be
 *       able to send a caller, with the resume context, to a URI of its choosing. The implicit subscription
 *       (RFC 3515 §2.4.4) gets one NOTIFY, {@code message/sipfrag} {@code SIP/2.0 100 Trying} with
 *       {@code Subscription-State: terminated;reason=noresource}: holdfast does not place the call the REFER
 *       names, so there is no later outcome to report. A REFER with {@code Refer-Sub: false} (RFC 4488) gets
 *       {@code Refer-Sub: false} back and no NOTIFY. A REFER without exactly one Refer-To gets {@code 400}.</li>
 * </ul>
 *
 * <p><b>What an accepted body does.</b> A context replaces the call's previous one whole; an intent report is
 * one route-change event with its {@code INTENT_*} cause (category intent) and outcome
 * {@link RouteOutcome#RECORDED} and never moves the call; {@code "escalate": true} is answered first and then
 * handed to the {@link EscalationTrigger}, with the reported intent's tag when the body has one, else
 * {@link CauseTag#INTENT_HUMAN_REQUESTED}.
 *
 * <p><b>Zero retention.</b> Contexts live in the store only, keyed by the call's hashed id (never its
 * Call-ID), for the call's life and then the store's grace, erased by {@link #expire}. No log line, event
 * or counter carries a context value, an escalation reason, a Refer-To or a caller number; a refusal's
 * reason is logged with its quoted names blanked (an unknown field's or a label's name is the region's text),
 * while the 400 response gives the region the whole reason.
 *
 * <p>Confined to its event loop: every method but the counter reads runs there.
 */
public final class ContextIntake implements InDialogRequestInterceptor, ResumeContextSource {
    /** The info package (RFC 6086) that marks an INFO as holdfast's whatever its body type. */
    public static final String INFO_PACKAGE = "holdfast-context";

    private static final Logger LOG = LoggerFactory.getLogger(ContextIntake.class);
    private static final String VENDOR_TREE = "vnd.holdfast.";
    private static final ContextCounter[] COUNTERS = ContextCounter.values();
    private static final byte[] SIPFRAG_TRYING = "SIP/2.0 100 Trying\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");
    private static final String REFER_ESCALATION = "the region sent REFER";

    private final NanoClock clock;
    private final ContextStore store;
    private final RouteChangeSink events;
    private final EscalationTrigger escalation;
    private final AtomicLongArray counters = new AtomicLongArray(COUNTERS.length);

    /**
     * @param clock      the loop's clock: grace deadlines and event times
     * @param grace      how long a context outlives its call
     * @param events     where intent reports go
     * @param escalation what a request for a human calls
     */
    public ContextIntake(NanoClock clock, Duration grace, RouteChangeSink events, EscalationTrigger escalation) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = new ContextStore(clock, grace);
        this.events = Objects.requireNonNull(events, "events");
        this.escalation = Objects.requireNonNull(escalation, "escalation");
    }

    @Override
    public boolean intercept(Call call, MediaSide from, InboundRequest request) {
        if (from != MediaSide.UPSTREAM) {
            return false;
        }
        SipRequest r = request.request();
        if (r.method() == SipMethod.REFER) {
            onRefer(call, request);
            return true;
        }
        if (r.method() != SipMethod.INFO || !isForHoldfast(r)) {
            return false;
        }
        ContextParseResult result = ContextParser.parse(r);
        if (result instanceof ContextParseResult.Accepted accepted) {
            onAccepted(call, request, accepted.report());
        } else if (result instanceof ContextParseResult.UnsupportedMediaType unsupported) {
            count(ContextCounter.CONTEXT_REPORTS_UNSUPPORTED);
            LOG.info("call {}: context INFO from region {} refused with 415: {}", call.hashedCallId(),
                    regionName(call), unsupported.reason());
            request.respond(request.response(unsupported.statusCode(), unsupported.reasonPhrase())
                    .addHeader("Accept", ContextSchema.MEDIA_TYPE).build());
        } else {
            count(ContextCounter.CONTEXT_REPORTS_REFUSED);
            LOG.info("call {}: context INFO from region {} refused with 400: {}", call.hashedCallId(),
                    regionName(call), loggable(((ContextParseResult.BadRequest) result).reason()));
            request.respond(request.response(result.statusCode(), result.reasonPhrase()).build());
        }
        return true;
    }

    /** The latest context the call's region reported, during the call's life and grace. */
    @Override
    public Optional<ResumeContext> contextOf(Call call) {
        return store.get(callRef(call));
    }

    /** The call ended: its context is erased one grace from now. */
    @Override
    public void callEnded(Call call) {
        store.callEnded(callRef(call));
    }

    /**
     * The loop's periodic sweep: erases every context whose grace has run out at {@code nowNs}.
     *
     * @return how many were erased
     */
    public int expire(long nowNs) {
        int erased = store.expire(nowNs);
        if (erased > 0) {
            counters.lazySet(ContextCounter.CONTEXTS_ERASED.ordinal(),
                    counters.get(ContextCounter.CONTEXTS_ERASED.ordinal()) + erased);
        }
        return erased;
    }

    /** {@link #expire} at the clock's time now. */
    public int expire() {
        return expire(clock.nanoTime());
    }

    /** Calls with a context held, live or in their grace. Loop only. */
    public int heldContexts() {
        return store.size();
    }

    /** A counter of this loop; any thread. */
    public long counter(ContextCounter counter) {
        return counters.get(counter.ordinal());
    }

    /**
     * True when an INFO is addressed to holdfast rather than to the caller: a body type in holdfast's vendor
     * tree, or holdfast's info package.
     */
    static boolean isForHoldfast(SipRequest info) {
        String infoPackage = info.header("Info-Package");
        if (infoPackage != null && INFO_PACKAGE.equalsIgnoreCase(infoPackage.trim())) {
            return true;
        }
        String contentType = info.contentType();
        MediaType type = contentType == null ? null : MediaType.parse(contentType);
        return type != null && "application".equalsIgnoreCase(type.type())
                && type.subtype().toLowerCase(Locale.ROOT).startsWith(VENDOR_TREE);
    }

    private void onAccepted(Call call, InboundRequest request, ContextReport report) {
        count(ContextCounter.CONTEXT_REPORTS_ACCEPTED);
        if (report.context().isPresent()) {
            if (store.put(callRef(call), report.context().get())) {
                count(ContextCounter.CONTEXTS_STORED);
                LOG.debug("call {}: region {} reported a resume context", call.hashedCallId(), regionName(call));
            } else {
                LOG.debug("call {}: a resume context came after the call ended; not kept", call.hashedCallId());
            }
        }
        request.respond(request.response(200, "OK").build());
        CauseTag cause = CauseTag.INTENT_HUMAN_REQUESTED;
        if (report.intent().isPresent()) {
            cause = report.intent().get().tag();
            count(ContextCounter.INTENT_REPORTS);
            LOG.info("call {}: region {} reported an intent failure, {} (recorded, no failover)", call.hashedCallId(),
                    regionName(call), cause);
            events.publish(RouteChangeEvent.builder(clock.epochMillis(), call.hashedCallId(), cause,
                    RouteOutcome.RECORDED).from(regionName(call)).build());
        }
        if (report.escalation().isPresent()) {
            escalate(call, cause, report.escalation().get().reason());
        }
    }

    private void onRefer(Call call, InboundRequest request) {
        SipRequest refer = request.request();
        int referTos = 0;
        for (SipHeader header : refer.otherHeaders()) {
            if (header.hasName("Refer-To") || header.hasName("r")) {
                referTos++;
            }
        }
        if (referTos != 1) {
            count(ContextCounter.REFERS_REFUSED);
            LOG.info("call {}: REFER from region {} refused with 400: {} Refer-To headers", call.hashedCallId(),
                    regionName(call), referTos);
            request.respond(request.response(400, "Bad Request - a REFER needs exactly one Refer-To").build());
            return;
        }
        count(ContextCounter.REFERS_ACCEPTED);
        String referSub = refer.header("Refer-Sub");
        boolean noSubscription = referSub != null && "false".equalsIgnoreCase(referSub.trim());
        if (noSubscription) {
            request.respond(request.response(202, "Accepted").addHeader("Refer-Sub", "false").build());
        } else {
            request.respond(request.response(202, "Accepted").build());
            call.sendToRegion(SipMethod.NOTIFY, notify -> notify
                    .addHeader("Event", eventHeader(refer))
                    .addHeader("Subscription-State", "terminated;reason=noresource")
                    .body("message/sipfrag;version=2.0", SIPFRAG_TRYING));
        }
        escalate(call, CauseTag.INTENT_HUMAN_REQUESTED, REFER_ESCALATION);
    }

    /** {@code refer}, with {@code ;id=<CSeq>} (RFC 3515 §2.4.6) so the NOTIFY names its REFER. */
    private static String eventHeader(SipRequest refer) {
        return "refer;id=" + refer.cseq().sequence();
    }

    private void escalate(Call call, CauseTag cause, String reasonText) {
        count(ContextCounter.ESCALATIONS_REQUESTED);
        LOG.info("call {}: region {} asked for a human ({})", call.hashedCallId(), regionName(call), cause);
        escalation.escalate(call, cause, reasonText);
    }

    /**
     * A refusal's reason as a log line may show it: quoted names (an unknown field's, a label's key) are the
     * region's text and may be data, so they are left to the response and blanked here.
     */
    static String loggable(String reason) {
        return QUOTED.matcher(reason).replaceAll("\"...\"");
    }

    private static String callRef(Call call) {
        return call.hashedCallId().hex();
    }

    private static String regionName(Call call) {
        Region region = call.region();
        return region == null ? null : region.name();
    }

    private void count(ContextCounter counter) {
        int i = counter.ordinal();
        counters.lazySet(i, counters.get(i) + 1);
    }

    @Override
    public String toString() {
        return "ContextIntake[" + store + ']';
    }
}
