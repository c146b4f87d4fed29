package io.holdfast.sip.codec;

import io.holdfast.sip.message.SipMessage;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A message to send as one datagram to {@code recipient}, from {@code sender} when the socket has
 * several local addresses ({@code null} otherwise). Written by {@link SipMessageEncoder}. Immutable.
 */
public record AddressedSipMessage(SipMessage message, InetSocketAddress recipient, InetSocketAddress sender) {
    public AddressedSipMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(recipient, "recipient");
    }

    public AddressedSipMessage(SipMessage message, InetSocketAddress recipient) {
        this(message, recipient, null);
    }
}
