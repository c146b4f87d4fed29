package io.holdfast.sip.parse;

import io.holdfast.sip.message.SipParameters;
import java.util.List;

/**
 * The parameters nearly every message carries ({@code ;lr}, {@code ;rport}, {@code ;user=phone},
 * {@code ;transport=udp}...), shared instead of allocated: both the parameter and, when it stands
 * alone, the whole {@link SipParameters}. Matching is exact (case included), so what is shared is
 * exactly what was received. Immutable.
 */
final class SharedParameters {
    private static final SipParameters.Parameter[] PARAMETERS = {
        new SipParameters.Parameter("lr", null),
        new SipParameters.Parameter("rport", null),
        new SipParameters.Parameter("ob", null),
        new SipParameters.Parameter("user", "phone"),
        new SipParameters.Parameter("user", "ip"),
        new SipParameters.Parameter("comp", "sigcomp"),
        new SipParameters.Parameter("transport", "udp"),
        new SipParameters.Parameter("transport", "tcp"),
        new SipParameters.Parameter("transport", "tls"),
        new SipParameters.Parameter("transport", "sctp"),
        new SipParameters.Parameter("transport", "ws"),
        new SipParameters.Parameter("transport", "wss"),
        new SipParameters.Parameter("transport", "UDP"),
        new SipParameters.Parameter("transport", "TCP"),
        new SipParameters.Parameter("transport", "TLS"),
    };
    private static final SipParameters[] ALONE = new SipParameters[PARAMETERS.length];

    static {
        for (int i = 0; i < PARAMETERS.length; i++) {
            ALONE[i] = SipParameters.of(List.of(PARAMETERS[i]));
        }
    }

    private SharedParameters() {
    }

    /** The shared parameter {@code name[=value]}, or a new one. */
    static SipParameters.Parameter of(String name, String value) {
        int first = switch (name.length()) {
            case 2 -> 0;
            case 5 -> 1;
            case 4 -> 3;
            case 9 -> 6;
            default -> -1;
        };
        if (first >= 0) {
            for (int i = first; i < PARAMETERS.length; i++) {
                SipParameters.Parameter p = PARAMETERS[i];
                if (p.name().length() != name.length()) {
                    continue;
                }
                if (p.name().equals(name) && (value == null ? p.value() == null : value.equals(p.value()))) {
                    return p;
                }
            }
        }
        return new SipParameters.Parameter(name, value);
    }

    /** The shared {@link SipParameters} holding only {@code parameter}, or {@code null}. */
    static SipParameters alone(SipParameters.Parameter parameter) {
        for (int i = 0; i < PARAMETERS.length; i++) {
            if (PARAMETERS[i] == parameter) {
                return ALONE[i];
            }
        }
        return null;
    }
}
