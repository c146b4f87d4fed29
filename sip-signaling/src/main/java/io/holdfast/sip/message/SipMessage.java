package io.holdfast.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A parsed or built SIP message: the typed headers of {@link SipHeaderName}, every other header as a
 * raw {@link SipHeader} in received order, and the body. Content-Length is not stored: it is the
 * body's length. Immutable.
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {
    /** Value of {@link #maxForwards()} and {@link #minSe()} when the header is absent. */
    public static final int ABSENT = -1;

    private final List<Via> vias;
    private final NameAddr from;
    private final NameAddr to;
    private final String callId;
    private final CSeq cseq;
    private final int maxForwards;
    private final List<NameAddr> contacts;
    private final boolean contactWildcard;
    private final List<NameAddr> routes;
    private final List<NameAddr> recordRoutes;
    private final String contentType;
    private final List<Reason> reasons;
    private final List<String> allow;
    private final List<String> supported;
    private final List<String> require;
    private final SessionExpires sessionExpires;
    private final long minSe;
    private final List<SipHeader> otherHeaders;
    private final byte[] body;

    SipMessage(Builder<?> b) {
        this.vias = immutable(b.vias);
        this.from = b.from;
        this.to = b.to;
        this.callId = b.callId;
        this.cseq = b.cseq;
        this.maxForwards = b.maxForwards;
        this.contacts = immutable(b.contacts);
        this.contactWildcard = b.contactWildcard;
        this.routes = immutable(b.routes);
        this.recordRoutes = immutable(b.recordRoutes);
        this.contentType = b.contentType;
        this.reasons = immutable(b.reasons);
        this.allow = immutable(b.allow);
        this.supported = immutable(b.supported);
        this.require = immutable(b.require);
        this.sessionExpires = b.sessionExpires;
        this.minSe = b.minSe;
        this.otherHeaders = immutable(b.otherHeaders);
        this.body = b.body;
    }

    private static <T> List<T> immutable(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    public List<Via> vias() {
        return vias;
    }

    /** The first Via, or {@code null} when there is none. */
    public Via topVia() {
        return vias.isEmpty() ? null : vias.get(0);
    }

    public NameAddr from() {
        return from;
    }

    public NameAddr to() {
        return to;
    }

    public String callId() {
        return callId;
    }

    public CSeq cseq() {
        return cseq;
    }

    /** Max-Forwards, or {@link #ABSENT}. */
    public int maxForwards() {
        return maxForwards;
    }

    public List<NameAddr> contacts() {
        return contacts;
    }

    /** True for {@code Contact: *} (REGISTER only, RFC 3261 §10.2.2). */
    public boolean contactWildcard() {
        return contactWildcard;
    }

    public List<NameAddr> routes() {
        return routes;
    }

    public List<NameAddr> recordRoutes() {
        return recordRoutes;
    }

    /** Content-Type as received ({@code type/subtype;params}), or {@code null}. */
    public String contentType() {
        return contentType;
    }

    public List<Reason> reasons() {
        return reasons;
    }

    public List<String> allow() {
        return allow;
    }

    public List<String> supported() {
        return supported;
    }

    public List<String> require() {
        return require;
    }

    /** Session-Expires, or {@code null}. */
    public SessionExpires sessionExpires() {
        return sessionExpires;
    }

    /** Min-SE in seconds, or {@link #ABSENT}. */
    public long minSe() {
        return minSe;
    }

    /** Headers holdfast does not type, in received order. */
    public List<SipHeader> otherHeaders() {
        return otherHeaders;
    }

    /** The first value of an untyped header by name (any case), or {@code null}. */
    public String header(String name) {
        for (SipHeader h : otherHeaders) {
            if (h.hasName(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** A copy of the body (empty when there is none). */
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** The body itself, not a copy: for the writer in this package, which never changes it. */
    byte[] bodyArray() {
        return body;
    }

    /** The body decoded as UTF-8 (SDP, JSON). */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Fields every builder shares. Builders are single-use and not thread-safe. A builder never changes a
     * body array in place (it only replaces it), so built messages may share the builder's copy.
     *
     * @param <B> the concrete builder, so that setters chain
     */
    public abstract static class Builder<B extends Builder<B>> {
        /** The empty body every builder starts with: never changed, so one array serves them all. */
        private static final byte[] NO_BODY = new byte[0];

        List<Via> vias;
        NameAddr from;
        NameAddr to;
        String callId;
        CSeq cseq;
        int maxForwards = ABSENT;
        List<NameAddr> contacts;
        boolean contactWildcard;
        List<NameAddr> routes;
        List<NameAddr> recordRoutes;
        String contentType;
        List<Reason> reasons;
        List<String> allow;
        List<String> supported;
        List<String> require;
        SessionExpires sessionExpires;
        long minSe = ABSENT;
        List<SipHeader> otherHeaders;
        byte[] body = NO_BODY;

        Builder() {
        }

        Builder(SipMessage m) {
            vias = whole(m.vias);
            from = m.from;
            to = m.to;
            callId = m.callId;
            cseq = m.cseq;
            maxForwards = m.maxForwards;
            contacts = whole(m.contacts);
            contactWildcard = m.contactWildcard;
            routes = whole(m.routes);
            recordRoutes = whole(m.recordRoutes);
            contentType = m.contentType;
            reasons = whole(m.reasons);
            allow = whole(m.allow);
            supported = whole(m.supported);
            require = whole(m.require);
            sessionExpires = m.sessionExpires;
            minSe = m.minSe;
            otherHeaders = whole(m.otherHeaders);
            body = m.body;
        }

        abstract B self();

        /**
         * Each list is {@code null} until its first value, an immutable list when set whole (kept as is,
         * so a parser's lists reach the message without a copy), or an {@code ArrayList} once added to
         * (an immutable list is copied on the first add).
         */
        private static <T> List<T> add(List<T> list, T value) {
            List<T> target;
            if (list instanceof ArrayList) {
                target = list;
            } else {
                target = list == null ? new ArrayList<>(4) : new ArrayList<>(list);
            }
            target.add(Objects.requireNonNull(value));
            return target;
        }

        private static <T> List<T> whole(List<T> values) {
            return values.isEmpty() ? null : List.copyOf(values);
        }

        public B addVia(Via via) {
            vias = add(vias, via);
            return self();
        }

        /** Replaces all Vias. */
        public B vias(List<Via> newVias) {
            vias = whole(newVias);
            return self();
        }

        public B from(NameAddr value) {
            from = value;
            return self();
        }

        public B to(NameAddr value) {
            to = value;
            return self();
        }

        public B callId(String value) {
            callId = value;
            return self();
        }

        public B cseq(CSeq value) {
            cseq = value;
            return self();
        }

        public B maxForwards(int value) {
            maxForwards = value;
            return self();
        }

        public B addContact(NameAddr value) {
            contacts = add(contacts, value);
            return self();
        }

        /** Replaces all Contacts. */
        public B contacts(List<NameAddr> values) {
            contacts = whole(values);
            return self();
        }

        public B contactWildcard(boolean value) {
            contactWildcard = value;
            return self();
        }

        public B addRoute(NameAddr value) {
            routes = add(routes, value);
            return self();
        }

        /** Replaces the route set. */
        public B routes(List<NameAddr> values) {
            routes = whole(values);
            return self();
        }

        public B addRecordRoute(NameAddr value) {
            recordRoutes = add(recordRoutes, value);
            return self();
        }

        /** Replaces all Record-Routes. */
        public B recordRoutes(List<NameAddr> values) {
            recordRoutes = whole(values);
            return self();
        }

        public B contentType(String value) {
            contentType = value;
            return self();
        }

        public B addReason(Reason value) {
            reasons = add(reasons, value);
            return self();
        }

        /** Replaces all Reasons. */
        public B reasons(List<Reason> values) {
            reasons = whole(values);
            return self();
        }

        public B addAllow(String method) {
            allow = add(allow, method);
            return self();
        }

        /** Replaces all Allow methods. */
        public B allow(List<String> methods) {
            allow = whole(methods);
            return self();
        }

        public B addSupported(String optionTag) {
            supported = add(supported, optionTag);
            return self();
        }

        /** Replaces all Supported option-tags. */
        public B supported(List<String> optionTags) {
            supported = whole(optionTags);
            return self();
        }

        public B addRequire(String optionTag) {
            require = add(require, optionTag);
            return self();
        }

        /** Replaces all Require option-tags. */
        public B require(List<String> optionTags) {
            require = whole(optionTags);
            return self();
        }

        public B sessionExpires(SessionExpires value) {
            sessionExpires = value;
            return self();
        }

        public B minSe(long seconds) {
            minSe = seconds;
            return self();
        }

        public B addHeader(SipHeader header) {
            otherHeaders = add(otherHeaders, header);
            return self();
        }

        /** Replaces all untyped headers. */
        public B otherHeaders(List<SipHeader> headers) {
            otherHeaders = whole(headers);
            return self();
        }

        public B addHeader(String name, String value) {
            return addHeader(new SipHeader(name, value));
        }

        /** Removes every untyped header of that name (any case). */
        public B removeHeader(String name) {
            if (otherHeaders != null) {
                List<SipHeader> kept = new ArrayList<>(otherHeaders);
                kept.removeIf(h -> h.hasName(name));
                otherHeaders = kept.isEmpty() ? null : kept;
            }
            return self();
        }

        /** Removes all untyped headers. */
        public B clearOtherHeaders() {
            otherHeaders = null;
            return self();
        }

        /** Sets the body; the builder keeps its own copy. */
        public B body(byte[] value) {
            body = value.clone();
            return self();
        }

        /** Sets the body to a copy of {@code length} bytes of {@code source} from {@code offset}. */
        public B body(byte[] source, int offset, int length) {
            body = Arrays.copyOfRange(source, offset, offset + length);
            return self();
        }

        /** Sets a body and its Content-Type together. */
        public B body(String type, byte[] value) {
            contentType = type;
            return body(value);
        }
    }
}
