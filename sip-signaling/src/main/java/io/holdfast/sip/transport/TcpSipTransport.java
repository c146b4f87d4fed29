package io.holdfast.sip.transport;

import io.holdfast.sip.codec.SipMessageEncoder;
import io.holdfast.sip.codec.StreamSipFrameDecoder;
import io.holdfast.sip.transaction.SipFlow;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SIP over TCP: one listening socket whose accepted connections are spread over the loops, and per loop a
 * {@link TcpConnections} table of outgoing connections. Every connection's pipeline frames the stream into
 * messages and hands them to its loop. Thread-safe after {@link #bind}.
 */
final class TcpSipTransport implements SipTransport {
    private static final SipMessageEncoder ENCODER = new SipMessageEncoder();

    private final SipStack stack;
    private final String sentByHost;
    private final TcpConnections[] connections;
    private Channel server;
    private InetSocketAddress localAddress;

    private TcpSipTransport(SipStack stack, String sentByHost, int loopCount) {
        this.stack = stack;
        this.sentByHost = sentByHost;
        this.connections = new TcpConnections[loopCount];
    }

    static TcpSipTransport bind(SipStack stack, SipEventLoops loops, InetSocketAddress address, String sentByHost,
                                Duration connectTimeout) throws InterruptedException {
        TcpSipTransport transport = new TcpSipTransport(stack, sentByHost, loops.size());
        for (int i = 0; i < loops.size(); i++) {
            SipLoop loop = stack.loop(i);
            Bootstrap bootstrap = new Bootstrap()
                    .group(loop.eventLoop())
                    .channel(loops.socketChannelClass())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                    .handler(pipeline(loop));
            transport.connections[i] = new TcpConnections(loop, bootstrap);
        }
        ServerBootstrap server = new ServerBootstrap()
                .group(loops.loop(0), loops.group())
                .channel(loops.serverSocketChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        SipLoop loop = stack.loopOf(channel.eventLoop());
                        loop.counters().increment(TransportCounter.TCP_CONNECTIONS_ACCEPTED);
                        addHandlers(channel, loop);
                    }
                });
        transport.server = server.bind(address).sync().channel();
        transport.localAddress = (InetSocketAddress) transport.server.localAddress();
        return transport;
    }

    private static ChannelInitializer<SocketChannel> pipeline(SipLoop loop) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                addHandlers(channel, loop);
            }
        };
    }

    private static void addHandlers(SocketChannel channel, SipLoop loop) {
        channel.pipeline().addLast(
                new StreamSipFrameDecoder(loop.parser(), loop.codecCounters()),
                ENCODER,
                new SipInboundHandler(loop, true));
    }

    @Override
    public Transport transport() {
        return Transport.TCP;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public SipFlow flowTo(InetSocketAddress remote, int loopIndex) {
        return new TcpFlow(null, remote, connections[loopIndex], sentByHost, localAddress.getPort());
    }

    /** The flow for responses to a request received on {@code connection} (§18.2.2). */
    SipFlow inboundFlow(Channel connection, InetSocketAddress fallback, SipLoop loop) {
        return new TcpFlow(connection, fallback, connections[loop.index()], sentByHost, localAddress.getPort());
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(CLOSE_WAIT_MS);
        List<ChannelFuture> closing = new ArrayList<>();
        for (TcpConnections table : connections) {
            table.loop().eventLoop().submit(() -> closing.addAll(table.closeAll())).awaitUninterruptibly(CLOSE_WAIT_MS);
        }
        for (ChannelFuture future : closing) {
            future.awaitUninterruptibly(CLOSE_WAIT_MS);
        }
    }
}
