package io.holdfast.sip.transport;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.transaction.SipFlow;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One loop's outgoing TCP connections, one per remote address, opened on first use and reused until they
 * close (RFC 3261 §18.1.1). Messages sent while the connection is being opened wait for it; a failed connect
 * fails each of them. Confined to its loop; {@link #send} from another thread hops over.
 */
final class TcpConnections {
    private final SipLoop loop;
    private final Bootstrap bootstrap;
    private final Map<InetSocketAddress, ChannelFuture> connections = new HashMap<>();

    /** @param bootstrap a bootstrap whose group is {@code loop}'s event loop and whose handler sets up the pipeline */
    TcpConnections(SipLoop loop, Bootstrap bootstrap) {
        this.loop = loop;
        this.bootstrap = bootstrap;
    }

    SipLoop loop() {
        return loop;
    }

    int openCount() {
        return connections.size();
    }

    void send(InetSocketAddress remote, SipMessage message, SipFlow.FailureListener onFailure) {
        if (!loop.eventLoop().inEventLoop()) {
            loop.owner().execute(() -> send(remote, message, onFailure));
            return;
        }
        ChannelFuture connecting = connections.get(remote);
        if (connecting == null) {
            connecting = connect(remote);
        }
        if (connecting.isDone()) {
            writeWhenConnected(connecting, message, onFailure);
        } else {
            connecting.addListener((ChannelFuture done) -> writeWhenConnected(done, message, onFailure));
        }
    }

    private ChannelFuture connect(InetSocketAddress remote) {
        ChannelFuture connecting = bootstrap.connect(remote);
        connections.put(remote, connecting);
        connecting.addListener((ChannelFuture done) -> {
            if (done.isSuccess()) {
                loop.counters().increment(TransportCounter.TCP_CONNECTIONS_OPENED);
                done.channel().closeFuture().addListener(closed -> connections.remove(remote, connecting));
            } else {
                loop.counters().increment(TransportCounter.TCP_CONNECT_FAILURES);
                connections.remove(remote, connecting);
            }
        });
        return connecting;
    }

    private void writeWhenConnected(ChannelFuture connecting, SipMessage message, SipFlow.FailureListener onFailure) {
        if (connecting.isSuccess()) {
            write(connecting.channel(), message, onFailure, loop);
        } else {
            loop.counters().increment(TransportCounter.SEND_FAILURES);
            onFailure.onSendFailure(connecting.cause());
        }
    }

    /** Writes a message on a connection; the outcome is counted on the connection's loop. Any thread. */
    static void write(Channel connection, SipMessage message, SipFlow.FailureListener onFailure, SipLoop anyLoop) {
        connection.writeAndFlush(message).addListener(future -> {
            SipLoop channelLoop = anyLoop.loopOf(connection);
            if (future.isSuccess()) {
                channelLoop.counters().increment(TransportCounter.MESSAGES_SENT);
            } else {
                SipTransport.writeFailed(channelLoop, message, future.cause());
                onFailure.onSendFailure(future.cause());
            }
        });
    }

    /** Closes every connection of this loop. Loop only. */
    List<ChannelFuture> closeAll() {
        List<ChannelFuture> closing = new ArrayList<>();
        for (ChannelFuture connecting : connections.values()) {
            closing.add(connecting.channel().close());
        }
        return closing;
    }
}
