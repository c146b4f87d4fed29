package io.holdfast.sip.transport;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipParameters;
import io.holdfast.sip.message.Via;
import io.holdfast.sip.transaction.SipFlow;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;

/**
 * SIP over a TCP connection. For a request received over TCP it is that connection, and once it has closed a
 * new one to the {@code received} address and sent-by port (RFC 3261 §18.2.2); for a request sent, the
 * loop's connection to the next hop, opened or reused by {@link TcpConnections}. Immutable; any thread.
 */
final class TcpFlow implements SipFlow {
    private final Channel connection;
    private final InetSocketAddress remote;
    private final TcpConnections connections;
    private final String sentByHost;
    private final int sentByPort;

    /**
     * @param connection the connection a request came on, or {@code null} to go through {@code connections}
     * @param remote     where a new connection goes when {@code connection} is null or closed
     */
    TcpFlow(Channel connection, InetSocketAddress remote, TcpConnections connections, String sentByHost,
            int sentByPort) {
        this.connection = connection;
        this.remote = remote;
        this.connections = connections;
        this.sentByHost = sentByHost;
        this.sentByPort = sentByPort;
    }

    @Override
    public boolean reliable() {
        return true;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return connection != null ? (InetSocketAddress) connection.remoteAddress() : remote;
    }

    @Override
    public Via via(String branch) {
        return new Via(Transport.TCP.viaToken(), sentByHost, sentByPort, SipParameters.EMPTY.with("branch", branch));
    }

    @Override
    public void send(SipMessage message, FailureListener onFailure) {
        if (connection != null && connection.isActive()) {
            TcpConnections.write(connection, message, onFailure, connections.loop());
        } else {
            connections.send(remote, message, onFailure);
        }
    }

    @Override
    public String toString() {
        return "tcp:" + (connection != null ? connection : remote);
    }
}
