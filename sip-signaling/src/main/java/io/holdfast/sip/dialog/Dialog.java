package io.holdfast.sip.dialog;

import io.holdfast.sip.message.CSeq;
import io.holdfast.sip.message.NameAddr;
import io.holdfast.sip.message.SipHeader;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.message.SipUri;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One SIP dialog (RFC 3261 §12) as seen from this side: its id, the local and remote URIs, the remote
 * target, the route set and both CSeq spaces. Created from the response that establishes it on the UAC
 * side ({@link #asUac}) or on the UAS side ({@link #asUas}); builds in-dialog requests (§12.2.1.1, loose and
 * strict routing) and the ACK for a 2xx (§13.2.2.4); checks received in-dialog requests (§12.2.2).
 *
 * <pre>
 *  (none) --1xx with To tag--> Early --2xx--> Confirmed
 *  Early --non-2xx final to the initial INVITE--> Terminated
 *  Confirmed --481 or 408 to an in-dialog request, or {@link #terminate}--> Terminated
 * </pre>
 *
 * Confined to the event loop that owns the call.
 */
public final class Dialog {
    /** Dialog states (§12). */
    public enum State { EARLY, CONFIRMED, TERMINATED }

    /** Which side of the dialog this is. */
    public enum Role { UAC, UAS }

    /** What to do with a received in-dialog request (§12.2.2). */
    public enum RequestCheck {
        /** Process it; the remote CSeq has been updated. */
        ACCEPTED,
        /** CSeq lower than the last one received: answer 500 Server Internal Error. */
        CSEQ_OUT_OF_ORDER
    }

    /** Value of {@link #remoteSeq()} and {@link #localSeq()} while no request has been seen in that direction. */
    public static final long EMPTY_SEQ = -1;

    private static final int MAX_FORWARDS = 70;
    private static final Set<SipMethod> TARGET_REFRESH =
            EnumSet.of(SipMethod.INVITE, SipMethod.UPDATE, SipMethod.SUBSCRIBE, SipMethod.NOTIFY, SipMethod.REFER);
    private static final List<String> CREDENTIAL_HEADERS = List.of("Authorization", "Proxy-Authorization");

    private final Role role;
    private final DialogId id;
    private final NameAddr localUri;
    private final NameAddr remoteUri;
    private final NameAddr localContact;
    private final boolean secure;
    private final long initialInviteSeq;
    private State state;
    private SipUri remoteTarget;
    private List<NameAddr> routeSet;
    private long localSeq;
    private long remoteSeq;

    private Dialog(Role role, DialogId id, NameAddr localUri, NameAddr remoteUri, NameAddr localContact,
                   boolean secure, long initialInviteSeq, State state, SipUri remoteTarget, List<NameAddr> routeSet,
                   long localSeq, long remoteSeq) {
        this.role = role;
        this.id = id;
        this.localUri = localUri;
        this.remoteUri = remoteUri;
        this.localContact = localContact;
        this.secure = secure;
        this.initialInviteSeq = initialInviteSeq;
        this.state = state;
        this.remoteTarget = remoteTarget;
        this.routeSet = routeSet;
        this.localSeq = localSeq;
        this.remoteSeq = remoteSeq;
    }

    /** True when {@code response} to a dialog-creating request creates a dialog: 2xx, or 101-199 with a To tag. */
    public static boolean createsDialog(SipResponse response) {
        return response.to() != null && response.to().tag() != null
                && (response.isSuccess() || (response.isProvisional() && response.statusCode() > 100));
    }

    /**
     * The UAC side of a dialog (§12.1.2): route set from the response's Record-Route reversed, remote target
     * from its Contact, local CSeq from the request. Early for a 1xx, confirmed for a 2xx.
     *
     * @throws IllegalArgumentException when the response does not create a dialog ({@link #createsDialog})
     */
    public static Dialog asUac(SipRequest request, SipResponse response) {
        requireCreates(response);
        List<NameAddr> routes = new ArrayList<>(response.recordRoutes());
        Collections.reverse(routes);
        return new Dialog(Role.UAC,
                new DialogId(request.callId(), request.from().tag(), response.to().tag()),
                withoutTag(request.from()), withoutTag(response.to()),
                firstOrNull(request.contacts()),
                isSecure(request), request.cseq().sequence(),
                response.isSuccess() ? State.CONFIRMED : State.EARLY,
                contactOr(response.contacts(), null), List.copyOf(routes),
                request.cseq().sequence(), EMPTY_SEQ);
    }

    /**
     * The UAS side of a dialog (§12.1.1), from the request received and the response this side sends (which
     * carries the local tag and the local Contact): route set from the request's Record-Route in order,
     * remote target from its Contact, remote CSeq from the request.
     *
     * @throws IllegalArgumentException when the response does not create a dialog ({@link #createsDialog})
     */
    public static Dialog asUas(SipRequest request, SipResponse response) {
        requireCreates(response);
        return new Dialog(Role.UAS,
                new DialogId(request.callId(), response.to().tag(), request.from().tag()),
                withoutTag(request.to()), withoutTag(request.from()),
                firstOrNull(response.contacts()),
                isSecure(request), request.cseq().sequence(),
                response.isSuccess() ? State.CONFIRMED : State.EARLY,
                contactOr(request.contacts(), null), List.copyOf(request.recordRoutes()),
                EMPTY_SEQ, request.cseq().sequence());
    }

    private static void requireCreates(SipResponse response) {
        if (!createsDialog(response)) {
            throw new IllegalArgumentException("response does not create a dialog: " + response);
        }
    }

    private static boolean isSecure(SipRequest request) {
        return request.requestUri().scheme() == SipUri.Scheme.SIPS;
    }

    private static NameAddr withoutTag(NameAddr value) {
        return new NameAddr(value.displayName(), value.uri(), value.parameters().without("tag"));
    }

    private static NameAddr firstOrNull(List<NameAddr> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    private static SipUri contactOr(List<NameAddr> contacts, SipUri fallback) {
        return contacts.isEmpty() ? fallback : contacts.get(0).uri();
    }

    public DialogId id() {
        return id;
    }

    public Role role() {
        return role;
    }

    public State state() {
        return state;
    }

    /** The local URI (From on the UAC side, To on the UAS side), without tag. */
    public NameAddr localUri() {
        return localUri;
    }

    /** The remote URI, without tag. */
    public NameAddr remoteUri() {
        return remoteUri;
    }

    /** Where in-dialog requests go (the peer's Contact), or {@code null} when the peer sent none. */
    public SipUri remoteTarget() {
        return remoteTarget;
    }

    public List<NameAddr> routeSet() {
        return routeSet;
    }

    /** The last CSeq this side used, or {@link #EMPTY_SEQ}. */
    public long localSeq() {
        return localSeq;
    }

    /** The last CSeq received from the peer, or {@link #EMPTY_SEQ}. */
    public long remoteSeq() {
        return remoteSeq;
    }

    /** True when the dialog was created by a SIPS request (§12.1). */
    public boolean isSecure() {
        return secure;
    }

    /** Ends the dialog (BYE sent or received, session over). */
    public void terminate() {
        state = State.TERMINATED;
    }

    /**
     * A response received by the UAC side to a request in this dialog, or to the INVITE that created it
     * (§12.1.2, §12.2.1.2, §13.2.2.4): a 2xx confirms an early dialog and recomputes its route set, a 2xx to
     * a target refresh replaces the remote target, a non-2xx final to the initial INVITE ends an early
     * dialog, and 481 or 408 ends the dialog.
     */
    public void onResponse(SipRequest request, SipResponse response) {
        if (state == State.TERMINATED) {
            return;
        }
        int status = response.statusCode();
        if (status == 481 || status == 408) {
            state = State.TERMINATED;
            return;
        }
        boolean initialInvite = request.method() == SipMethod.INVITE && request.cseq().sequence() == initialInviteSeq;
        if (state == State.EARLY && initialInvite) {
            if (response.isSuccess()) {
                state = State.CONFIRMED;
                if (role == Role.UAC) {
                    List<NameAddr> routes = new ArrayList<>(response.recordRoutes());
                    Collections.reverse(routes);
                    routeSet = List.copyOf(routes);
                }
            } else if (response.isFinal()) {
                state = State.TERMINATED;
                return;
            }
        }
        if ((response.isSuccess() || (state == State.EARLY && response.isProvisional()))
                && TARGET_REFRESH.contains(request.method())) {
            remoteTarget = contactOr(response.contacts(), remoteTarget);
        }
    }

    /**
     * A response this side sends to a request in the dialog (or to the INVITE that created it): a 2xx
     * confirms an early dialog, a 2xx to a target refresh takes the remote target from the request's Contact
     * (§12.2.2), a non-2xx final to the initial INVITE ends an early dialog.
     */
    public void onResponseSent(SipRequest request, SipResponse response) {
        if (state == State.TERMINATED) {
            return;
        }
        boolean initialInvite = request.method() == SipMethod.INVITE && request.cseq().sequence() == initialInviteSeq;
        if (state == State.EARLY && initialInvite && response.isFinal()) {
            state = response.isSuccess() ? State.CONFIRMED : State.TERMINATED;
        }
        if (response.isSuccess() && TARGET_REFRESH.contains(request.method())) {
            remoteTarget = contactOr(request.contacts(), remoteTarget);
        }
    }

    /**
     * Checks a request received in this dialog (§12.2.2): a CSeq lower than the last one received is out of
     * order (answer 500); otherwise the remote CSeq moves to it. ACK and CANCEL carry their INVITE's CSeq and
     * are always accepted without changing it.
     */
    public RequestCheck checkRequest(SipRequest request) {
        if (request.method() == SipMethod.ACK || request.method() == SipMethod.CANCEL) {
            return RequestCheck.ACCEPTED;
        }
        long seq = request.cseq().sequence();
        if (remoteSeq != EMPTY_SEQ && seq < remoteSeq) {
            return RequestCheck.CSEQ_OUT_OF_ORDER;
        }
        remoteSeq = seq;
        return RequestCheck.ACCEPTED;
    }

    /**
     * A request in this dialog (§12.2.1.1): To, From, Call-ID, the next local CSeq, Request-URI and Route from
     * the remote target and route set, Max-Forwards 70, and this side's Contact on target refresh requests.
     * No Via: the transaction layer adds it. Not for ACK ({@link #createAck}) or CANCEL (the transaction
     * layer builds it).
     */
    public SipRequest.Builder createRequest(SipMethod method) {
        if (method == SipMethod.ACK || method == SipMethod.CANCEL) {
            throw new IllegalArgumentException(method + " is not built as a new in-dialog request");
        }
        localSeq = localSeq == EMPTY_SEQ ? 1 : localSeq + 1;
        SipRequest.Builder builder = routed(method, CSeq.of(localSeq, method));
        if (TARGET_REFRESH.contains(method) && localContact != null) {
            builder.addContact(localContact);
        }
        return builder;
    }

    /**
     * The ACK for a 2xx to an INVITE of this dialog (§13.2.2.4): built like any in-dialog request but with
     * the INVITE's CSeq number and method ACK, and the INVITE's credentials. No Via: the transaction layer adds
     * one with a new branch. The caller adds the answer body when the 2xx carried the offer.
     */
    public SipRequest.Builder createAck(SipRequest invite) {
        SipRequest.Builder builder = routed(SipMethod.ACK, CSeq.of(invite.cseq().sequence(), SipMethod.ACK));
        for (String name : CREDENTIAL_HEADERS) {
            for (SipHeader header : invite.otherHeaders()) {
                if (header.hasName(name)) {
                    builder.addHeader(header);
                }
            }
        }
        return builder;
    }

    private SipRequest.Builder routed(SipMethod method, CSeq cseq) {
        if (remoteTarget == null) {
            throw new IllegalStateException("dialog " + id + " has no remote target (the peer sent no Contact)");
        }
        SipUri requestUri;
        List<NameAddr> routes;
        if (routeSet.isEmpty()) {
            requestUri = remoteTarget;
            routes = List.of();
        } else if (routeSet.get(0).uri().looseRouting()) {
            requestUri = remoteTarget;
            routes = routeSet;
        } else {
            requestUri = strippedForRequestUri(routeSet.get(0).uri());
            routes = new ArrayList<>(routeSet.subList(1, routeSet.size()));
            routes.add(NameAddr.of(remoteTarget));
        }
        return SipRequest.builder(method, requestUri)
                .from(localUri.withTag(id.localTag()))
                .to(remoteUri.withTag(id.remoteTag()))
                .callId(id.callId())
                .cseq(cseq)
                .maxForwards(MAX_FORWARDS)
                .routes(routes);
    }

    /** A strict router's URI as a Request-URI: without the parameters and headers §19.1.1 forbids there. */
    private static SipUri strippedForRequestUri(SipUri uri) {
        SipParameters parameters = uri.parameters().without("method");
        return new SipUri(uri.scheme(), uri.user(), uri.password(), uri.host(), uri.port(), parameters, null);
    }

    @Override
    public String toString() {
        return "Dialog[" + role + ' ' + state + ' ' + id + ']';
    }
}
