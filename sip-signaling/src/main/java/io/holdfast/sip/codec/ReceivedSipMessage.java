package io.holdfast.sip.codec;

import io.holdfast.sip.message.SipMessage;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A message as it left the decoder: the parsed message with the addresses it travelled between
 * ({@code null} where the channel has none, as in tests). Immutable.
 *
 * @param message   the parsed message
 * @param sender    the peer it came from (datagram source, or the stream's remote address)
 * @param recipient the local address it arrived on
 */
public record ReceivedSipMessage(SipMessage message, InetSocketAddress sender, InetSocketAddress recipient) {
    public ReceivedSipMessage {
        Objects.requireNonNull(message, "message");
    }
}
