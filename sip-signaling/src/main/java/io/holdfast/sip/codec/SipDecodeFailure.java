package io.holdfast.sip.codec;

import io.holdfast.sip.parse.BadRequestContext;
import io.holdfast.sip.parse.SipParseException;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A message the decoder refused, passed on (instead of thrown) so that the transport can answer it
 * from {@link SipParseException#badRequestContext()} or drop it; it is already counted. Immutable.
 *
 * @param cause     why it was refused
 * @param sender    the peer it came from, or {@code null}
 * @param recipient the local address it arrived on, or {@code null}
 */
public record SipDecodeFailure(SipParseException cause, InetSocketAddress sender, InetSocketAddress recipient) {
    public SipDecodeFailure {
        Objects.requireNonNull(cause, "cause");
    }

    /** True when a response can be formed ({@link #badRequestContext()} is present). */
    public boolean canRespond() {
        return cause.canRespond();
    }

    /** What the response needs, or {@code null}. */
    public BadRequestContext badRequestContext() {
        return cause.badRequestContext();
    }
}
