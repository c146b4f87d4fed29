package io.holdfast.sip.transport;

import io.holdfast.sip.codec.DatagramSipMessageDecoder;
import io.holdfast.sip.codec.SipMessageEncoder;
import io.holdfast.sip.transaction.SipFlow;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.Future;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * SIP over UDP: on epoll one socket per event loop, all bound to the same port with SO_REUSEPORT so the kernel
 * spreads datagrams over every core (and keeps a peer on one loop); on NIO one socket on loop 0. A flow of
 * loop i sends from loop i's socket (from the single socket on NIO). Thread-safe after {@link #bind}.
 */
final class UdpSipTransport implements SipTransport {
    private static final int SOCKET_BUFFER_BYTES = 1 << 20;
    private static final SipMessageEncoder ENCODER = new SipMessageEncoder();

    private final SipStack stack;
    private final List<Channel> channels = new ArrayList<>();
    private final String sentByHost;
    private InetSocketAddress localAddress;

    private UdpSipTransport(SipStack stack, String sentByHost) {
        this.stack = stack;
        this.sentByHost = sentByHost;
    }

    static UdpSipTransport bind(SipStack stack, SipEventLoops loops, InetSocketAddress address, String sentByHost)
            throws InterruptedException {
        UdpSipTransport transport = new UdpSipTransport(stack, sentByHost);
        int sockets = loops.epoll() ? loops.size() : 1;
        InetSocketAddress bindTo = address;
        for (int i = 0; i < sockets; i++) {
            SipLoop loop = stack.loop(i);
            Bootstrap bootstrap = new Bootstrap()
                    .group(loop.eventLoop())
                    .channel(loops.datagramChannelClass())
                    .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                    .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                    .handler(new ChannelInitializer<DatagramChannel>() {
                        @Override
                        protected void initChannel(DatagramChannel channel) {
                            channel.pipeline().addLast(
                                    new DatagramSipMessageDecoder(loop.parser(), loop.codecCounters()),
                                    ENCODER,
                                    new SipInboundHandler(loop, false));
                        }
                    });
            if (loops.epoll()) {
                bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
            }
            Channel channel = bootstrap.bind(bindTo).sync().channel();
            transport.channels.add(channel);
            if (i == 0) {
                transport.localAddress = (InetSocketAddress) channel.localAddress();
                bindTo = transport.localAddress;
            }
        }
        return transport;
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    int socketCount() {
        return channels.size();
    }

    @Override
    public SipFlow flowTo(InetSocketAddress remote, int loopIndex) {
        int socket = channels.size() == 1 ? 0 : loopIndex;
        return new UdpFlow(channels.get(socket), remote, sentByHost, localAddress.getPort(), stack.loop(socket));
    }

    @Override
    public void close() {
        List<Future<?>> closing = new ArrayList<>();
        for (Channel channel : channels) {
            closing.add(channel.close());
        }
        for (Future<?> future : closing) {
            future.awaitUninterruptibly(CLOSE_WAIT_MS);
        }
    }
}
