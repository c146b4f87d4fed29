package io.holdfast.sip.message;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The {@code ;name[=value]} parameters of a URI, name-addr or Via, in received order. Names compare
 * case-insensitively; values are kept as received (a quoted-string keeps its quotes, an escaped URI
 * parameter stays escaped) so that what is passed through is what came in.
 */
public final class SipParameters {
    /** One parameter; {@code value} is {@code null} for a flag such as {@code ;lr}. */
    public record Parameter(String name, String value) {
        public Parameter {
            Objects.requireNonNull(name, "name");
        }
    }

    public static final SipParameters EMPTY = new SipParameters(List.of());

    private final List<Parameter> parameters;

    private SipParameters(List<Parameter> parameters) {
        this.parameters = parameters;
    }

    public static SipParameters of(List<Parameter> parameters) {
        return parameters.isEmpty() ? EMPTY : new SipParameters(List.copyOf(parameters));
    }

    public List<Parameter> asList() {
        return parameters;
    }

    public boolean isEmpty() {
        return parameters.isEmpty();
    }

    public boolean has(String name) {
        return find(name) >= 0;
    }

    /** The value of a parameter; {@code null} when absent or a flag (use {@link #has}). */
    public String get(String name) {
        int i = find(name);
        return i < 0 ? null : parameters.get(i).value();
    }

    /** A copy with {@code name} set to {@code value} (replacing in place, or appended). */
    public SipParameters with(String name, String value) {
        List<Parameter> copy = new ArrayList<>(parameters);
        int i = find(name);
        if (i >= 0) {
            copy.set(i, new Parameter(parameters.get(i).name(), value));
        } else {
            copy.add(new Parameter(name, value));
        }
        return new SipParameters(Collections.unmodifiableList(copy));
    }

    public SipParameters without(String name) {
        int i = find(name);
        if (i < 0) {
            return this;
        }
        List<Parameter> copy = new ArrayList<>(parameters);
        copy.remove(i);
        return of(copy);
    }

    private int find(String name) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Appends {@code ;name[=value]} for each parameter. */
    public void appendTo(StringBuilder out) {
        for (Parameter p : parameters) {
            out.append(';').append(p.name());
            if (p.value() != null) {
                out.append('=').append(p.value());
            }
        }
    }

    /** Appends {@code ;name[=value]} for each parameter. Borrows; does not retain. */
    void writeTo(ByteBuf out) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            out.writeByte(';');
            SipMessageWriter.writeText(out, p.name(), "parameter name");
            if (p.value() != null) {
                out.writeByte('=');
                SipMessageWriter.writeText(out, p.value(), "parameter value");
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        appendTo(out);
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipParameters other && parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }
}
