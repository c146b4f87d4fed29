package io.holdfast.sip.parse;

/**
 * What a header line parsed to: its recognised name ({@code null} for an unknown one) and the value
 * the message takes (immutable), whose type depends on the header. Set once when kept, and reused
 * for another line only once evicted from its cache (no message holds it), so that a line that is
 * never seen twice (a new caller's Contact) costs no holder of its own. Confined to its parser's
 * thread ({@link HeaderLines}).
 */
final class KeptField {
    private HeaderName name;
    private Object value;

    KeptField set(HeaderName keptName, Object keptValue) {
        name = keptName;
        value = keptValue;
        return this;
    }

    HeaderName name() {
        return name;
    }

    Object value() {
        return value;
    }
}
