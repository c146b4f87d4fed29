package io.holdfast.relay.context;

import io.holdfast.relay.events.CauseTag;
import io.holdfast.sip.message.MalformedBodyException;
import io.holdfast.sip.message.MediaType;
import io.holdfast.sip.message.MultipartBody;
import io.holdfast.sip.message.SipHeader;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a call carries to its next destination, a region after a failover or a human after an escalation:
 * the INVITE body and the {@code X-Holdfast-*} headers.
 *
 * <p>With a resume context the body is {@code multipart/mixed} (RFC 5621): first the SDP offer, byte for byte,
 * with {@code Content-Disposition: session}, then the context written by {@link ContextJson} as
 * {@link ContextSchema#MEDIA_TYPE} with {@code Content-Disposition: render;handling=optional}, so a region
 * that does not know the part ignores it instead of refusing the call (RFC 5621 §3.2). Without a context the
 * body is the SDP alone. The headers:
 * <ul>
 *   <li>{@value #RESUME_TOKEN}: the call's {@link ResumeToken}, the same on every move of the call;</li>
 *   <li>{@value #FAILOVER_CAUSE}: the cause tag that moved the call ({@code MEDIA_TIMEOUT});</li>
 *   <li>{@value #ATTEMPT}: which destination of this move this is, from 1;</li>
 *   <li>{@value #ESCALATION_REASON}, for an escalation only: the cause tag and a text,
 *       {@code INTENT_HUMAN_REQUESTED;text="caller asked for a person"}.</li>
 * </ul>
 * Immutable; safe on any thread.
 */
public final class ResumeHandoff {
    public static final String RESUME_TOKEN = "X-Holdfast-Resume-Token";
    public static final String FAILOVER_CAUSE = "X-Holdfast-Failover-Cause";
    public static final String ATTEMPT = "X-Holdfast-Attempt";
    public static final String ESCALATION_REASON = "X-Holdfast-Escalation-Reason";
    /** Disposition of the SDP part (RFC 5621 §3.1). */
    public static final String SDP_DISPOSITION = "session";
    /** Disposition of the context part: a region that does not know it may ignore it (RFC 5621 §3.2). */
    public static final String CONTEXT_DISPOSITION = "render;handling=optional";

    private static final String CONTENT_DISPOSITION = "Content-Disposition";
    private static final String SDP_TYPE = "application/sdp";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Random boundaries drawn at most: a clash of 64 random bits twice in a row does not happen. */
    private static final int MAX_BOUNDARY_DRAWS = 8;
    private static final List<String> OWN_HEADERS = List.of(RESUME_TOKEN, FAILOVER_CAUSE, ATTEMPT, ESCALATION_REASON);

    private final String contentType;
    private final byte[] body;
    private final List<SipHeader> headers;

    private ResumeHandoff(String contentType, byte[] body, List<SipHeader> headers) {
        this.contentType = contentType;
        this.body = body;
        this.headers = List.copyOf(headers);
    }

    /**
     * A failover to the next region.
     *
     * @param sdpOffer the SDP offer for the new leg, as it is to be sent
     * @param attempt  which region of this failover, from 1
     */
    public static Builder failover(byte[] sdpOffer, ResumeToken token, CauseTag cause, int attempt) {
        return new Builder(sdpOffer, token, cause, attempt, null);
    }

    /**
     * An escalation to a human.
     *
     * @param reasonText why, for the person who takes the call: the region's {@link EscalationRequest#reason()}
     *                   or holdfast's own words ("no region could take the call"); control characters are
     *                   replaced by spaces and the text is cut at {@link ContextSchema#MAX_REASON_CHARS}
     */
    public static Builder escalation(byte[] sdpOffer, ResumeToken token, CauseTag cause, String reasonText,
                                     int attempt) {
        return new Builder(sdpOffer, token, cause, attempt, Objects.requireNonNull(reasonText, "reasonText"));
    }

    /** The Content-Type of {@link #body()}: {@code multipart/mixed;boundary=...} or {@code application/sdp}. */
    public String contentType() {
        return contentType;
    }

    /** The INVITE body (a copy). */
    public byte[] body() {
        return body.clone();
    }

    /** The {@code X-Holdfast-*} headers, in the order of the class comment. */
    public List<SipHeader> headers() {
        return headers;
    }

    /** Puts the body, its Content-Type and the headers on an INVITE, replacing any earlier {@code X-Holdfast-*}. */
    public SipRequest.Builder applyTo(SipRequest.Builder invite) {
        for (String name : OWN_HEADERS) {
            invite.removeHeader(name);
        }
        invite.body(contentType, body);
        for (SipHeader header : headers) {
            invite.addHeader(header);
        }
        return invite;
    }

    /**
     * The context part of a received INVITE, for the region's side: the bytes of the first
     * {@link ContextSchema#MEDIA_TYPE} part of a multipart body, to read with {@link ContextParser}.
     *
     * @return empty when the body is not multipart, is malformed or has no context part
     */
    public static Optional<byte[]> contextPartOf(SipMessage invite) {
        MediaType type = invite.contentType() == null ? null : MediaType.parse(invite.contentType());
        if (type == null || !type.isMultipart()) {
            return Optional.empty();
        }
        try {
            MultipartBody.Part part = MultipartBody.parse(type, invite.body())
                    .firstOfType("application", "vnd.holdfast.context+json");
            return part == null ? Optional.empty() : Optional.of(part.content());
        } catch (MalformedBodyException e) {
            return Optional.empty();
        }
    }

    /** The value of {@value #ESCALATION_REASON}: {@code CAUSE;text="..."}, the text made safe for a header. */
    static String escalationReasonValue(CauseTag cause, String text) {
        StringBuilder out = new StringBuilder(cause.name()).append(";text=\"");
        text.codePoints().limit(ContextSchema.MAX_REASON_CHARS).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(' ');
                return;
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.appendCodePoint(c);
        });
        return out.append('"').toString();
    }

    @Override
    public String toString() {
        return "ResumeHandoff[" + contentType + ", " + body.length + " bytes, " + headers.size() + " headers]";
    }

    /** Collects one handoff; single use, not thread-safe. */
    public static final class Builder {
        private final byte[] sdpOffer;
        private final ResumeToken token;
        private final CauseTag cause;
        private final int attempt;
        private final String escalationText;
        private ResumeContext context;

        private Builder(byte[] sdpOffer, ResumeToken token, CauseTag cause, int attempt, String escalationText) {
            this.sdpOffer = sdpOffer.clone();
            this.token = Objects.requireNonNull(token, "token");
            this.cause = Objects.requireNonNull(cause, "cause");
            if (attempt < 1) {
                throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
            }
            if (this.sdpOffer.length == 0) {
                throw new IllegalArgumentException("a handoff INVITE needs an SDP offer");
            }
            this.attempt = attempt;
            this.escalationText = escalationText;
        }

        /** The call's latest context; without one the body is the SDP alone. */
        public Builder context(ResumeContext value) {
            context = Objects.requireNonNull(value, "context");
            return this;
        }

        /** The call's latest context, if any. */
        public Builder context(Optional<ResumeContext> value) {
            context = value.orElse(null);
            return this;
        }

        public ResumeHandoff build() {
            List<SipHeader> headers = new ArrayList<>(4);
            headers.add(new SipHeader(RESUME_TOKEN, token.value()));
            headers.add(new SipHeader(FAILOVER_CAUSE, cause.name()));
            headers.add(new SipHeader(ATTEMPT, Integer.toString(attempt)));
            if (escalationText != null) {
                headers.add(new SipHeader(ESCALATION_REASON, escalationReasonValue(cause, escalationText)));
            }
            if (context == null) {
                return new ResumeHandoff(SDP_TYPE, sdpOffer, headers);
            }
            byte[] json = ContextJson.toBytes(context);
            MultipartBody multipart = new MultipartBody(boundaryNotIn(sdpOffer, json), List.of(
                    new MultipartBody.Part(SDP_TYPE, List.of(new SipHeader(CONTENT_DISPOSITION, SDP_DISPOSITION)),
                            sdpOffer),
                    new MultipartBody.Part(ContextSchema.MEDIA_TYPE,
                            List.of(new SipHeader(CONTENT_DISPOSITION, CONTEXT_DISPOSITION)), json)));
            return new ResumeHandoff(multipart.contentType(), multipart.toBytes(), headers);
        }

        /** A random boundary that occurs in no part (RFC 2046 §5.1.1); a clash of 64 random bits is redrawn. */
        private static String boundaryNotIn(byte[] first, byte[] second) {
            for (int attempt = 0; attempt < MAX_BOUNDARY_DRAWS; attempt++) {
                byte[] random = new byte[8];
                RANDOM.nextBytes(random);
                String boundary = "holdfast-" + HexFormat.of().formatHex(random);
                if (!contains(first, boundary) && !contains(second, boundary)) {
                    return boundary;
                }
            }
            throw new IllegalStateException("no free multipart boundary in " + MAX_BOUNDARY_DRAWS + " random draws");
        }

        private static boolean contains(byte[] haystack, String needle) {
            return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
        }
    }
}
