package io.holdfast.sip.transport;

import io.holdfast.sip.codec.AddressedSipMessage;
import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.Via;
import io.holdfast.sip.transaction.SipFlow;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;

/**
 * Datagrams from one loop's UDP socket to one peer address. Responses leave from the socket the request came
 * in on, so the peer sees the address and port it sent to. Immutable; any thread.
 */
final class UdpFlow implements SipFlow {
    private final Channel channel;
    private final InetSocketAddress remote;
    private final String sentByHost;
    private final int sentByPort;
    private final SipLoop channelLoop;

    /**
     * @param channelLoop the loop {@code channel} is registered on, which counts what the channel sends
     */
    UdpFlow(Channel channel, InetSocketAddress remote, String sentByHost, int sentByPort, SipLoop channelLoop) {
        this.channel = channel;
        this.remote = remote;
        this.sentByHost = sentByHost;
        this.sentByPort = sentByPort;
        this.channelLoop = channelLoop;
    }

    @Override
    public boolean reliable() {
        return false;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** UDP Via with {@code rport} so that the peer answers to our source port (RFC 3581). */
    @Override
    public Via via(String branch) {
        return new Via(Transport.UDP.viaToken(), sentByHost, sentByPort,
                SipParameters.EMPTY.with("branch", branch).with("rport", null));
    }

    @Override
    public void send(SipMessage message, FailureListener onFailure) {
        channel.writeAndFlush(new AddressedSipMessage(message, remote)).addListener(future -> {
            if (future.isSuccess()) {
                channelLoop.counters().increment(TransportCounter.MESSAGES_SENT);
            } else {
                SipTransport.writeFailed(channelLoop, message, future.cause());
                onFailure.onSendFailure(future.cause());
            }
        });
    }

    @Override
    public String toString() {
        return "udp:" + channel.localAddress() + "->" + remote;
    }
}
