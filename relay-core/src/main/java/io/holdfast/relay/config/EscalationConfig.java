package io.holdfast.relay.config;

import io.holdfast.sip.message.SipUri;
import java.util.Objects;

/**
 * Where a call goes when no region can take it, or a region asks for a human.
 * Immutable; safe on any thread.
 *
 * @param uri the human agents' SIP URI ({@code sip:queue@127.0.0.1:5100})
 */
public record EscalationConfig(SipUri uri) {
    public EscalationConfig {
        Objects.requireNonNull(uri, "escalation.uri");
        if (uri.scheme() == SipUri.Scheme.TEL) {
            throw new IllegalArgumentException("escalation.uri needs a sip: or sips: URI, was " + uri);
        }
    }
}
